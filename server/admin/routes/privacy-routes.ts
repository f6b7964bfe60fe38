import { Hono } from 'hono';
import { Id } from '../../../sdk/schemas/common.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import { validate } from '../../domain/validate.ts';
import { readJson } from '../../http/read-json.ts';
import { erasePatient } from '../../privacy/patient-erasure.ts';
import { exportPatient } from '../../privacy/patient-export.ts';
import { loadRetention, saveRetention } from '../../privacy/retention-settings.ts';
import type { AdminDeps } from '../admin-api.ts';
import type { AdminEnv } from '../access.ts';

/**
 * Privacy (issue 11.5): a patient's data exported as a JSON download and a
 * patient erased (both `privacy`: owners and admins, no API key), and the
 * retention periods (`read` to see, `settings` to change). Exports and
 * erasures are audited as having happened, never with the data.
 *
 * @example
 * api.route('/', privacyRoutes(deps));
 */
export function privacyRoutes(deps: AdminDeps) {
  const api = new Hono<AdminEnv>();
  const id = (raw: string | undefined) => validate(Id, raw, 'id');

  api.get('/patients/:id/export', async (c) => {
    const patientId = id(c.req.param('id'));
    const org = c.get('org');
    const data = await deps.db.transaction().execute(async (trx) => {
      const exported = await exportPatient(trx, org, patientId, deps.now());
      await recordAudit(trx, org.id, c.get('actor'), { action: 'patient.export', target: { type: 'patient', id: patientId } }, deps.now());
      return exported;
    });
    c.header('Content-Disposition', `attachment; filename="patient-${patientId}.json"`);
    c.header('Cache-Control', 'no-store');
    return c.json(data);
  });
  api.post('/patients/:id/erase', async (c) => {
    const patientId = id(c.req.param('id'));
    return c.json(await erasePatient(deps, c.get('org'), c.get('actor'), patientId, await readJson(c.req.raw)));
  });
  api.get('/settings/retention', async (c) => c.json(await loadRetention(deps.db, c.get('org').id)));
  api.put('/settings/retention', async (c) => c.json(await saveRetention(deps, c.get('org').id, c.get('actor'), await readJson(c.req.raw))));
  return api;
}
