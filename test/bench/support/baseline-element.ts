import { LitElement, html } from 'lit';

/**
 * The floor `widget.first_step.main_thread_ms` is compared with
 * (test/bench/bundle.ts): a bare Lit element rendering one button, which
 * says it has rendered the way the widget does (`opus-step`).
 */
class OpusBaseline extends LitElement {
  override render() {
    return html`<button type="button">Book</button>`;
  }

  override firstUpdated() {
    this.dispatchEvent(new CustomEvent('opus-step', { bubbles: true, composed: true }));
  }
}

customElements.define('opus-baseline', OpusBaseline);
