import { AuditList, AuditQuery } from '../../../sdk/schemas/admin-common.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

/** The audit log (issue 9.1). */
export const AUDIT_OPERATIONS: ApiOperation[] = [
  { method: 'get', path: `${ADMIN}/audit`, tag: 'Admin: access', summary: 'Every change made through the admin API, newest first (paged)', security: 'admin', query: AuditQuery, ok: { status: 200, schema: AuditList, name: 'AuditList' }, errors: ['forbidden'] },
];
