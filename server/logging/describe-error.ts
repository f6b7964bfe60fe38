/**
 * An error as a log line: its name, SQLSTATE (if any) and message, with
 * anything that looks like a phone number, national id, one-time code,
 * token or e-mail address blanked, since database and driver errors can quote the values they
 * choked on. Logs must never carry patients' numbers, ids or texts.
 *
 * @example
 * describeError(new Error('invalid input syntax for type uuid: "+4791234567"')); // 'Error: invalid input syntax for type uuid: "[number]"'
 */
export function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}` : String(error);
  return text
    .replace(/[^\s@"'<>]+@[^\s@"'<>]+/g, '[address]')
    // A run of 16+ letters, digits, '-' and '_' with both letters and digits: a manage token, a uuid, a key.
    .replace(/(?<![\w-])(?=[\w-]{16,})(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]+/g, '[token]')
    // Six digits or more: a phone number, a national id, a one-time code.
    .replace(/\+?\d[\d -]{4,}\d/g, '[number]');
}
