import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../../../../sdk/schemas/common.ts';
import type { StrandedAppointment } from '../../../../sdk/schemas/schedules.ts';
import { INTL, translator, type Texts } from '../../i18n.ts';

/**
 * Small helpers the catalog pages (clinics, providers, treatments,
 * schedules) share: moving an item in an order, and the list of appointments
 * a change left stranded. (Their dialogs are `ConsoleDialog`, `ui/dialog.ts`.)
 */

const texts = {
  en: {
    up: 'Move {name} up', down: 'Move {name} down', moved: '{name} is now number {position} of {count}.',
    strandedHeading: 'Booked appointments now outside the schedule',
    strandedIntro: 'They are still booked. Move or cancel them in the day’s book, or tell the patients.',
    strandedPatient: 'Patient', strandedTime: 'Time', strandedTreatment: 'Treatment', noPatient: '(no patient)', openBook: 'Open the day’s book',
  },
  nb: {
    up: 'Flytt {name} opp', down: 'Flytt {name} ned', moved: '{name} er nå nummer {position} av {count}.',
    strandedHeading: 'Bestilte timer som nå er utenfor timeplanen',
    strandedIntro: 'De er fortsatt bestilt. Flytt eller avbestill dem i timeboken, eller gi pasientene beskjed.',
    strandedPatient: 'Pasient', strandedTime: 'Tid', strandedTreatment: 'Behandling', noPatient: '(ingen pasient)', openBook: 'Åpne timeboken',
  },
  sv: {
    up: 'Flytta {name} uppåt', down: 'Flytta {name} nedåt', moved: '{name} är nu nummer {position} av {count}.',
    strandedHeading: 'Bokade tider som nu ligger utanför schemat',
    strandedIntro: 'De är fortfarande bokade. Flytta eller avboka dem i tidboken, eller meddela patienterna.',
    strandedPatient: 'Patient', strandedTime: 'Tid', strandedTreatment: 'Behandling', noPatient: '(ingen patient)', openBook: 'Öppna tidboken',
  },
} satisfies Texts<string>;

export const kitTexts = (locale: Locale) => translator(texts, locale);

/** A copy of `list` with the item at `index` moved one place up (-1) or down (+1). */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  const copy = [...list];
  if (to < 0 || to >= copy.length) return copy;
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

/**
 * Move up/down buttons for one row of an order. They stay focusable at the
 * ends (aria-disabled, not disabled) so keyboard focus never falls off.
 */
export function orderButtons(locale: Locale, name: string, id: string, index: number, count: number, move: (by: -1 | 1) => void): TemplateResult {
  const t = kitTexts(locale);
  const button = (by: -1 | 1) => {
    const off = by === -1 ? index === 0 : index === count - 1;
    return html`<button type="button" class="secondary move" data-move=${id} data-dir=${by === -1 ? 'up' : 'down'} aria-disabled=${off ? 'true' : 'false'}
      aria-label=${t(by === -1 ? 'up' : 'down', { name })} @click=${() => { if (!off) move(by); }}><span aria-hidden="true">${by === -1 ? '↑' : '↓'}</span></button>`;
  };
  return html`<span class="order-buttons">${button(-1)}${button(1)}</span>`;
}

/** After a move: focus the same button of the moved row (the other one if it is now at an end), and say where it is. */
export async function refocusMoved(host: { renderRoot: ParentNode; updateComplete: Promise<boolean> }, announce: (text: string) => void, locale: Locale,
  id: string, dir: 'up' | 'down', name: string, position: number, count: number): Promise<void> {
  await host.updateComplete;
  const same = host.renderRoot.querySelector<HTMLButtonElement>(`[data-move="${id}"][data-dir="${dir}"]`);
  const other = host.renderRoot.querySelector<HTMLButtonElement>(`[data-move="${id}"][data-dir="${dir === 'up' ? 'down' : 'up'}"]`);
  (same?.getAttribute('aria-disabled') === 'true' ? other : same)?.focus();
  announce(kitTexts(locale)('moved', { name, position, count }));
}

/** Formats an instant in a zone, e.g. "Mon 7 Dec 2026, 09:00". */
export function formatInstant(instant: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL[locale], { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/** The appointments a change left outside the provider's time: shown until the next change. */
export function strandedNotice(stranded: readonly StrandedAppointment[] | undefined, locale: Locale, timeZone: string, bookHref: (date: string) => string): TemplateResult | typeof nothing {
  if (!stranded?.length) return nothing;
  const t = kitTexts(locale);
  const day = (instant: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  return html`<div class="notice warning stranded" role="alert">
    <h3>${t('strandedHeading')} (${stranded.length})</h3>
    <p>${t('strandedIntro')}</p>
    <div class="table-wrap"><table>
      <caption class="sr-only">${t('strandedHeading')}</caption>
      <thead><tr><th scope="col">${t('strandedTime')}</th><th scope="col">${t('strandedPatient')}</th><th scope="col">${t('strandedTreatment')}</th><th scope="col"><span class="sr-only">${t('openBook')}</span></th></tr></thead>
      <tbody>${stranded.map((a) => html`<tr>
        <td>${formatInstant(a.start, locale, timeZone)}</td>
        <td>${a.patient ? `${a.patient.firstName} ${a.patient.lastName}` : t('noPatient')}</td>
        <td>${a.treatment?.name ?? ''}</td>
        <td><a href=${bookHref(day(a.start))}>${t('openBook')}</a></td>
      </tr>`)}</tbody>
    </table></div>
  </div>`;
}

/**
 * Fills a form after a (re)load unless it holds unsaved changes to the same
 * thing (`same`): a reload after another action never throws a draft away.
 */
export function refill<T>(form: { dirty: boolean; load(value: T): void }, value: T, same: boolean): void {
  if (!(same && form.dirty)) form.load(value);
}

/** Whether two id lists hold the same ids (an order draft still fits the items). */
export const sameIds = (a: readonly string[] | undefined, b: readonly string[]) => a !== undefined && a.length === b.length && a.every((id) => b.includes(id));
