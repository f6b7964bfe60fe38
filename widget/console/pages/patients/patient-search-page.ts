import { css, html, nothing } from 'lit';
import { patientMethods } from '../../../../sdk/admin/patients.ts';
import type { PatientList } from '../../../../sdk/schemas/patients.ts';
import { translator, type Texts } from '../../i18n.ts';
import { Loader } from '../../ui/loader.ts';
import { ConsolePage } from '../../ui/page.ts';
import { patientsStyles } from './patients-styles.ts';
import { addDays, formatLocalDate, isPersonalQuery, localDateIn } from './patient-format.ts';
import { patientTable } from './patient-table.ts';

const texts = {
  en: {
    views: 'Find patients', search: 'Search', recall: 'Recall due',
    query: 'Name, national id, mobile or e-mail', queryHint: 'Part of a name, or a whole national id, mobile number or e-mail address. Leave empty to list every patient. A search with digits or @ is not kept in the address bar.',
    all: 'All patients', matching: 'Patients matching “{q}”', noneFound: 'No patient matches “{q}”. Check the spelling, or search by national id or mobile number.', noPatients: 'There are no patients yet.',
    from: 'Recall due from', to: 'to', show: 'Show', recallCaption: 'Recall due {from} – {to}', noRecall: 'No patient has a recall due in this period.',
    badRange: 'The end date must not be before the start date.', pageSaid: 'Page {page} of the results.',
    found: '{count} patients found.', foundOne: 'One patient found.', foundMore: '{count} patients found, more on the next page.', foundNone: 'No patient found.',
  },
  nb: {
    views: 'Finn pasienter', search: 'Søk', recall: 'Recall som forfaller',
    query: 'Navn, fødselsnummer, mobil eller e-post', queryHint: 'Del av et navn, eller et helt fødselsnummer, mobilnummer eller en e-postadresse. La feltet stå tomt for å vise alle pasienter. Et søk med sifre eller @ lagres ikke i adressefeltet.',
    all: 'Alle pasienter', matching: 'Pasienter som passer «{q}»', noneFound: 'Ingen pasienter passer «{q}». Sjekk stavingen, eller søk på fødselsnummer eller mobilnummer.', noPatients: 'Det er ingen pasienter ennå.',
    from: 'Recall forfaller fra', to: 'til', show: 'Vis', recallCaption: 'Recall som forfaller {from}–{to}', noRecall: 'Ingen pasienter har recall i denne perioden.',
    badRange: 'Sluttdatoen kan ikke være før startdatoen.', pageSaid: 'Side {page} av treffene.',
    found: '{count} pasienter funnet.', foundOne: 'Én pasient funnet.', foundMore: '{count} pasienter funnet, flere på neste side.', foundNone: 'Ingen pasienter funnet.',
  },
  sv: {
    views: 'Hitta patienter', search: 'Sök', recall: 'Revisioner att kalla',
    query: 'Namn, personnummer, mobil eller e-post', queryHint: 'Del av ett namn, eller ett helt personnummer, mobilnummer eller en e-postadress. Lämna tomt för att visa alla patienter. En sökning med siffror eller @ sparas inte i adressfältet.',
    all: 'Alla patienter', matching: 'Patienter som matchar ”{q}”', noneFound: 'Ingen patient matchar ”{q}”. Kontrollera stavningen, eller sök på personnummer eller mobilnummer.', noPatients: 'Det finns inga patienter ännu.',
    from: 'Revision från', to: 'till', show: 'Visa', recallCaption: 'Revisioner {from}–{to}', noRecall: 'Ingen patient har revision under perioden.',
    badRange: 'Slutdatumet får inte vara före startdatumet.', pageSaid: 'Sida {page} av träffarna.',
    found: '{count} patienter hittades.', foundOne: 'En patient hittades.', foundMore: '{count} patienter hittades, fler på nästa sida.', foundNone: 'Ingen patient hittades.',
  },
} satisfies Texts<string>;

/** A search not kept in the address (digits or @) is kept in the history entry's state instead, for the back button. */
const STATE_KEY = 'opusPatientQuery';

/**
 * `#/patients`: the patient search (name, national id, mobile, e-mail) with
 * its results a page at a time, and the recall search (S11:
 * `?view=recall&from=…&to=…`). A name searched goes into the address
 * (`?q=Nilsen`, a deep link); national ids, numbers and e-mail addresses never do.
 */
export class PatientSearchPage extends ConsolePage {
  static override styles = [...ConsolePage.styles, patientsStyles, css`
    .search { display: flex; gap: 0.6rem; align-items: flex-end; flex-wrap: wrap; }
    .search .field { flex: 1 1 20rem; margin: 0; }
  `];

  private readonly patients = () => patientMethods(this.ctx.call);
  /** What was searched (from the address or the history entry) and the text in the field. */
  private searched = '';
  private typed = '';
  private from = '';
  private to = '';
  private rangeError = '';
  /** The cursors of the pages shown so far: `cursors[n]` opened page n + 1. */
  private cursors: Array<string | undefined> = [undefined];
  /** The page shown, with the range it is for (the fields may have been changed since). */
  private readonly results = new Loader<PatientList & { from: string; to: string }>(this, async () => {
    const cursor = this.cursors.at(-1);
    if (!this.recallView) {
      return { ...await this.patients().searchPatients({ ...(this.searched ? { q: this.searched } : {}), ...(cursor ? { cursor } : {}) }), from: '', to: '' };
    }
    if (!this.from || !this.to) {
      // The next 30 days from today in the clinic's zone, unless the address says otherwise.
      const today = localDateIn(new Date(), await this.ctx.me.organization.timeZone);
      this.from ||= today;
      this.to ||= addDays(this.from, 30);
    }
    const { from, to } = this;
    return { ...await this.patients().recallDue({ from, to, ...(cursor ? { cursor } : {}) }), from, to };
  }, (list) => {
    // A search just sent says what it found (the results are below the form, out of sight for a screen reader).
    if (!this.announceResults) return;
    this.announceResults = false;
    const count = list.patients.length;
    this.ctx.announce(count === 0 ? this.t('foundNone') : this.t(list.nextCursor ? 'foundMore' : count === 1 ? 'foundOne' : 'found', { count }));
  });
  private announceResults = false;

  private get t() {
    return translator(texts, this.ctx.locale);
  }

  private get recallView(): boolean {
    return this.query.get('view') === 'recall';
  }

  protected override routeChanged(): void {
    if (this.recallView) {
      this.from = this.query.get('from') ?? '';
      this.to = this.query.get('to') ?? '';
      this.rangeError = '';
    } else {
      const kept = (history.state as Record<string, unknown> | null)?.[STATE_KEY];
      this.searched = this.query.get('q') ?? (typeof kept === 'string' ? kept : '');
      this.typed = this.searched;
    }
    this.cursors = [undefined];
    void this.results.load();
  }

  private submitSearch(event: Event): void {
    event.preventDefault();
    this.announceResults = true;
    const q = this.typed.trim();
    const personal = isPersonalQuery(q);
    const query = personal ? {} : { q };
    // A national id, number or e-mail searched stays out of the address: this history entry keeps it (for Back).
    const state = { ...(history.state as object | null), [STATE_KEY]: personal ? q : undefined };
    if (location.hash === this.ctx.href('/patients', query)) {
      history.replaceState(state, '', location.hash);
      this.routeChanged();
    } else {
      this.ctx.navigate('/patients', query);
      history.replaceState(state, '', location.hash);
    }
  }

  private submitRecall(event: Event): void {
    event.preventDefault();
    if (!this.from || !this.to || this.to < this.from) {
      this.rangeError = this.t('badRange');
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#recall-to')?.focus());
      return;
    }
    this.announceResults = true;
    const query = { view: 'recall', from: this.from, to: this.to };
    if (location.hash === this.ctx.href('/patients', query)) this.routeChanged();
    else this.ctx.navigate('/patients', query);
  }

  private async page(step: 1 | -1): Promise<void> {
    if (step === 1) this.cursors = [...this.cursors, this.results.value?.nextCursor ?? undefined];
    else if (this.cursors.length > 1) this.cursors = this.cursors.slice(0, -1);
    await this.results.load();
    this.ctx.announce(this.t('pageSaid', { page: this.cursors.length }));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#results-caption')?.focus();
  }

  override render() {
    const t = this.t;
    const recall = this.recallView;
    return html`
      <nav aria-label=${t('views')}><ul class="views">
        <li><a href=${this.ctx.href('/patients')} aria-current=${recall ? nothing : 'page'}>${t('search')}</a></li>
        <li><a href=${this.ctx.href('/patients', { view: 'recall' })} aria-current=${recall ? 'page' : nothing}>${t('recall')}</a></li>
      </ul></nav>
      ${recall ? this.renderRecallForm() : this.renderSearchForm()}
      <section>${this.results.render((list) => {
        const caption = recall ? t('recallCaption', { from: formatLocalDate(list.from, this.ctx.locale), to: formatLocalDate(list.to, this.ctx.locale) }) : this.searched ? t('matching', { q: this.searched }) : t('all');
        if (!list.patients.length && this.cursors.length === 1) {
          return html`<h2 id="results-caption" tabindex="-1">${caption}</h2>
            <p class="notice" role="status">${recall ? t('noRecall') : this.searched ? t('noneFound', { q: this.searched }) : t('noPatients')}</p>`;
        }
        return patientTable(this, list.patients, {
          caption, page: this.cursors.length, hasNext: list.nextCursor !== null, headingId: 'results-caption',
          previous: () => void this.page(-1), next: () => void this.page(1),
        });
      })}</section>`;
  }

  private renderSearchForm() {
    const t = this.t;
    return html`<form class="search" role="search" @submit=${(e: Event) => this.submitSearch(e)}>
      <div class="field">
        <label for="patient-q">${t('query')}</label>
        <input id="patient-q" name="q" type="search" autocomplete="off" spellcheck="false" maxlength="200" .value=${this.typed}
          aria-describedby="patient-q-hint" @input=${(e: Event) => { this.typed = (e.target as HTMLInputElement).value; }}>
      </div>
      <button type="submit" data-action="search">${t('search')}</button>
    </form>
    <p class="hint" id="patient-q-hint">${t('queryHint')}</p>`;
  }

  private renderRecallForm() {
    const t = this.t;
    return html`<form class="search" @submit=${(e: Event) => this.submitRecall(e)}>
      <div class="field">
        <label for="recall-from">${t('from')}</label>
        <input id="recall-from" name="from" type="date" required .value=${this.from} @input=${(e: Event) => { this.from = (e.target as HTMLInputElement).value; this.rangeError = ''; this.requestUpdate(); }}>
      </div>
      <div class="field">
        <label for="recall-to">${t('to')}</label>
        <input id="recall-to" name="to" type="date" required .value=${this.to} aria-invalid=${this.rangeError ? 'true' : 'false'}
          aria-describedby=${this.rangeError ? 'recall-to-error' : nothing}
          @input=${(e: Event) => { this.to = (e.target as HTMLInputElement).value; this.rangeError = ''; this.requestUpdate(); }}>
      </div>
      <button type="submit" data-action="show">${t('show')}</button>
    </form>
    ${this.rangeError ? html`<p class="field-error" id="recall-to-error">${this.rangeError}</p>` : nothing}`;
  }
}

customElements.define('console-patient-search-page', PatientSearchPage);
