import { EraseRequest, EraseResult, PatientExport, RetentionSettings } from '../../../sdk/schemas/privacy.ts';
import { ADMIN, type ApiOperation } from '../api-operation.ts';

const TAG = 'Admin: privacy';

/** Export and erasure of a patient's data, and retention periods (issue 11.5). */
export const PRIVACY_OPERATIONS: ApiOperation[] = [
  {
    method: 'get', path: `${ADMIN}/patients/:id/export`, tag: TAG, summary: 'Everything held about one patient, as a JSON download', security: 'admin',
    description: 'Owners and admins only (no API key). Answered with `Content-Disposition: attachment`; audited without the data.',
    ok: { status: 200, schema: PatientExport, name: 'PatientExport' },
  },
  {
    method: 'post', path: `${ADMIN}/patients/:id/erase`, tag: TAG, summary: 'Erases a patient: details, messages and codes removed, appointments kept anonymized', security: 'admin',
    description: 'Owners and admins only (no API key). Future appointments are cancelled and queued messages to the patient are never sent. One transaction; erasing again answers `alreadyErased`.',
    body: { schema: EraseRequest, name: 'EraseRequest' }, ok: { status: 200, schema: EraseResult, name: 'EraseResult' },
  },
  { method: 'get', path: `${ADMIN}/settings/retention`, tag: TAG, summary: 'How long old messages, codes, holds, audit entries, stored answers and webhook deliveries are kept', security: 'admin', ok: { status: 200, schema: RetentionSettings, name: 'RetentionSettings' } },
  { method: 'put', path: `${ADMIN}/settings/retention`, tag: TAG, summary: 'Sets the retention periods (days, each within its bounds)', security: 'admin', body: { schema: RetentionSettings, name: 'RetentionSettings' }, ok: { status: 200, schema: RetentionSettings, name: 'RetentionSettings' } },
];
