/** One changed value of an audit entry: where, and before and after (undefined: not there). */
export interface AuditChange {
  path: string;
  before: unknown;
  after: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (isObject(value) && Object.keys(value).length) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix || value !== null) into.set(prefix, value);
  return into;
}

/**
 * What an audit entry changed, value by value: the before and after
 * snapshots flattened to dotted paths, only the paths whose value differs.
 *
 * @example
 * auditChanges({ sms: { sender: 'Acme', on: true } }, { sms: { sender: 'Smil', on: true } });
 * // [{ path: 'sms.sender', before: 'Acme', after: 'Smil' }]
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const was = flatten(before, '', new Map());
  const now = flatten(after, '', new Map());
  const paths = [...new Set([...was.keys(), ...now.keys()])];
  return paths
    .filter((path) => JSON.stringify(was.get(path)) !== JSON.stringify(now.get(path)))
    .map((path) => ({ path, before: was.get(path), after: now.get(path) }));
}

/** A value of a change as a short text: strings quoted, lists joined, nothing as `—`. */
export function changeValue(value: unknown, yes: string, no: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'string') return `“${value}”`;
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
