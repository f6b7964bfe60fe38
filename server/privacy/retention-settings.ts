import type { RetentionSettings as Settings } from '../../sdk/schemas/privacy.ts';
import { DEFAULT_RETENTION, RetentionSettings } from '../../sdk/schemas/privacy.ts';
import type { Actor } from '../admin/access.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Db, Executor } from '../db/database.ts';
import type { RetentionSettingsTable } from '../db/tables.ts';
import { validate } from '../domain/validate.ts';

const COLUMNS = {
  messageBodiesDays: 'message_bodies_days',
  verificationCodesDays: 'verification_codes_days',
  holdsDays: 'holds_days',
  auditLogDays: 'audit_log_days',
  idempotencyKeysDays: 'idempotency_keys_days',
  webhookDeliveriesDays: 'webhook_deliveries_days',
} as const satisfies Record<keyof Settings, keyof RetentionSettingsTable>;

const FIELDS = Object.keys(COLUMNS) as Array<keyof Settings>;

function fromRow(row: Partial<Record<(typeof COLUMNS)[keyof Settings], number>> | undefined): Settings {
  return Object.fromEntries(FIELDS.map((f) => [f, row?.[COLUMNS[f]] ?? DEFAULT_RETENTION[f]])) as Settings;
}

/**
 * An organization's retention periods (issue 11.5): its own, or the
 * standard ones where it set none.
 *
 * @example
 * const { auditLogDays } = await loadRetention(db, org.id);
 */
export async function loadRetention(db: Executor, organizationId: string): Promise<Settings> {
  return fromRow(await db.selectFrom('retention_settings').selectAll().where('organization_id', '=', organizationId).executeTakeFirst());
}

/**
 * Every organization's retention periods, for the purge: organizations
 * without a row of their own get the standard ones.
 *
 * @example
 * for (const { organizationId, settings } of await allRetention(db)) …
 */
export async function allRetention(db: Executor): Promise<Array<{ organizationId: string; settings: Settings }>> {
  const rows = await db.selectFrom('organizations as o').leftJoin('retention_settings as r', 'r.organization_id', 'o.id')
    .select(['o.id', ...FIELDS.map((f) => `r.${COLUMNS[f]}` as const)]).orderBy('o.id').execute();
  return rows.map((row) => ({ organizationId: row.id, settings: fromRow(row as Partial<Record<(typeof COLUMNS)[keyof Settings], number>>) }));
}

/**
 * Replaces the retention periods (each in days, within the bounds of
 * `RETENTION_LIMITS`; 422 names a field out of them). Audited with the
 * values before and after.
 *
 * @example
 * await saveRetention({ db, now }, org.id, actor, { ...DEFAULT_RETENTION, messageBodiesDays: 90 });
 */
export async function saveRetention(deps: { db: Db; now: () => Date }, organizationId: string, actor: Actor, body: unknown): Promise<Settings> {
  const settings = validate(RetentionSettings, body);
  const values = Object.fromEntries(FIELDS.map((f) => [COLUMNS[f], settings[f]])) as Record<(typeof COLUMNS)[keyof Settings], number>;
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadRetention(trx, organizationId);
    const at = deps.now();
    await trx.insertInto('retention_settings').values({ organization_id: organizationId, ...values, updated_at: at })
      .onConflict((oc) => oc.column('organization_id').doUpdateSet({ ...values, updated_at: at })).execute();
    await recordAudit(trx, organizationId, actor, { action: 'settings.update', target: { type: 'settings', id: 'retention' }, before, after: settings }, at);
    return settings;
  });
}
