import type { Locale } from '../../../../sdk/schemas/common.ts';
import type { MessageStatus, SendResult } from '../../../../sdk/schemas/messaging.ts';
import { translator, type Texts } from '../../i18n.ts';
import { smsLength } from '../../../../sdk/sms-length.ts';

/** What the SMS pages say about messages: seed 000's status codes in words, why one was skipped, the part count in words. */

/** Seed 000's status codes (S13) for the API's statuses. */
export const STATUS_CODE: Record<MessageStatus, string> = { waiting: 'V', sent: 'S', replied: 'SB', failed: 'F', cancelled: 'A', retrying: 'FV', expired: 'U' };
export const STATUSES = Object.keys(STATUS_CODE) as MessageStatus[];

const texts = {
  en: {
    waiting: 'Waiting', sent: 'Sent', replied: 'Sent and replied', failed: 'Failed', cancelled: 'Cancelled', retrying: 'Failed, retrying', expired: 'Expired',
    waitingHelp: 'The SMS is sent when its time comes.', sentHelp: 'The SMS has been sent.', repliedHelp: 'The SMS was sent and the recipient’s reply has been received.',
    failedHelp: 'Sending stopped because of an error. The SMS will not be sent.', cancelledHelp: 'Sending was cancelled by a user. The SMS will not be sent.',
    retryingHelp: 'An error occurred; new attempts to send the SMS will be made.', expiredHelp: 'Its time to be sent ran out before it could be sent; no more attempts will be made.',
    no_valid_mobile: 'no valid mobile number', foreign_number: 'the number is in a country the clinic does not text', not_found: 'not found',
    count: '{characters} characters, {parts} SMS part(s), {encoding}. {remaining} characters left in the last part.', countEmpty: 'Empty: 0 SMS parts.',
    gsm7: 'GSM-7 (160 per SMS, 153 per part when longer)', ucs2: 'UCS-2 because of special characters or emoji (70 per SMS, 67 per part when longer)',
  },
  nb: {
    waiting: 'Venter', sent: 'Sendt', replied: 'Sendt og besvart', failed: 'Feil', cancelled: 'Avlyst', retrying: 'Feil og venter igjen', expired: 'Utgått',
    waitingHelp: 'SMS-en sendes når registrert tid inntreffer.', sentHelp: 'SMS-en er sendt.', repliedHelp: 'SMS-en er sendt, og svar fra mottakeren er registrert.',
    failedHelp: 'Sendingen er avbrutt på grunn av feil. SMS-en sendes ikke.', cancelledHelp: 'Sendingen er avbrutt av en bruker. SMS-en sendes ikke.',
    retryingHelp: 'En feil har oppstått; nye forsøk på å sende SMS-en vil bli gjort.', expiredHelp: 'Perioden for sending har gått ut uten at SMS-en ble sendt; det gjøres ingen nye forsøk.',
    no_valid_mobile: 'mangler gyldig mobilnummer', foreign_number: 'nummeret er i et land klinikken ikke sender SMS til', not_found: 'finnes ikke',
    count: '{characters} tegn, {parts} SMS-del(er), {encoding}. {remaining} tegn igjen i siste del.', countEmpty: 'Tom: 0 SMS-deler.',
    gsm7: 'GSM-7 (160 per SMS, 153 per del når den er lengre)', ucs2: 'UCS-2 på grunn av spesialtegn eller emoji (70 per SMS, 67 per del når den er lengre)',
  },
  sv: {
    waiting: 'Väntar', sent: 'Skickat', replied: 'Skickat och besvarat', failed: 'Fel', cancelled: 'Avbrutet', retrying: 'Fel, försöker igen', expired: 'Utgånget',
    waitingHelp: 'Sms:et skickas när den registrerade tiden inträffar.', sentHelp: 'Sms:et är skickat.', repliedHelp: 'Sms:et är skickat och mottagarens svar har registrerats.',
    failedHelp: 'Sändningen avbröts på grund av ett fel. Sms:et skickas inte.', cancelledHelp: 'Sändningen avbröts av en användare. Sms:et skickas inte.',
    retryingHelp: 'Ett fel har uppstått; nya försök att skicka sms:et kommer att göras.', expiredHelp: 'Tiden för att skicka gick ut innan sms:et skickades; inga nya försök görs.',
    no_valid_mobile: 'saknar giltigt mobilnummer', foreign_number: 'numret är i ett land kliniken inte skickar sms till', not_found: 'finns inte',
    count: '{characters} tecken, {parts} sms-del(ar), {encoding}. {remaining} tecken kvar i sista delen.', countEmpty: 'Tomt: 0 sms-delar.',
    gsm7: 'GSM-7 (160 per sms, 153 per del när det är längre)', ucs2: 'UCS-2 på grund av specialtecken eller emoji (70 per sms, 67 per del när det är längre)',
  },
} satisfies Texts<string>;

export const common = (locale: Locale) => translator(texts, locale);

/** "V – Waiting": a status's code and name; `help` the seed's sentence for it. */
export function statusName(status: MessageStatus, locale: Locale): string {
  return `${STATUS_CODE[status]} – ${common(locale)(status)}`;
}
export function statusHelp(status: MessageStatus, locale: Locale): string {
  return common(locale)(`${status}Help`);
}
export function skipReason(reason: SendResult['skipped'][number]['reason'], locale: Locale): string {
  return common(locale)(reason);
}

/** The part count in words, for a text as typed (GSM-7 vs UCS-2): "161 characters, 2 SMS part(s), GSM-7 …". */
export function partCount(text: string, locale: Locale): string {
  const length = smsLength(text);
  const t = common(locale);
  return length.units === 0 ? t('countEmpty') : t('count', { characters: length.units, parts: length.parts, encoding: t(length.encoding), remaining: length.remaining });
}

