import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { RegistrationFields } from '../../sdk/schemas/organization.ts';
import type { Messages } from '../i18n/messages.ts';

/** A form field and the request path its errors come back under. */
export type DetailsField = keyof Messages['fields'];

interface FieldSpec {
  name: DetailsField;
  mode: 'optional' | 'required';
  type: string;
  autocomplete: string;
  inputmode?: string;
  hint?: string;
}

/** The request path of a field (`patient.mobile`, `campaignCode`, `message`). */
export function pathOf(field: DetailsField): string {
  return field === 'campaignCode' || field === 'message' ? field : `patient.${field}`;
}

/**
 * The fields switched on (B8, W5), in form order: name and national id always;
 * e-mail, mobile, address lines, postal code, city and campaign code (B10) as
 * set; the user message (B9) when switched on.
 */
export function fieldsFor(fields: RegistrationFields, userMessage: boolean, t: Messages): FieldSpec[] {
  const specs: FieldSpec[] = [
    { name: 'firstName', mode: 'required', type: 'text', autocomplete: 'given-name' },
    { name: 'lastName', mode: 'required', type: 'text', autocomplete: 'family-name' },
    { name: 'nationalId', mode: 'required', type: 'text', autocomplete: 'off', inputmode: 'numeric', hint: t.nationalIdHint },
  ];
  const optional: Array<[DetailsField & keyof RegistrationFields, string, string, string?]> = [
    ['email', 'email', 'email'], ['mobile', 'tel', 'tel'], ['address1', 'text', 'address-line1'], ['address2', 'text', 'address-line2'],
    ['postalCode', 'text', 'postal-code', 'numeric'], ['city', 'text', 'address-level2'], ['campaignCode', 'text', 'off'],
  ];
  for (const [name, type, autocomplete, inputmode] of optional) {
    const mode = fields[name];
    if (mode !== 'off') specs.push({ name, mode, type, autocomplete, ...(inputmode ? { inputmode } : {}) });
  }
  if (userMessage) specs.push({ name: 'message', mode: 'optional', type: 'textarea', autocomplete: 'off' });
  return specs;
}

export interface DetailsStepView {
  t: Messages;
  fields: RegistrationFields;
  userMessage: boolean;
  patientInfo: string;
  values: Partial<Record<DetailsField, string>>;
  /** Messages by request path. */
  errors: Record<string, string>;
  errorSummary: string | undefined;
  onInput: (field: DetailsField, value: string) => void;
  onBlur: (field: DetailsField) => void;
  onSubmit: () => void;
}

/** The details form (B8–B10) beside the patient-info text (B7); errors are tied to their inputs. */
export function detailsStep(v: DetailsStepView): TemplateResult {
  const { t } = v;
  const submit = (event: Event) => { event.preventDefault(); v.onSubmit(); };
  return html`<p class="text patient-info" part="patient-info">${v.patientInfo}</p>
    ${v.errorSummary ? html`<p class="notice error" part="error-summary" role="alert">${v.errorSummary}</p>` : nothing}
    <form class="form" part="form" novalidate @submit=${submit}>
      ${fieldsFor(v.fields, v.userMessage, t).map((f) => {
        const id = `field-${f.name}`;
        const error = v.errors[pathOf(f.name)];
        const describedBy = [f.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
        const common = {
          onInput: (e: Event) => v.onInput(f.name, (e.target as HTMLInputElement).value),
          onBlur: () => v.onBlur(f.name),
        };
        return html`<div class="field" part="field">
          <label for=${id} part="label">${t.fields[f.name]} <span class="field-mode">(${f.mode === 'required' ? t.required : t.optional})</span></label>
          ${f.hint ? html`<span class="hint" id="${id}-hint">${f.hint}</span>` : nothing}
          ${f.type === 'textarea'
            ? html`<textarea id=${id} name=${f.name} part="input" rows="3" maxlength="1000" aria-describedby=${describedBy || nothing} aria-invalid=${error ? 'true' : 'false'}
                .value=${live(v.values[f.name] ?? '')} @input=${common.onInput} @blur=${common.onBlur}></textarea>`
            : html`<input id=${id} name=${f.name} part="input" type=${f.type} autocomplete=${f.autocomplete} inputmode=${f.inputmode ?? nothing}
                ?required=${f.mode === 'required'} aria-required=${f.mode === 'required' ? 'true' : 'false'} aria-describedby=${describedBy || nothing} aria-invalid=${error ? 'true' : 'false'}
                .value=${live(v.values[f.name] ?? '')} @input=${common.onInput} @blur=${common.onBlur} />`}
          ${error ? html`<span class="field-error" part="field-error" id="${id}-error">${error}</span>` : nothing}
        </div>`;
      })}
      <div class="actions"><button type="submit" part="button continue">${t.continue}</button></div>
    </form>`;
}
