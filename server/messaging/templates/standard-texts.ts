import type { Locale } from '../../../sdk/schemas/common.ts';
import type { MessageChannel, MessageKind } from '../../../sdk/schemas/messaging.ts';

export interface StandardText {
  subject: string | null;
  body: string;
}

/** The staff e-mails (invite, password reset): fixed texts of the staff accounts (`server/admin/staff-emails.ts`), no template. */
export const STAFF_KINDS = ['staff_invite', 'password_reset'] as const satisfies readonly MessageKind[];

type SmsTexts = Record<Exclude<MessageKind, (typeof STAFF_KINDS)[number]>, string>;
type EmailTexts = Record<'booked' | 'rebooked' | 'cancelled', StandardText>;

/**
 * The texts sent when an organization has written none ("reset to standard
 * text", S2). The SMS reminders fit one GSM-7 part with realistic names in
 * all three languages; the confirmations follow seed 001.
 */
const SMS: Record<Locale, SmsTexts> = {
  nb: {
    reminder1: 'Hei [firstName]! Påminnelse om time hos [provider], [clinic], [time]. Gi beskjed ved forfall. [organization]',
    reminder2: 'Hei [firstName], vi minner om timen hos [provider] [time], [clinic]. Velkommen! Mvh [organization]',
    reminder3: 'Hei [firstName], vi minner om timen din [time] hos [clinic]. Velkommen!',
    general: 'Hei [firstName]! Mvh [organization]',
    note: 'Hei [firstName]! Beskjed fra [clinic]: ',
    recall: 'Hei [firstName]! Det er tid for ny kontroll hos [organization]. Bestill time på nett eller ring oss.',
    thanks: 'Takk for besøket og velkommen igjen! Mvh [provider], [organization]',
    booked: 'Bestillingsbekreftelse. Din time: [time] hos [provider], [clinic]. Behandling: [treatment]. Endre/avbestill: [manageLink]',
    rebooked: 'Bekreftelse på ny time. Din nye tid: [time] hos [provider], [clinic]. Behandling: [treatment]. Velkommen!',
    cancelled: 'Avbestillingsbekreftelse. Du har avbestilt timen din [time] hos [organization]. Velkommen tilbake!',
    code: '[code] er koden din hos [organization]. Den gjelder i 10 minutter. Ikke del den med noen.',
  },
  sv: {
    reminder1: 'Hej [firstName]! Påminnelse om din tid hos [provider], [clinic], [time]. Meddela oss vid förhinder. [organization]',
    reminder2: 'Hej [firstName], vi påminner om din tid hos [provider] [time], [clinic]. Välkommen! Mvh [organization]',
    reminder3: 'Hej [firstName], vi påminner om din tid [time] hos [clinic]. Välkommen!',
    general: 'Hej [firstName]! Mvh [organization]',
    note: 'Hej [firstName]! Meddelande från [clinic]: ',
    recall: 'Hej [firstName]! Det är dags för en ny undersökning hos [organization]. Boka tid online eller ring oss.',
    thanks: 'Tack för besöket och välkommen åter! Mvh [provider], [organization]',
    booked: 'Bokningsbekräftelse. Din tid: [time] hos [provider], [clinic]. Behandling: [treatment]. Omboka/avboka: [manageLink]',
    rebooked: 'Bokningsbekräftelse för ny tid. Din nya tid: [time] hos [provider], [clinic]. Behandling: [treatment]. Välkommen!',
    cancelled: 'Avbokningsbekräftelse. Du har nu avbokat din tid [time] hos [organization]. Välkommen åter!',
    code: '[code] är din kod hos [organization]. Den gäller i 10 minuter. Dela den inte med någon.',
  },
  en: {
    reminder1: 'Hi [firstName]! Reminder: your appointment with [provider], [clinic], [time]. Cannot come? Tell us. [organization]',
    reminder2: 'Hi [firstName], we remind you of your appointment with [provider] [time], [clinic]. Welcome! [organization]',
    reminder3: 'Hi [firstName], a reminder of your appointment [time] at [clinic]. Welcome!',
    general: 'Hi [firstName]! Regards, [organization]',
    note: 'Hi [firstName]! A message from [clinic]: ',
    recall: 'Hi [firstName]! It is time for your next check-up at [organization]. Book online or call us.',
    thanks: 'Thank you for your visit, welcome back! [provider], [organization]',
    booked: 'Booking confirmed. Your time: [time] with [provider], [clinic]. Treatment: [treatment]. Change/cancel: [manageLink]',
    rebooked: 'New time confirmed. Your new time: [time] with [provider], [clinic]. Treatment: [treatment]. Welcome!',
    cancelled: 'Cancellation confirmed. You have cancelled your appointment [time] at [organization]. Welcome back!',
    code: '[code] is your code at [organization]. It is valid for 10 minutes. Do not share it with anyone.',
  },
};

const EMAIL: Record<Locale, EmailTexts> = {
  nb: {
    booked: { subject: 'Timebekreftelse [time]', body: 'Hei [firstName] [lastName],\n\nDu har bestilt time hos [provider] på [clinic]\n[time]\nBehandling: [treatment]\nAdresse: [clinicAddress]\n\nEndre eller avbestill: [manageLink]\n\nVelkommen!\n[organization]' },
    rebooked: { subject: 'Ny time [time]', body: 'Hei [firstName] [lastName],\n\nDin nye tid: [time]\nhos [provider] på [clinic]\nBehandling: [treatment]\n\nEndre eller avbestill: [manageLink]\n\nVelkommen!\n[organization]' },
    cancelled: { subject: 'Avbestilt time [time]', body: 'Hei [firstName] [lastName],\n\nDu har avbestilt timen din [time] hos [organization].\n\nBestillingen din: [manageLink]\n\nVelkommen tilbake!\n[organization]' },
  },
  sv: {
    booked: { subject: 'Bokningsbekräftelse [time]', body: 'Hej [firstName] [lastName],\n\nDu har bokat tid hos [provider] på [clinic]\n[time]\nBehandling: [treatment]\nAdress: [clinicAddress]\n\nOmboka eller avboka: [manageLink]\n\nVälkommen!\n[organization]' },
    rebooked: { subject: 'Ny tid [time]', body: 'Hej [firstName] [lastName],\n\nDin nya tid: [time]\nhos [provider] på [clinic]\nBehandling: [treatment]\n\nOmboka eller avboka: [manageLink]\n\nVälkommen!\n[organization]' },
    cancelled: { subject: 'Avbokad tid [time]', body: 'Hej [firstName] [lastName],\n\nDu har avbokat din tid [time] hos [organization].\n\nDin bokning: [manageLink]\n\nVälkommen åter!\n[organization]' },
  },
  en: {
    booked: { subject: 'Appointment confirmed [time]', body: 'Hello [firstName] [lastName],\n\nYou have booked an appointment with [provider] at [clinic]\n[time]\nTreatment: [treatment]\nAddress: [clinicAddress]\n\nChange or cancel: [manageLink]\n\nWelcome!\n[organization]' },
    rebooked: { subject: 'New appointment time [time]', body: 'Hello [firstName] [lastName],\n\nYour new time: [time]\nwith [provider] at [clinic]\nTreatment: [treatment]\n\nChange or cancel: [manageLink]\n\nWelcome!\n[organization]' },
    cancelled: { subject: 'Appointment cancelled [time]', body: 'Hello [firstName] [lastName],\n\nYou have cancelled your appointment [time] at [organization].\n\nYour booking: [manageLink]\n\nWelcome back!\n[organization]' },
  },
};

/** The one-time code by e-mail (issue 8, item 1): a standard text only, like the SMS one. */
const EMAIL_CODE: Record<Locale, StandardText> = {
  nb: { subject: 'Koden din: [code]', body: 'Hei,\n\nKoden din hos [organization] er [code].\nDen gjelder i 10 minutter. Ikke del den med noen.\n\nHar du ikke bedt om en kode, kan du se bort fra denne e-posten.\n\n[organization]' },
  sv: { subject: 'Din kod: [code]', body: 'Hej,\n\nDin kod hos [organization] är [code].\nDen gäller i 10 minuter. Dela den inte med någon.\n\nHar du inte bett om en kod kan du bortse från det här mejlet.\n\n[organization]' },
  en: { subject: 'Your code: [code]', body: 'Hello,\n\nYour code at [organization] is [code].\nIt is valid for 10 minutes. Do not share it with anyone.\n\nIf you did not ask for a code, you can ignore this e-mail.\n\n[organization]' },
};

/** The kinds that have an e-mail template (W10). */
export const EMAIL_KINDS = ['booked', 'rebooked', 'cancelled'] as const;

/**
 * The standard text of a template, or undefined when the channel has no
 * template of that kind (e-mail has the three confirmations and the
 * one-time code; the code's texts are standard only, not listed for editing).
 *
 * @example
 * standardText('sms', 'reminder1', 'nb')?.body; // 'Hei [firstName]! Påminnelse om time …'
 */
export function standardText(channel: MessageChannel, kind: MessageKind, locale: Locale): StandardText | undefined {
  if ((STAFF_KINDS as readonly string[]).includes(kind)) return undefined;
  if (channel === 'sms') return { subject: null, body: SMS[locale][kind as keyof SmsTexts] };
  if (kind === 'code') return EMAIL_CODE[locale];
  return (EMAIL_KINDS as readonly string[]).includes(kind) ? EMAIL[locale][kind as (typeof EMAIL_KINDS)[number]] : undefined;
}
