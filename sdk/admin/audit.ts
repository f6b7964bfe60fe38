import type { Call } from '../http-call.ts';
import { AuditList, type AuditQuery } from '../schemas/admin-common.ts';

/**
 * The audit log (issue 9.1), newest first; `nextCursor` pages on.
 *
 * @example
 * const { entries } = await admin.listAudit({ action: 'settings.update' });
 */
export function auditMethods(call: Call) {
  return {
    listAudit: (query: AuditQuery = {}) => call(AuditList, 'audit', { searchParams: query }),
  };
}
