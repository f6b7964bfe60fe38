import { html, nothing, type TemplateResult } from 'lit';
import { clinicGroupsFor } from '../internal/flow.ts';
import { optionList, type Option } from './option-list.ts';
import type { StepContext } from './step-context.ts';

/** B3 clinics by group, ungrouped last; B5 "any clinic in this group" when switched on. */
export function clinicStep(ctx: StepContext): TemplateResult {
  const { t, choices } = ctx;
  const groups = clinicGroupsFor(ctx.catalog, choices);
  const anyClinic = ctx.org.settings.flexibility.showAnyClinic;
  if (groups.length === 0) return html`<p class="notice" part="notice">${t.noChoices}</p>`;
  return html`${groups.map((group, i) => {
    const options: Option[] = [];
    if (anyClinic && group.name !== null && group.clinics.length > 1) {
      options.push({
        key: `group:${group.name}`, title: t.anyClinicIn(group.name), detail: t.anyClinicHint,
        selected: choices.clinicId === undefined && choices.group === group.name,
        onSelect: () => ctx.choose({ group: group.name ?? undefined, clinicId: undefined }),
      });
    }
    for (const clinic of group.clinics) {
      options.push({
        key: clinic.id, title: clinic.name, detail: [clinic.address, `${clinic.postalCode} ${clinic.city}`.trim()].filter(Boolean).join(', '),
        selected: choices.clinicId === clinic.id,
        onSelect: () => ctx.choose({ clinicId: clinic.id, group: undefined }),
      });
    }
    const headingId = `group-${i}`;
    const showHeading = groups.length > 1 || group.name !== null;
    return html`<section class="group" part="group" aria-labelledby=${showHeading ? headingId : nothing}>
      ${showHeading ? html`<h3 id=${headingId} class="group-heading" part="group-heading">${group.name ?? t.ungroupedClinics}</h3>` : nothing}
      ${optionList(options)}
    </section>`;
  })}`;
}
