import { html, nothing, type TemplateResult } from 'lit';

/** One choice in a list of options. */
export interface Option {
  key: string;
  title: string;
  detail?: string | undefined;
  /** An image shown before the title (provider photo, B13). */
  image?: string | undefined;
  selected: boolean;
  onSelect: () => void;
}

/**
 * A list of large buttons, one per option (44 px targets, aria-pressed for
 * the chosen one). Choosing moves the flow on.
 */
export function optionList(options: readonly Option[], label?: string): TemplateResult {
  return html`<ul class="options" part="options" aria-label=${label ?? nothing}>
    ${options.map(
      (o) => html`<li>
        <button type="button" class="option" part="option${o.selected ? ' option-selected' : ''}" aria-pressed=${o.selected ? 'true' : 'false'} data-key=${o.key} @click=${o.onSelect}>
          ${o.image ? html`<img class="photo" part="photo" src=${o.image} alt="" width="48" height="48" loading="lazy" />` : nothing}
          <span class="option-text"><span class="option-title">${o.title}</span>${o.detail ? html`<span class="option-detail">${o.detail}</span>` : nothing}</span>
        </button>
      </li>`,
    )}
  </ul>`;
}
