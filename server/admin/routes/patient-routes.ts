import { Hono } from 'hono';
import { Id } from '../../../sdk/schemas/common.ts';
import { PatientSearchQuery, PendingChangeQuery, RecallQuery } from '../../../sdk/schemas/patients.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import { patientView, recallDue, searchPatients, updatePatient } from '../../patients/patient-admin.ts';
import { decidePendingChange, listPendingChanges } from '../../patients/pending-changes.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/**
 * Patients (issue 9.5): search, the recall search (S11), view, edit, and
 * the pending changes of B18 with accept and reject.
 *
 * @example
 * api.route('/', patientRoutes(deps));
 */
export function patientRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const id = (raw: string | undefined) => validate(Id, raw, 'id');

  api.get('/patients', async (c) => c.json(await searchPatients(deps.db, c.get('org'), validate(PatientSearchQuery, c.req.query()))));
  api.get('/patients/recall', async (c) => c.json(await recallDue(deps.db, c.get('org'), validate(RecallQuery, c.req.query()))));
  api.get('/patients/:id', async (c) => c.json(await patientView(deps.db, c.get('org'), id(c.req.param('id')))));
  api.patch('/patients/:id', async (c) => {
    const patientId = id(c.req.param('id'));
    return c.json(await updatePatient(deps, c.get('org'), c.get('actor'), patientId, await readJson(c.req.raw)));
  });
  api.get('/pending-changes', async (c) => c.json(await listPendingChanges(deps.db, c.get('org'), validate(PendingChangeQuery, c.req.query()))));
  for (const decision of ['accept', 'reject'] as const) {
    api.post(`/pending-changes/:id/${decision}`, async (c) => c.json(await decidePendingChange(deps, c.get('org'), c.get('actor'), id(c.req.param('id')), decision)));
  }
  return api;
}
