import { html, nothing, type TemplateResult } from 'lit';
import type { PatientSummary } from '../../../../sdk/schemas/patients.ts';
import { translator } from '../../i18n.ts';
import type { ConsolePage } from '../../ui/page.ts';
import { uiTexts } from '../../ui/ui-texts.ts';
import { formatLocalDate } from './patient-format.ts';
import { patientTexts } from './patient-texts.ts';

/**
 * A page of patients as a table (name linked to the patient's page, national
 * id, mobile, e-mail, wants SMS, next recall) with Previous / Next page.
 */
export function patientTable(host: ConsolePage, patients: readonly PatientSummary[], options: {
  caption: string; page: number; hasNext: boolean; previous: () => void; next: () => void; headingId: string;
}): TemplateResult {
  const ctx = host.ctx;
  const t = translator(patientTexts, ctx.locale);
  const ui = uiTexts(ctx.locale);
  return html`<div class="table-wrap"><table>
      <caption id=${options.headingId} tabindex="-1">${options.caption}</caption>
      <thead><tr>
        <th scope="col">${t('name')}</th><th scope="col">${t('nationalId')}</th><th scope="col">${t('mobile')}</th>
        <th scope="col">${t('email')}</th><th scope="col">${t('wantsSms')}</th><th scope="col">${t('nextRecallDate')}</th>
      </tr></thead>
      <tbody>${patients.map((p) => html`<tr>
        <th scope="row"><a href=${ctx.href(`/patients/${p.id}`)}>${p.lastName}, ${p.firstName}</a></th>
        <td class="nowrap">${p.nationalId}</td>
        <td class="nowrap">${p.mobile ?? t('none')}</td>
        <td>${p.email ?? t('none')}</td>
        <td>${p.wantsSms ? t('yes') : t('no')}</td>
        <td class="nowrap">${p.nextRecallDate ? formatLocalDate(p.nextRecallDate, ctx.locale) : t('none')}</td>
      </tr>`)}</tbody>
    </table></div>
    ${options.page > 1 || options.hasNext ? html`<div class="actions pager">
      <button type="button" class="secondary" data-action="previous" ?disabled=${options.page <= 1} @click=${options.previous}>${ui('previous')}</button>
      <span class="muted">${t('pageNumber', { page: options.page })}</span>
      <button type="button" class="secondary" data-action="next" ?disabled=${!options.hasNext} @click=${options.next}>${ui('next')}</button>
    </div>` : nothing}`;
}
