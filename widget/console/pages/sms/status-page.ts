import { html, nothing } from 'lit';
import { messagingMethods } from '../../../../sdk/admin/messaging.ts';
import type { MessagingStatus } from '../../../../sdk/schemas/messaging.ts';
import { translator, type Texts } from '../../i18n.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { consoleStyles } from '../../ui/styles.ts';
import { smsStyles } from './sms-styles.ts';
import { common, STATUS_CODE, STATUSES } from './sms-words.ts';
import { formatTime } from './sms-time.ts';

const texts = {
  en: {
    refresh: 'Refresh', refreshed: 'Status updated.', summary: 'Summary', sms: 'SMS', on: 'On', off: 'Off: no SMS is sent', gateway: 'Gateway',
    testMode: 'Test mode, no SMS is sent', yes: 'Yes', no: 'No', waiting: 'SMS waiting to be sent', sent: 'SMS sent',
    lastSuccess: 'Last successful send', lastReceived: 'Last received', lastErrorAt: 'Last error', lastError: 'Last error message', lastResult: 'Last result', never: '–',
    workers: 'Sending service (worker)', noWorker: 'No worker has reported. Messages are not being sent: start the server’s worker (see the README).',
    workerAlive: 'Running: last heartbeat {beat}, checks every {interval} seconds.', workerDead: 'Not answering since {beat}.', workerStopped: 'Stopped at {stopped}.',
    started: 'started {started}', workerResult: 'Last result: {result}',
    pause: 'Pauses', pausedNow: 'Sending is paused right now (quiet hours).', notPaused: 'Sending is not paused right now.',
    night: 'At night', nightRange: '{from}–{to}', saturdays: 'Saturdays', sundays: 'Sundays', counts: 'Messages by status', status: 'Status', number: 'Number',
    allGood: 'The SMS service is working.', problem: 'The SMS service needs attention: {reason}',
    reasonOff: 'SMS is switched off.', reasonWorker: 'no worker is running.', reasonFailures: 'there are failed messages.',
  },
  nb: {
    refresh: 'Oppdater', refreshed: 'Statusen er oppdatert.', summary: 'Oversikt', sms: 'SMS', on: 'På', off: 'Av: ingen SMS sendes', gateway: 'Leverandør',
    testMode: 'Testmodus, ingen SMS sendes', yes: 'Ja', no: 'Nei', waiting: 'SMS som venter på å bli sendt', sent: 'Sendte SMS',
    lastSuccess: 'Siste vellykkede sending', lastReceived: 'Siste mottatte', lastErrorAt: 'Siste feil', lastError: 'Siste feilmelding', lastResult: 'Siste resultat', never: '–',
    workers: 'Utsendingstjeneste', noWorker: 'Ingen utsendingstjeneste har meldt seg. Meldinger blir ikke sendt: start serverens tjeneste (se README).',
    workerAlive: 'Kjører: siste livstegn {beat}, sjekker hvert {interval}. sekund.', workerDead: 'Har ikke svart siden {beat}.', workerStopped: 'Stoppet {stopped}.',
    started: 'startet {started}', workerResult: 'Siste resultat: {result}',
    pause: 'Pauser', pausedNow: 'Utsendingen har pause akkurat nå.', notPaused: 'Utsendingen har ikke pause nå.',
    night: 'Natt', nightRange: '{from}–{to}', saturdays: 'Lørdager', sundays: 'Søndager', counts: 'Meldinger etter status', status: 'Status', number: 'Antall',
    allGood: 'SMS-tjenesten virker.', problem: 'SMS-tjenesten trenger tilsyn: {reason}',
    reasonOff: 'SMS er slått av.', reasonWorker: 'ingen utsendingstjeneste kjører.', reasonFailures: 'det finnes meldinger med feil.',
  },
  sv: {
    refresh: 'Uppdatera', refreshed: 'Statusen är uppdaterad.', summary: 'Översikt', sms: 'Sms', on: 'På', off: 'Av: inga sms skickas', gateway: 'Leverantör',
    testMode: 'Testläge, inga sms kommer att skickas', yes: 'Ja', no: 'Nej', waiting: 'Antal sms som väntar på att skickas', sent: 'Antal skickade sms',
    lastSuccess: 'Senaste lyckade sändning', lastReceived: 'Senast mottaget', lastErrorAt: 'Senaste fel', lastError: 'Senaste felmeddelande', lastResult: 'Senaste resultat', never: '–',
    workers: 'Sms-tjänsten', noWorker: 'Ingen sändningstjänst har rapporterat. Meddelanden skickas inte: starta serverns tjänst (se README).',
    workerAlive: 'Körs: senaste livstecken {beat}, kontrollerar var {interval}:e sekund.', workerDead: 'Har inte svarat sedan {beat}.', workerStopped: 'Stoppad {stopped}.',
    started: 'startad {started}', workerResult: 'Senaste resultat: {result}',
    pause: 'Pausa skicka', pausedNow: 'Utskicken är pausade just nu.', notPaused: 'Utskicken är inte pausade nu.',
    night: 'Nattetid', nightRange: '{from}–{to}', saturdays: 'Lördagar', sundays: 'Söndagar', counts: 'Meddelanden per status', status: 'Status', number: 'Antal',
    allGood: 'Sms-tjänsten fungerar.', problem: 'Sms-tjänsten behöver åtgärdas: {reason}',
    reasonOff: 'sms är avstängt.', reasonWorker: 'ingen sändningstjänst körs.', reasonFailures: 'det finns meddelanden med fel.',
  },
} satisfies Texts<string>;

/**
 * S15 (seed 000's "SMS informasjon"): is the sending service alive, which
 * gateway, the last success and failure, what waits, pauses and test mode,
 * in words; Refresh.
 */
export class SmsStatusPage extends ConsolePage {
  static override styles = [consoleStyles, smsStyles];

  /** The organization's zone: every time on the page is the clinic's. */
  private get zone(): string {
    return this.ctx.me.organization.timeZone;
  }
  private readonly status = new Loader<MessagingStatus>(this, async () => {
    return messagingMethods(this.ctx.call).getStatus();
  });

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  protected override routeChanged(): void {
    void this.status.load();
  }

  private async refresh(): Promise<void> {
    await this.status.load();
    if (this.status.state === 'ready') this.ctx.announce(this.t('refreshed'));
  }

  private time(iso: string | null): string {
    return iso ? formatTime(iso, this.zone, this.ctx.locale) : this.t('never');
  }

  override render() {
    const t = this.t;
    const locale = this.ctx.locale;
    return html`
      <div class="actions"><button type="button" class="secondary" data-action="refresh" @click=${() => void this.refresh()}>${t('refresh')}</button></div>
      ${this.status.render((s) => {
        const alive = s.workers.some((w) => w.alive);
        const failures = (s.counts.failed ?? 0) > 0;
        const reasons = [!s.smsEnabled ? t('reasonOff') : '', !alive ? t('reasonWorker') : '', failures ? t('reasonFailures') : ''].filter(Boolean);
        return html`
          <p class="notice ${reasons.length ? 'warning' : 'success'}" data-overall>${reasons.length ? t('problem', { reason: reasons.join(' ') }) : t('allGood')}</p>
          <div class="grid-2">
            <section class="card" aria-labelledby="summary-heading"><h2 id="summary-heading">${t('summary')}</h2>
              <dl>
                <dt>${t('sms')}</dt><dd>${s.smsEnabled ? t('on') : t('off')}</dd>
                <dt>${t('gateway')}</dt><dd>${s.gateway}</dd>
                <dt>${t('testMode')}</dt><dd>${s.testMode ? t('yes') : t('no')}</dd>
                <dt>${t('waiting')}</dt><dd>${s.waiting}</dd>
                <dt>${t('sent')}</dt><dd>${s.sent}</dd>
                <dt>${t('lastSuccess')}</dt><dd>${this.time(s.lastSuccessAt)}</dd>
                <dt>${t('lastReceived')}</dt><dd>${this.time(s.lastReceivedAt)}</dd>
                <dt>${t('lastErrorAt')}</dt><dd>${this.time(s.lastErrorAt)}</dd>
                <dt>${t('lastError')}</dt><dd>${s.lastError ?? t('never')}</dd>
                <dt>${t('lastResult')}</dt><dd>${s.lastResult ?? t('never')}</dd>
              </dl>
            </section>
            <section class="card" aria-labelledby="workers-heading"><h2 id="workers-heading">${t('workers')}</h2>
              ${s.workers.length ? html`<ul class="workers">${s.workers.map((w) => html`<li data-alive=${w.alive ? 'true' : 'false'}>
                <strong>${w.id}</strong> (${t('started', { started: this.time(w.startedAt) })}):
                ${w.stoppedAt ? t('workerStopped', { stopped: this.time(w.stoppedAt) }) : w.alive ? t('workerAlive', { beat: this.time(w.beatAt), interval: w.intervalSeconds }) : t('workerDead', { beat: this.time(w.beatAt) })}
                ${w.lastResult ? html`<br><span class="muted">${t('workerResult', { result: w.lastResult })}</span>` : nothing}</li>`)}</ul>`
                : html`<p class="notice warning">${t('noWorker')}</p>`}
            </section>
            <section class="card" aria-labelledby="pause-heading"><h2 id="pause-heading">${t('pause')}</h2>
              <p>${s.pausedNow ? t('pausedNow') : t('notPaused')}</p>
              <dl>
                <dt>${t('night')}</dt><dd>${s.pause.night ? `${t('yes')}, ${t('nightRange', { from: s.pause.nightFrom, to: s.pause.nightTo })}` : t('no')}</dd>
                <dt>${t('saturdays')}</dt><dd>${s.pause.saturdays ? t('yes') : t('no')}</dd>
                <dt>${t('sundays')}</dt><dd>${s.pause.sundays ? t('yes') : t('no')}</dd>
              </dl>
            </section>
            <section class="card" aria-labelledby="counts-heading"><h2 id="counts-heading">${t('counts')}</h2>
              <table><caption class="sr-only">${t('counts')}</caption>
                <thead><tr><th scope="col">${t('status')}</th><th scope="col">${t('number')}</th></tr></thead>
                <tbody>${STATUSES.map((st) => html`<tr><th scope="row"><span class="badge">${STATUS_CODE[st]}</span> ${common(locale)(st)}</th><td>${s.counts[st] ?? 0}</td></tr>`)}</tbody>
              </table>
            </section>
          </div>`;
      })}`;
  }
}

customElements.define('console-sms-status-page', SmsStatusPage);
