import { MessagingSettings, type MessagingSettingsPatch } from '../../sdk/schemas/messaging.ts';
import type { Executor } from '../db/database.ts';
import { DomainError } from '../domain/domain-error.ts';
import { validate } from '../domain/validate.ts';

/** What an organization starts with (seed 000: reminders 70 and 22 hours before, night pause 22–07). */
export const DEFAULT_MESSAGING: MessagingSettings = {
  smsEnabled: true,
  gateway: null,
  senderId: null,
  allowReplies: false,
  replyNumber: null,
  smsCountries: ['NO', 'SE', 'DK', 'FI'],
  reminderPolicy: 'wants_sms',
  reminderHours: { reminder1: 70, reminder2: 22, reminder3: null },
  thanksHoursAfter: null,
  generalExpiryHours: 72,
  noSendWeekdays: [],
  pause: { night: true, nightFrom: '22:00', nightTo: '07:00', saturdays: false, sundays: false },
  testMode: false,
  confirmations: { sms: true, email: true },
  emailFrom: null,
  emailFromName: null,
};

/**
 * The stored `organizations.messaging` json resolved over the defaults; the
 * nested sections merge key by key. A stored value the schema refuses fails
 * loudly rather than sending with a wrong setting.
 *
 * @example
 * messagingSettingsFrom({ reminderPolicy: 'none' }).reminderHours.reminder1; // 70
 */
export function messagingSettingsFrom(stored: unknown): MessagingSettings {
  return MessagingSettings.parse(mergeSettings(DEFAULT_MESSAGING, asRecord(stored) as MessagingSettingsPatch));
}

/** Applies a patch: top-level keys replace, `pause`, `reminderHours` and `confirmations` merge. */
export function mergeSettings(base: MessagingSettings, patch: MessagingSettingsPatch): MessagingSettings {
  return {
    ...base,
    ...patch,
    pause: { ...base.pause, ...asRecord(patch.pause) },
    reminderHours: { ...base.reminderHours, ...asRecord(patch.reminderHours) },
    confirmations: { ...base.confirmations, ...asRecord(patch.confirmations) },
  } as MessagingSettings;
}

/** The organization's messaging settings. */
export async function loadMessagingSettings(db: Executor, organizationId: string): Promise<MessagingSettings> {
  const row = await db.selectFrom('organizations').select('messaging').where('id', '=', organizationId).executeTakeFirst();
  if (!row) throw new DomainError('not_found');
  return messagingSettingsFrom(row.messaging);
}

/** Saves a validated patch and answers the resolved settings. */
export async function saveMessagingSettings(db: Executor, organizationId: string, patch: MessagingSettingsPatch): Promise<MessagingSettings> {
  const current = await loadMessagingSettings(db, organizationId);
  const next = validate(MessagingSettings, mergeSettings(current, patch));
  if (next.allowReplies && next.replyNumber === null) throw DomainError.invalid('replyNumber', 'Replies need a reply number (S3)', 'required');
  await db.updateTable('organizations').set({ messaging: JSON.stringify(next) }).where('id', '=', organizationId).execute();
  return next;
}

/**
 * The SMS sender (S3): the reply number when replies are allowed, else the
 * sender text, else the organization's name cut to an alphanumeric 11.
 *
 * @example
 * smsSender({ ...DEFAULT_MESSAGING }, 'Demo Tannklinikk'); // 'DemoTannkli'
 */
export function smsSender(settings: MessagingSettings, organizationName: string): string {
  if (settings.allowReplies && settings.replyNumber) return settings.replyNumber;
  if (settings.senderId) return settings.senderId;
  const ascii = organizationName.normalize('NFD').replace(/[^A-Za-z0-9]/g, '');
  return /[A-Za-z]/.test(ascii) ? ascii.slice(0, 11) : 'Clinic';
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
