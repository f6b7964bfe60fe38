import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ConsolePage } from '../../ui/page.ts';
import { uiTexts } from '../../ui/ui-texts.ts';

let dialogs = 0;

/**
 * A native modal `<dialog>` of a page: opened with `showModal()` (focus
 * trapped, Escape closes), headed by an `<h2>` it is labelled by, with a
 * Close button; when it closes, focus goes back to what opened it. Its body
 * is rendered only while it is open, so two dialogs of a page never hold
 * fields with the same id at once. (Could be shared by every area.)
 *
 * @example
 * private readonly invite = new AccessDialog(this, 'invite');
 * html`<button @click=${(e: Event) => this.invite.show(e)}>Invite</button>
 *   ${this.invite.render(t('inviteHeading'), () => html`<form>…</form>`)}`
 */
export class AccessDialog implements ReactiveController {
  open = false;
  private opener: HTMLElement | undefined;
  private readonly id: string;

  /** `onClose` runs whenever the dialog closes (Close, Escape, or `close()`). */
  constructor(private readonly host: ConsolePage, name: string, private readonly onClose?: () => void) {
    this.id = `dialog-${name}-${++dialogs}`;
    host.addController(this);
  }

  hostConnected(): void {}

  private get element(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(`#${this.id}`);
  }

  /** Opens the dialog; `from` (the click event or the element) gets the focus back when it closes. */
  async show(from?: Event | HTMLElement): Promise<void> {
    const opener = from instanceof Event ? from.currentTarget : from;
    this.opener = opener instanceof HTMLElement ? opener : undefined;
    this.open = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.element;
    if (dialog && !dialog.open) dialog.showModal();
    const first = dialog?.querySelector<HTMLElement>('[autofocus], input:not([type=hidden]):not([disabled]), select, textarea');
    (first ?? dialog?.querySelector<HTMLElement>('h2'))?.focus();
  }

  /** Closes it (the `close` event puts the focus back). */
  close(): void {
    const dialog = this.element;
    if (dialog?.open) dialog.close();
    this.closed();
  }

  private closed(): void {
    if (!this.open) return;
    this.open = false;
    this.onClose?.();
    this.host.requestUpdate();
    const opener = this.opener;
    this.opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  /** The dialog: its heading, a Close button and, while open, `body()`. */
  render(heading: string, body: () => TemplateResult): TemplateResult {
    const t = uiTexts(this.host.ctx.locale);
    return html`<dialog id=${this.id} aria-labelledby="${this.id}-heading" @close=${() => this.closed()}>
      <div class="dialog-head">
        <h2 id="${this.id}-heading" tabindex="-1">${heading}</h2>
        <button type="button" class="secondary" data-action="close-dialog" @click=${() => this.close()}>${t('close')}</button>
      </div>
      ${this.open ? body() : nothing}
    </dialog>`;
  }
}
