import { LitElement, css, html, type PropertyValues } from 'lit';
import type { Locale } from '../../../sdk/schemas/common.ts';
import { translator, type Texts } from '../i18n.ts';
import { consoleStyles } from '../ui/styles.ts';
import type { PreviewDraft, PreviewMessage } from './preview-draft.ts';

export type { PreviewDraft } from './preview-draft.ts';

const texts = {
  en: { heading: 'Preview', note: 'Shows your changes before they are saved.', desktop: 'Desktop', phone: 'Phone', frame: 'Preview of the booking widget ({width})', width: 'Width' },
  nb: { heading: 'Forhåndsvisning', note: 'Viser endringene dine før de er lagret.', desktop: 'PC', phone: 'Mobil', frame: 'Forhåndsvisning av bookingwidgeten ({width})', width: 'Bredde' },
  sv: { heading: 'Förhandsvisning', note: 'Visar dina ändringar innan de sparas.', desktop: 'Dator', phone: 'Mobil', frame: 'Förhandsvisning av bokningswidgeten ({width})', width: 'Bredd' },
} satisfies Texts<string>;

/**
 * The live preview beside a settings page (issue 10.4): the patient widget
 * in a frame of our own origin (`/admin/preview.html`) showing the page's
 * unsaved draft, at desktop or phone width (a real narrow viewport, so the
 * widget's own layout rules apply).
 *
 * @example
 * html`<console-preview .organization=${ctx.me.organization.subdomain} .locale=${ctx.locale} .draft=${{ organization: { texts: form.draft } }}></console-preview>`
 */
export class ConsolePreview extends LitElement {
  static override styles = [consoleStyles, css`
    :host { display: block; }
    .frame-wrap { overflow-x: auto; border: 1px solid var(--c-line); border-radius: var(--radius); background: var(--c-page); }
    iframe { display: block; border: 0; height: 46rem; background: var(--c-page); margin: 0 auto; }
    .desktop iframe { width: 100%; min-width: 48rem; }
    .phone iframe { width: 390px; }
  `];

  static override properties = {
    draft: { attribute: false },
    organization: { type: String },
    locale: { type: String },
    width: { state: true },
  };

  declare draft: PreviewDraft;
  declare organization: string;
  declare locale: Locale;
  declare width: 'desktop' | 'phone';
  private ready = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.draft = {};
    this.organization = '';
    this.locale = 'en';
    this.width = 'desktop';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('message', this.onMessage);
    clearTimeout(this.timer);
  }

  private readonly onMessage = (event: MessageEvent<PreviewMessage>) => {
    const frame = this.renderRoot.querySelector('iframe');
    if (event.origin !== location.origin || !frame || event.source !== frame.contentWindow || event.data?.type !== 'opus-preview-ready') return;
    this.ready = true;
    this.post();
  };

  /** Sends the draft to the frame; typing sends one draft a moment after the last key. */
  private post(): void {
    const frame = this.renderRoot.querySelector('iframe');
    if (!this.ready || !frame?.contentWindow) return;
    const message: PreviewMessage = { type: 'opus-preview-draft', organization: this.organization, draft: { ...this.draft, attributes: { locale: this.locale, ...this.draft.attributes } } };
    frame.contentWindow.postMessage(JSON.parse(JSON.stringify(message)), location.origin);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('draft') || changed.has('organization') || changed.has('locale')) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.post(), 200);
    }
  }

  override render() {
    const t = translator(texts, this.locale);
    const choice = (width: 'desktop' | 'phone') => html`<button type="button" class="secondary" aria-pressed=${this.width === width ? 'true' : 'false'} data-width=${width}
      @click=${() => { this.width = width; }}>${t(width)}</button>`;
    return html`<section aria-labelledby="preview-heading">
      <div class="toolbar">
        <div><h2 id="preview-heading">${t('heading')}</h2><p class="muted">${t('note')}</p></div>
        <div role="group" aria-label=${t('width')} class="actions">${choice('desktop')}${choice('phone')}</div>
      </div>
      <div class="frame-wrap ${this.width}" tabindex="0" role="region" aria-label=${t('frame', { width: t(this.width) })}>
        <iframe src="/admin/preview.html" title=${t('frame', { width: t(this.width) })}></iframe>
      </div>
    </section>`;
  }
}

if (!customElements.get('console-preview')) customElements.define('console-preview', ConsolePreview);
