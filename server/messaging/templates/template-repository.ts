import { randomUUID } from 'node:crypto';
import type { Locale } from '../../../sdk/schemas/common.ts';
import { MessageKind, type MessageChannel, type MessageTemplate } from '../../../sdk/schemas/messaging.ts';
import type { Executor } from '../../db/database.ts';
import { DomainError } from '../../domain/domain-error.ts';
import { renderTemplate, requireKnownMergeFields, SAMPLE_VALUES } from './merge-fields.ts';
import { smsLength } from '../../../sdk/sms-length.ts';
import { EMAIL_KINDS, STAFF_KINDS, standardText } from './standard-texts.ts';

/**
 * The text of a template: the organization's own, else the standard one.
 *
 * @example
 * const { subject, body } = await templateText(trx, org.id, 'sms', 'reminder1', 'nb');
 */
export async function templateText(db: Executor, organizationId: string, channel: MessageChannel, kind: MessageKind, locale: Locale): Promise<{ subject: string | null; body: string }> {
  const row = await db
    .selectFrom('message_templates')
    .select(['subject', 'body'])
    .where('organization_id', '=', organizationId)
    .where('channel', '=', channel)
    .where('kind', '=', kind)
    .where('locale', '=', locale)
    .executeTakeFirst();
  if (row) return row;
  const standard = standardText(channel, kind, locale);
  if (!standard) throw new DomainError('not_found', { detail: `No ${channel} template of kind ${kind}` });
  return standard;
}

/** Every template of the organization's locale (S2, W10, W11), each with its standard text and SMS length. */
export async function listTemplates(db: Executor, organizationId: string, locale: Locale): Promise<MessageTemplate[]> {
  const rows = await db.selectFrom('message_templates').selectAll().where('organization_id', '=', organizationId).where('locale', '=', locale).execute();
  const out: MessageTemplate[] = [];
  for (const channel of ['sms', 'email'] as const) {
    const kinds = channel === 'sms' ? MessageKind.options.filter((k) => k !== 'code' && !(STAFF_KINDS as readonly string[]).includes(k)) : EMAIL_KINDS;
    for (const kind of kinds) {
      const standard = standardText(channel, kind, locale)!;
      const own = rows.find((r) => r.channel === channel && r.kind === kind);
      out.push(toTemplate(channel, kind, locale, own ?? null, standard));
    }
  }
  return out;
}

/** Saves the organization's own text; an unknown merge field or a kind the channel lacks is refused. */
export async function saveTemplate(db: Executor, organizationId: string, locale: Locale, channel: MessageChannel, kind: MessageKind, text: { body: string; subject?: string | null | undefined }): Promise<MessageTemplate> {
  const standard = standardText(channel, kind, locale);
  if (!standard || kind === 'code') throw DomainError.invalid('kind', `No ${channel} template of kind ${kind}`, 'not_found');
  requireKnownMergeFields(text.body, 'body');
  if (text.subject) requireKnownMergeFields(text.subject, 'subject');
  const subject = channel === 'email' ? (text.subject ?? standard.subject) : null;
  await db
    .insertInto('message_templates')
    .values({ id: randomUUID(), organization_id: organizationId, channel, kind, locale, subject, body: text.body })
    .onConflict((oc) => oc.columns(['organization_id', 'channel', 'kind', 'locale']).doUpdateSet({ subject, body: text.body }))
    .execute();
  return toTemplate(channel, kind, locale, { subject, body: text.body }, standard);
}

/** "Reset to the standard text" (S2): removes the organization's own text. */
export async function resetTemplate(db: Executor, organizationId: string, locale: Locale, channel: MessageChannel, kind: MessageKind): Promise<MessageTemplate> {
  const standard = standardText(channel, kind, locale);
  if (!standard) throw DomainError.invalid('kind', `No ${channel} template of kind ${kind}`, 'not_found');
  await db.deleteFrom('message_templates').where('organization_id', '=', organizationId).where('channel', '=', channel).where('kind', '=', kind).where('locale', '=', locale).execute();
  return toTemplate(channel, kind, locale, null, standard);
}

function toTemplate(channel: MessageChannel, kind: MessageKind, locale: Locale, own: { subject: string | null; body: string } | null, standard: { subject: string | null; body: string }): MessageTemplate {
  const body = own?.body ?? standard.body;
  return {
    channel, kind, locale,
    subject: own?.subject ?? standard.subject,
    body,
    custom: own !== null,
    standardSubject: standard.subject,
    standardBody: standard.body,
    // Estimated as sent: merge fields filled with typical values (W11).
    length: channel === 'sms' ? smsLength(renderTemplate(body, SAMPLE_VALUES[locale])) : null,
  };
}
