import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { ConsolePage } from './page.ts';
import { uiTexts } from './ui-texts.ts';

let dialogs = 0;

/** How a {@link ConsoleDialog} is made, besides its host. */
export interface ConsoleDialogOptions {
  /** Its element id, when tests or links need a fixed one (`#cancel-dialog`); it must be unique in the page. Default `dialog-<name>-<n>`. */
  id?: string;
  /** Runs whenever the dialog closes (Close, Escape, or `close()`). */
  onClose?: () => void;
}

/**
 * The console's one modal dialog: a native `<dialog>` opened with
 * `showModal()` (focus trapped, Escape closes), headed by an `<h2>` it is
 * labelled by (`<id>-heading`), with a Close button
 * (`data-action="close-dialog"`); when it closes, focus goes back to what
 * opened it. Its body is rendered only while it is open, so two dialogs of a
 * page never hold fields with the same id at once. On opening, focus goes to
 * the first `[autofocus]` element, else the first field, else the heading.
 *
 * @example
 * class StaffPage extends ConsolePage {
 *   private readonly invite = new ConsoleDialog(this, 'invite', () => this.inviteForm.reset());
 *   override render() {
 *     return html`<button @click=${(e: Event) => void this.invite.show(e)}>Invite</button>
 *       ${this.invite.render(t('inviteHeading'), () => html`<form @submit=${…}>…</form>`)}`;
 *   }
 *   // after a successful save: this.invite.close();
 * }
 */
export class ConsoleDialog implements ReactiveController {
  /** Whether it is open (its body is rendered). */
  open = false;
  /** Its element id; the heading's is `${id}-heading`. */
  readonly id: string;
  private opener: HTMLElement | undefined;
  private readonly onClose: (() => void) | undefined;

  /** `name` makes the default id; the third argument is `onClose` or the {@link ConsoleDialogOptions}. */
  constructor(private readonly host: ConsolePage, name: string, options?: (() => void) | ConsoleDialogOptions) {
    const o = typeof options === 'function' ? { onClose: options } : options ?? {};
    this.id = o.id ?? `dialog-${name}-${++dialogs}`;
    this.onClose = o.onClose;
    host.addController(this);
  }

  hostConnected(): void {}

  private get element(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>(`#${this.id}`);
  }

  /** Opens the dialog; `from` (the click event or the element) gets the focus back when it closes. */
  async show(from?: Event | HTMLElement | null): Promise<void> {
    const opener = from instanceof Event ? from.currentTarget : from;
    this.opener = opener instanceof HTMLElement ? opener : undefined;
    this.open = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const dialog = this.element;
    if (dialog && !dialog.open) dialog.showModal();
    const first = dialog?.querySelector<HTMLElement>('[autofocus]')
      ?? dialog?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select, textarea');
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

  /** The dialog: its heading, a Close button and, while open, `body()`. `className` is set on the `<dialog>` (e.g. `wide`). */
  render(heading: string, body: () => TemplateResult, className = ''): TemplateResult {
    const t = uiTexts(this.host.ctx.locale);
    return html`<dialog id=${this.id} class=${className || nothing} aria-labelledby="${this.id}-heading" @close=${() => this.closed()}>
      <div class="dialog-head">
        <h2 id="${this.id}-heading" tabindex="-1">${heading}</h2>
        <button type="button" class="secondary" data-action="close-dialog" @click=${() => this.close()}>${t('close')}</button>
      </div>
      ${this.open ? body() : nothing}
    </dialog>`;
  }
}
