import type { InboundView, MessageTemplate, MessageView, MessagingSettings, MessagingStatus, TodayList } from '../../../sdk/schemas/messaging.ts';
import type { PatientSummary } from '../../../sdk/schemas/patients.ts';
import { smsLength } from '../../../sdk/sms-length.ts';

/** Shared data of the SMS pages' msw tests. */
export const ids = {
  p1: '00000000-0000-4000-8000-000000000101', p2: '00000000-0000-4000-8000-000000000102', p3: '00000000-0000-4000-8000-000000000103',
  m1: '00000000-0000-4000-8000-000000000201', m2: '00000000-0000-4000-8000-000000000202', m3: '00000000-0000-4000-8000-000000000203',
  i1: '00000000-0000-4000-8000-000000000301', i2: '00000000-0000-4000-8000-000000000302',
  a1: '00000000-0000-4000-8000-000000000401', a2: '00000000-0000-4000-8000-000000000402',
  c1: '00000000-0000-4000-8000-000000000501', pr: '00000000-0000-4000-8000-000000000601',
};

export const organization = { subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' };

export function patient(id: string, firstName: string, lastName: string, mobile: string | null): PatientSummary {
  return { id, firstName, lastName, nationalId: '01017012345', mobile, mobileVerified: false, email: null, wantsSms: true, nextRecallDate: '2026-12-10' };
}

export function message(id: string, status: MessageView['status'], extra: Partial<MessageView> = {}): MessageView {
  return {
    id, channel: 'sms', kind: 'reminder1', status, recipient: '+4791234567', subject: null, body: 'Hei Kari, husk timen din 09.12.2026 kl. 12:45.',
    createdAt: '2026-11-30T07:31:00.000Z', sendAt: '2026-12-08T11:45:00.000Z', expiresAt: null, sentAt: status === 'waiting' ? null : '2026-11-30T08:00:00.000Z',
    repliedAt: status === 'replied' ? '2026-11-30T09:00:00.000Z' : null, attempts: status === 'waiting' ? 0 : 1, lastError: null, result: null, deliveryStatus: null,
    gateway: 'console', appointmentId: ids.a1, appointmentStart: '09.12.2026 12:45', patient: { id: ids.p1, firstName: 'Kari', lastName: 'Nordmann' },
    providerId: ids.pr, clinicId: ids.c1, ...extra,
  };
}

export function inbound(id: string, read: boolean, extra: Partial<InboundView> = {}): InboundView {
  return { id, from: '+4791234567', body: 'Ok, kommer!', receivedAt: '2026-11-30T09:00:00.000Z', read, followUp: false, messageId: null, patient: null, ...extra };
}

export function template(kind: MessageTemplate['kind'], body: string, custom = false): MessageTemplate {
  return { channel: 'sms', kind, locale: 'nb', subject: null, body, custom, standardSubject: null, standardBody: 'Hei [firstName], husk timen [time]. Mvh [clinic]', length: smsLength(body) };
}

export const MERGE_FIELDS = ['firstName', 'lastName', 'time', 'date', 'provider', 'clinic', 'clinicAddress', 'clinicPhone', 'treatment', 'manageLink', 'organization', 'code'];

export const settings: MessagingSettings = {
  smsEnabled: true, gateway: null, senderId: 'Acme', allowReplies: false, replyNumber: null, smsCountries: ['NO', 'SE'], reminderPolicy: 'all_valid_mobile',
  reminderHours: { reminder1: 24, reminder2: null, reminder3: null }, thanksHoursAfter: null, generalExpiryHours: 48, noSendWeekdays: [7],
  pause: { night: true, nightFrom: '22:00', nightTo: '07:00', saturdays: false, sundays: true }, testMode: false,
  confirmations: { sms: true, email: true }, emailFrom: null, emailFromName: null,
};

export const status: MessagingStatus = {
  counts: { waiting: 2, sent: 40, replied: 3, failed: 1, cancelled: 0, retrying: 0, expired: 0 } as MessagingStatus['counts'], waiting: 2, sent: 43,
  lastSuccessAt: '2026-11-30T08:00:00.000Z', lastReceivedAt: null, lastErrorAt: '2026-11-29T08:00:00.000Z', lastError: 'Invalid number', lastResult: 'Console: printed',
  workers: [{ id: 'worker-1', startedAt: '2026-11-30T06:00:00.000Z', beatAt: '2026-11-30T08:00:00.000Z', stoppedAt: null, intervalSeconds: 5, alive: true, lastResult: 'sent 1' }],
  pause: settings.pause, pausedNow: false, testMode: false, smsEnabled: true, gateway: 'console',
};

export const today: TodayList = {
  date: '2026-11-30',
  appointments: [
    { appointmentId: ids.a1, start: '2026-11-30T08:15:00.000Z', clinicId: ids.c1, providerId: ids.pr, providerName: 'Hanne Wildahl', patient: { id: ids.p1, firstName: 'Test', lastName: 'Testesen', wantsSms: true }, mobile: '+4799999999', remindersEnabled: true, reminders: { reminder1: null, reminder2: null, reminder3: null, thanks: null } },
    { appointmentId: ids.a2, start: '2026-11-30T09:30:00.000Z', clinicId: ids.c1, providerId: ids.pr, providerName: 'Hanne Wildahl', patient: { id: ids.p2, firstName: 'Lise', lastName: 'Gunnarsen', wantsSms: false }, mobile: null, remindersEnabled: true, reminders: { reminder1: null, reminder2: null, reminder3: null, thanks: null } },
  ],
};
