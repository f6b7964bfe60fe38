import { html, nothing, type TemplateResult } from 'lit';

/**
 * Native modal dialogs for the SMS pages (could be shared by the console):
 * `showModal()`, a heading that names the dialog, a close button, and focus
 * back on the control that opened it.
 */

/** Opens a native modal dialog and remembers who opened it; `closeDialog` returns focus there. */
const openers = new WeakMap<HTMLDialogElement, HTMLElement | null>();
export function openDialog(dialog: HTMLDialogElement | null | undefined, opener?: Element | null): void {
  if (!dialog || dialog.open) return;
  const active = opener ?? (dialog.getRootNode() as ShadowRoot).activeElement;
  openers.set(dialog, active instanceof HTMLElement ? active : null);
  dialog.showModal();
}
export function dialogClosed(dialog: HTMLDialogElement): void {
  const opener = openers.get(dialog);
  openers.delete(dialog);
  if (opener?.isConnected) opener.focus();
}

/** A dialog's frame: heading (aria-labelledby), a close button, the content. Closing by Esc or the button returns focus. */
export function dialogFrame(id: string, heading: string, closeLabel: string, content: TemplateResult | typeof nothing, onClosed: () => void): TemplateResult {
  return html`<dialog id=${id} aria-labelledby="${id}-heading" @close=${(e: Event) => {
    dialogClosed(e.target as HTMLDialogElement);
    onClosed();
  }}>
    <div class="toolbar"><h2 id="${id}-heading">${heading}</h2>
      <button type="button" class="secondary" data-action="close-dialog" @click=${(e: Event) => (e.target as HTMLElement).closest('dialog')!.close()}>${closeLabel}</button></div>
    ${content}
  </dialog>`;
}
