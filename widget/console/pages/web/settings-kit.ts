import { css, html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { Locale } from '../../../../sdk/schemas/common.ts';
import { translator, type Texts } from '../../i18n.ts';
import type { PreviewDraft } from '../../preview/preview-draft.ts';
import type { ConsolePage } from '../../ui/page.ts';
import { errorText, uiTexts } from '../../ui/ui-texts.ts';

const texts = {
  en: {
    restore: 'Restore standard values', restoreHeading: 'Restore the standard values?', confirmRestore: 'Restore',
    restored: 'The standard values are back.',
  },
  nb: {
    restore: 'Gjenopprett standardverdiene', restoreHeading: 'Gjenopprette standardverdiene?', confirmRestore: 'Gjenopprett',
    restored: 'Standardverdiene er tilbake.',
  },
  sv: {
    restore: 'Återgå till standardvärden', restoreHeading: 'Återgå till standardvärdena?', confirmRestore: 'Återgå',
    restored: 'Standardvärdena är tillbaka.',
  },
} satisfies Texts<string>;

export const kitTexts = (locale: Locale) => translator(texts, locale);

/**
 * The settings pages' layout: the forms beside the live preview, one above
 * the other when the window is narrow. Could be shared by every web page.
 */
export const settingsLayout = css`
  .with-preview { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); align-items: start; }
  .with-preview > * { min-width: 0; }
  /* Beside long forms the preview stays in view while they scroll. */
  .with-preview > console-preview { position: sticky; top: 0.5rem; }
  .restore-row { display: flex; justify-content: flex-end; margin-top: -0.25rem; }
  dialog h2 { margin-top: 0; }
`;

let dialogs = 0;

/**
 * "Restore standard values" behind a confirm: a button, and a native modal
 * `<dialog>` with a heading, what will happen, Restore and Cancel; Escape or
 * Cancel closes it and focus goes back to the button. A failure is shown in
 * the dialog, which stays open for another try.
 *
 * @example
 * private readonly restoreFlex = new RestoreDialog(this, () => t('restoreFlexText'), async () => this.flex.load(await settings.resetSection('flexibility')));
 * html`${this.restoreFlex.button()}${this.restoreFlex.dialog()}`
 */
export class RestoreDialog implements ReactiveController {
  private readonly id = `restore-${++dialogs}`;
  private opener: HTMLElement | undefined;
  private busy = false;
  private failure: unknown;

  constructor(private readonly host: ConsolePage, private readonly explain: () => string, private readonly restore: () => Promise<void>, private readonly label?: () => string) {
    host.addController(this);
  }

  hostConnected(): void {}

  private get element(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(`#${this.id}`);
  }

  open(opener: HTMLElement): void {
    this.opener = opener;
    this.failure = undefined;
    this.host.requestUpdate();
    this.element?.showModal();
  }

  close(): void {
    this.element?.close();
  }

  private async confirm(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failure = undefined;
    this.host.requestUpdate();
    try {
      await this.restore();
      this.close();
      this.host.ctx.announce(kitTexts(this.host.ctx.locale)('restored'));
    } catch (error) {
      this.failure = error;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** The button that opens the dialog. */
  button(options: { disabled?: boolean } = {}): TemplateResult {
    const t = kitTexts(this.host.ctx.locale);
    return html`<div class="restore-row"><button type="button" class="secondary" data-action="restore" aria-haspopup="dialog" ?disabled=${options.disabled}
      @click=${(e: Event) => this.open(e.currentTarget as HTMLElement)}>${this.label?.() ?? t('restore')}</button></div>`;
  }

  /** The dialog itself (render it once, anywhere in the page). */
  dialog(): TemplateResult {
    const t = kitTexts(this.host.ctx.locale);
    const ui = uiTexts(this.host.ctx.locale);
    return html`<dialog id=${this.id} aria-labelledby="${this.id}-heading" aria-describedby="${this.id}-text" @close=${() => { this.opener?.focus(); }}>
      <h2 id="${this.id}-heading">${t('restoreHeading')}</h2>
      <p id="${this.id}-text">${this.explain()}</p>
      ${this.failure ? html`<div class="notice error" role="alert"><p>${errorText(this.failure, this.host.ctx.locale)}</p></div>` : nothing}
      <div class="actions">
        <button type="button" class="danger" data-action="confirm-restore" ?disabled=${this.busy} @click=${() => void this.confirm()}>${t('confirmRestore')}</button>
        <button type="button" class="secondary" data-action="cancel" @click=${() => this.close()}>${ui('cancel')}</button>
      </div>
    </dialog>`;
  }
}

/**
 * The same draft object for the preview while its content is unchanged, so
 * the preview's widget is made again only when something drafted changed.
 */
export class StableDraft {
  private json = '';
  private value: PreviewDraft = {};

  of(draft: PreviewDraft): PreviewDraft {
    const json = JSON.stringify(draft);
    if (json !== this.json) {
      this.json = json;
      this.value = draft;
    }
    return this.value;
  }
}
