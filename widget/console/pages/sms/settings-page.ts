import { html, nothing } from 'lit';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import { OpusApiError } from '../../../../sdk/errors.ts';
import type { MessagingSettings } from '../../../../sdk/schemas/messaging.ts';
import type { Problem } from '../../../../sdk/schemas/problem.ts';
import { INTL, translator, type Texts } from '../../i18n.ts';
import { FormController, fieldId } from '../../ui/form.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { smsStyles } from './sms-styles.ts';

/** The form's draft: the settings with nullable texts as strings and the countries as one text. */
export type SettingsDraft = Omit<MessagingSettings, 'smsCountries' | 'senderId' | 'replyNumber' | 'emailFrom' | 'emailFromName' | 'gateway'> & {
  smsCountries: string; senderId: string; replyNumber: string; emailFrom: string; emailFromName: string; gateway: string;
};

export function toDraft(s: MessagingSettings): SettingsDraft {
  return { ...s, smsCountries: s.smsCountries.join(', '), senderId: s.senderId ?? '', replyNumber: s.replyNumber ?? '', emailFrom: s.emailFrom ?? '', emailFromName: s.emailFromName ?? '', gateway: s.gateway ?? '' };
}

export function fromDraft(d: SettingsDraft): MessagingSettings {
  const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    ...d,
    smsCountries: d.smsCountries.split(/[\s,;]+/).map((c) => c.trim().toUpperCase()).filter(Boolean),
    senderId: orNull(d.senderId), replyNumber: orNull(d.replyNumber), emailFrom: orNull(d.emailFrom), emailFromName: orNull(d.emailFromName),
    gateway: orNull(d.gateway) as MessagingSettings['gateway'],
    noSendWeekdays: [...d.noSendWeekdays].sort((a, b) => a - b),
  };
}

const texts = {
  en: {
    service: 'SMS service', smsEnabled: 'Send SMS from this organization', gateway: 'SMS gateway', gatewayDefault: 'The server’s default',
    testMode: 'Test mode: no SMS is sent to the gateway; messages are marked sent with the result “test mode”',
    sender: 'Sender and replies', senderId: 'Sender name', senderIdHint: '1–11 letters, digits or spaces, with a letter. Empty: from the organization’s name. Used when replies are not allowed.',
    allowReplies: 'Patients may reply (the sender is the reply number)', replyNumber: 'Reply number', replyNumberHint: 'In E.164, e.g. +4791234567.',
    smsCountries: 'Countries texted', smsCountriesHint: 'Country codes separated by commas, e.g. NO, SE. Empty: any country. A number elsewhere is refused.',
    reminders: 'Reminders', reminderPolicy: 'Who gets reminders', all_valid_mobile: 'Everyone with a valid mobile number', wants_sms: 'Only patients marked “Wants SMS”', none: 'No one',
    reminder1: 'Reminder 1: hours before the appointment', reminder2: 'Reminder 2: hours before the appointment', reminder3: 'Reminder 3: hours before the appointment',
    hoursHint: 'Empty: this reminder is off.', thanksHoursAfter: 'Thanks for the visit: hours after the appointment', generalExpiryHours: 'A general SMS may be sent for (hours)',
    generalExpiryHint: 'After this it expires (U) if it could not be sent.',
    noSend: 'No-send days', noSendHint: 'No reminder is scheduled on these days; it is sent on the day before instead.',
    quiet: 'Quiet hours', night: 'Pause at night', nightFrom: 'Pause from', nightTo: 'Pause until', saturdays: 'Pause on Saturdays', sundays: 'Pause on Sundays',
    quietHint: 'SMS due in a pause wait until it ends. E-mail is not held.',
    confirmations: 'Confirmations of bookings, changes and cancellations', confirmSms: 'By SMS', confirmEmail: 'By e-mail',
    emailFrom: 'E-mail sender address', emailFromHint: 'Empty: the server’s default.', emailFromName: 'E-mail sender name',
    readOnly: 'Your role may read these settings but not change them.',
  },
  nb: {
    service: 'SMS-tjeneste', smsEnabled: 'Send SMS fra denne virksomheten', gateway: 'SMS-leverandør', gatewayDefault: 'Serverens standard',
    testMode: 'Testmodus: ingen SMS sendes til leverandøren; meldingene merkes som sendt med resultatet «testmodus»',
    sender: 'Avsender og svar', senderId: 'Avsendernavn', senderIdHint: '1–11 bokstaver, sifre eller mellomrom, minst én bokstav. Tomt: fra virksomhetens navn. Brukes når svar ikke er tillatt.',
    allowReplies: 'Pasienter kan svare (avsender er svarnummeret)', replyNumber: 'Svarnummer', replyNumberHint: 'På formen +4791234567 (E.164).',
    smsCountries: 'Land det sendes SMS til', smsCountriesHint: 'Landkoder skilt med komma, f.eks. NO, SE. Tomt: alle land. Et nummer i et annet land avvises.',
    reminders: 'Påminnelser', reminderPolicy: 'Hvem får påminnelser', all_valid_mobile: 'Alle med gyldig mobilnummer', wants_sms: 'Bare pasienter merket «Ønsker SMS»', none: 'Ingen',
    reminder1: 'Påminnelse 1: timer før avtalen', reminder2: 'Påminnelse 2: timer før avtalen', reminder3: 'Påminnelse 3: timer før avtalen',
    hoursHint: 'Tomt: denne påminnelsen er av.', thanksHoursAfter: 'Takk for besøket: timer etter avtalen', generalExpiryHours: 'En generell SMS kan sendes i (timer)',
    generalExpiryHint: 'Etter dette utgår den (U) hvis den ikke kunne sendes.',
    noSend: 'Dager uten utsending', noSendHint: 'Ingen påminnelse legges på disse dagene; den sendes dagen før i stedet.',
    quiet: 'Pause i utsendingen', night: 'Pause om natten', nightFrom: 'Pause fra', nightTo: 'Pause til', saturdays: 'Pause på lørdager', sundays: 'Pause på søndager',
    quietHint: 'SMS som skal sendes i en pause, venter til pausen er over. E-post holdes ikke tilbake.',
    confirmations: 'Bekreftelser på bestilling, endring og avbestilling', confirmSms: 'På SMS', confirmEmail: 'På e-post',
    emailFrom: 'Avsenderadresse for e-post', emailFromHint: 'Tomt: serverens standard.', emailFromName: 'Avsendernavn for e-post',
    readOnly: 'Rollen din kan lese innstillingene, men ikke endre dem.',
  },
  sv: {
    service: 'Sms-tjänst', smsEnabled: 'Skicka sms från den här organisationen', gateway: 'Sms-leverantör', gatewayDefault: 'Serverns standard',
    testMode: 'Testläge: inga sms skickas till leverantören; meddelandena markeras som skickade med resultatet ”testläge”',
    sender: 'Avsändare och svar', senderId: 'Avsändarnamn', senderIdHint: '1–11 bokstäver, siffror eller mellanslag, minst en bokstav. Tomt: från organisationens namn. Används när svar inte är tillåtna.',
    allowReplies: 'Patienter kan svara (avsändaren är svarsnumret)', replyNumber: 'Svarsnummer', replyNumberHint: 'På formen +46701234567 (E.164).',
    smsCountries: 'Länder som får sms', smsCountriesHint: 'Landskoder åtskilda med komma, t.ex. SE, NO. Tomt: alla länder. Ett nummer i ett annat land avvisas.',
    reminders: 'Påminnelser', reminderPolicy: 'Vilka får påminnelser', all_valid_mobile: 'Alla med giltigt mobilnummer', wants_sms: 'Bara patienter markerade ”Vill ha sms”', none: 'Ingen',
    reminder1: 'Påminnelse 1: timmar före besöket', reminder2: 'Påminnelse 2: timmar före besöket', reminder3: 'Påminnelse 3: timmar före besöket',
    hoursHint: 'Tomt: påminnelsen är avstängd.', thanksHoursAfter: 'Tack för besöket: timmar efter besöket', generalExpiryHours: 'Ett allmänt sms kan skickas i (timmar)',
    generalExpiryHint: 'Därefter går det ut (U) om det inte kunde skickas.',
    noSend: 'Dagar utan utskick', noSendHint: 'Ingen påminnelse läggs på dessa dagar; den skickas dagen före i stället.',
    quiet: 'Paus i utskicken', night: 'Pausa nattetid', nightFrom: 'Paus från', nightTo: 'Paus till', saturdays: 'Pausa lördagar', sundays: 'Pausa söndagar',
    quietHint: 'Sms som ska skickas under en paus väntar tills pausen är slut. E-post hålls inte kvar.',
    confirmations: 'Bekräftelser av bokning, ändring och avbokning', confirmSms: 'Med sms', confirmEmail: 'Med e-post',
    emailFrom: 'Avsändaradress för e-post', emailFromHint: 'Tomt: serverns standard.', emailFromName: 'Avsändarnamn för e-post',
    readOnly: 'Din roll kan läsa inställningarna men inte ändra dem.',
  },
} satisfies Texts<string>;

/** An issue on `smsCountries.1` belongs to the countries field as typed. */
function onFields(error: unknown): unknown {
  if (!(error instanceof OpusApiError) || !error.problem) return error;
  const issues = error.issues.map((i) => ({ ...i, path: i.path.startsWith('smsCountries') ? 'smsCountries' : i.path.startsWith('noSendWeekdays') ? 'noSendWeekdays' : i.path }));
  return new OpusApiError(error.status, error.code, error.message, { ...error.problem, issues } as Problem, error.retryAfter);
}

/**
 * S1, S3–S6, S15, W10 (seed 000's "Oppsett" and "SMS informasjon"): the
 * messaging settings, all of `MessagingSettings`, with Save and Reset.
 */
export class SmsSettingsPage extends ConsolePage {
  static override styles = [consoleStyles, smsStyles];

  private readonly api = () => messagingMethods(this.ctx.call);
  private readonly form = new FormController<SettingsDraft>(this);
  private readonly settings = new Loader(this, () => this.api().getSettings(), (value) => this.form.load(toDraft(value)));

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    void this.settings.load();
  }

  private async save(draft: SettingsDraft): Promise<SettingsDraft> {
    try {
      return toDraft(await this.api().updateSettings(fromDraft(draft)));
    } catch (error) {
      throw onFields(error);
    }
  }

  private weekdays(disabled: boolean) {
    const t = this.t;
    const days = (this.form.get('noSendWeekdays') as number[] | undefined) ?? [];
    const name = (day: number) => new Intl.DateTimeFormat(INTL[this.ctx.locale], { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));
    const error = this.form.errors.noSendWeekdays;
    return html`<fieldset id=${fieldId('noSendWeekdays')} tabindex="-1" aria-describedby="no-send-hint${error ? ` ${fieldId('noSendWeekdays')}-error` : ''}">
      <legend>${t('noSend')}</legend>
      <p class="hint" id="no-send-hint">${t('noSendHint')}</p>
      ${[1, 2, 3, 4, 5, 6, 7].map((day) => html`<div class="check">
        <input type="checkbox" id="weekday-${day}" .checked=${days.includes(day)} ?disabled=${disabled}
          @change=${(e: Event) => this.form.set('noSendWeekdays', (e.target as HTMLInputElement).checked ? [...days, day].sort((a, b) => a - b) : days.filter((d) => d !== day))}>
        <label for="weekday-${day}">${name(day)}</label></div>`)}
      ${error ? html`<p class="field-error" id="${fieldId('noSendWeekdays')}-error">${error}</p>` : nothing}
    </fieldset>`;
  }

  override render() {
    const t = this.t;
    const f = this.form;
    const disabled = !this.ctx.can('settings');
    const labels: Record<string, string> = {
      smsEnabled: t('smsEnabled'), gateway: t('gateway'), testMode: t('testMode'), senderId: t('senderId'), allowReplies: t('allowReplies'), replyNumber: t('replyNumber'),
      smsCountries: t('smsCountries'), reminderPolicy: t('reminderPolicy'), 'reminderHours.reminder1': t('reminder1'), 'reminderHours.reminder2': t('reminder2'),
      'reminderHours.reminder3': t('reminder3'), thanksHoursAfter: t('thanksHoursAfter'), generalExpiryHours: t('generalExpiryHours'), noSendWeekdays: t('noSend'),
      'pause.night': t('night'), 'pause.nightFrom': t('nightFrom'), 'pause.nightTo': t('nightTo'), 'pause.saturdays': t('saturdays'), 'pause.sundays': t('sundays'),
      'confirmations.sms': t('confirmSms'), 'confirmations.email': t('confirmEmail'), emailFrom: t('emailFrom'), emailFromName: t('emailFromName'),
    };
    const hours = { type: 'number', min: 0, max: 720, inputmode: 'numeric', disabled };
    return this.settings.render(() => html`
      ${disabled ? html`<p class="notice warning">${t('readOnly')}</p>` : nothing}
      <form @submit=${f.onSubmit((d) => this.save(d))}>
        <div class="grid-2">
          <div>
            <fieldset><legend>${t('service')}</legend>
              ${f.checkbox('smsEnabled', t('smsEnabled'), { disabled })}
              ${f.select('gateway', t('gateway'), [{ value: '', label: t('gatewayDefault') }, ...['console', 'twilio', '46elks'].map((g) => ({ value: g, label: g }))], { disabled })}
              ${f.checkbox('testMode', t('testMode'), { disabled })}
            </fieldset>
            <fieldset><legend>${t('sender')}</legend>
              ${f.input('senderId', t('senderId'), { hint: t('senderIdHint'), maxlength: 11, disabled })}
              ${f.checkbox('allowReplies', t('allowReplies'), { disabled })}
              ${f.input('replyNumber', t('replyNumber'), { type: 'tel', hint: t('replyNumberHint'), disabled })}
              ${f.input('smsCountries', t('smsCountries'), { hint: t('smsCountriesHint'), disabled })}
            </fieldset>
            <fieldset><legend>${t('confirmations')}</legend>
              ${f.checkbox('confirmations.sms', t('confirmSms'), { disabled })}
              ${f.checkbox('confirmations.email', t('confirmEmail'), { disabled })}
              ${f.input('emailFrom', t('emailFrom'), { type: 'email', hint: t('emailFromHint'), disabled, autocomplete: 'off' })}
              ${f.input('emailFromName', t('emailFromName'), { maxlength: 100, disabled })}
            </fieldset>
          </div>
          <div>
            <fieldset><legend>${t('reminders')}</legend>
              ${f.select('reminderPolicy', t('reminderPolicy'), (['all_valid_mobile', 'wants_sms', 'none'] as const).map((p) => ({ value: p, label: t(p) })), { disabled })}
              ${f.input('reminderHours.reminder1', t('reminder1'), { ...hours, hint: t('hoursHint') })}
              ${f.input('reminderHours.reminder2', t('reminder2'), { ...hours, hint: t('hoursHint') })}
              ${f.input('reminderHours.reminder3', t('reminder3'), { ...hours, hint: t('hoursHint') })}
              ${f.input('thanksHoursAfter', t('thanksHoursAfter'), { ...hours, hint: t('hoursHint') })}
              ${f.input('generalExpiryHours', t('generalExpiryHours'), { ...hours, min: 1, required: true, hint: t('generalExpiryHint') })}
            </fieldset>
            ${this.weekdays(disabled)}
            <fieldset aria-describedby="quiet-hint"><legend>${t('quiet')}</legend>
              <p class="hint" id="quiet-hint">${t('quietHint')}</p>
              ${f.checkbox('pause.night', t('night'), { disabled })}
              ${f.input('pause.nightFrom', t('nightFrom'), { type: 'time', disabled })}
              ${f.input('pause.nightTo', t('nightTo'), { type: 'time', disabled })}
              ${f.checkbox('pause.saturdays', t('saturdays'), { disabled })}
              ${f.checkbox('pause.sundays', t('sundays'), { disabled })}
            </fieldset>
          </div>
        </div>
        ${f.actions({ labels, disabled })}
      </form>`);
  }
}

customElements.define('console-sms-settings-page', SmsSettingsPage);
