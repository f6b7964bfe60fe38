import { html, type TemplateResult } from 'lit';
import { providersFor } from '../internal/flow.ts';
import { optionList, type Option } from './option-list.ts';
import type { StepContext } from './step-context.ts';

/** Providers for the choices, "any provider" first when switched on (B4); photo and title only as the API gives them, i.e. with consent (B13). */
export function providerList(ctx: StepContext, label?: string): TemplateResult {
  const { t, choices } = ctx;
  const providers = providersFor(ctx.catalog, choices);
  if (providers.length === 0) return html`<p class="notice" part="notice">${t.noChoices}</p>`;
  const options: Option[] = [];
  if (ctx.org.settings.flexibility.showAnyProvider && providers.length > 1) {
    options.push({ key: 'any', title: t.anyProvider, detail: t.anyProviderHint, selected: choices.anyProvider === true, onSelect: () => ctx.choose({ anyProvider: true, providerId: undefined }) });
  }
  for (const p of providers) {
    options.push({
      key: p.id, title: p.name, detail: [p.title, p.bio].filter(Boolean).join(' · '),
      image: p.photoUrl ? ctx.apiUrl(p.photoUrl) : undefined,
      selected: choices.providerId === p.id,
      onSelect: () => ctx.choose({ providerId: p.id, anyProvider: undefined }),
    });
  }
  return optionList(options, label);
}

export function providerStep(ctx: StepContext): TemplateResult {
  return providerList(ctx);
}
