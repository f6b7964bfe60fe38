import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { OpusApiError } from '../../../sdk/errors.ts';
import type { ConsolePage } from './page.ts';
import { errorText, uiTexts } from './ui-texts.ts';

/** Forms with unsaved changes anywhere in the console (the shell asks before leaving them). */
const unsaved = new Set<FormController<unknown>>();

/** Whether any form shown has changes not yet saved. */
export function hasUnsavedChanges(): boolean {
  return [...unsaved].some((form) => form.host.isConnected && form.dirty);
}

/**
 * The same failure with its field paths renamed, so a form whose draft is
 * shaped differently from the request still marks its own fields.
 *
 * @example
 * await api.createClinic(draft.newClinic).catch((error: unknown) => { throw renameIssues(error, (path) => `newClinic.${path}`); });
 */
export function renameIssues(error: unknown, rename: (path: string) => string): unknown {
  if (!(error instanceof OpusApiError) || !error.problem || error.issues.length === 0) return error;
  return new OpusApiError(error.status, error.code, error.message, { ...error.problem, issues: error.issues.map((i) => ({ ...i, path: rename(i.path) })) }, error.retryAfter);
}

/** The id of a field's input for a dotted path (`texts.welcome` → `f-texts-welcome`). */
export const fieldId = (path: string) => `f-${path.replace(/[^\w-]/g, '-')}`;

function getPath(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
}

function setPath<T>(value: T, path: string, next: unknown): T {
  const [key, ...rest] = path.split('.');
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[key!] = rest.length ? setPath(copy[key!], rest.join('.'), next) : next;
  return copy as T;
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export interface FieldOptions {
  hint?: string;
  required?: boolean;
  type?: string;
  autocomplete?: string;
  inputmode?: string;
  min?: number;
  max?: number;
  maxlength?: number;
  /** Read-only for roles that may not change it. */
  disabled?: boolean;
}

let forms = 0;

/**
 * A form's draft and saved values, Save and Reset (seed 001's Spara and
 * Återställ), errors tied to their fields. A failed save keeps every value
 * typed, marks the wrong fields (the API's problem names them) and says what
 * failed; Reset puts back the saved values. The draft can be shown before it
 * is saved (the live preview reads `draft`).
 *
 * @example
 * private readonly form = new FormController<FlexibilitySettings>(this);
 * // once loaded: this.form.load(value)
 * render() {
 *   return html`<form @submit=${this.form.onSubmit((draft) => settings.updateSection('flexibility', draft))}>
 *     ${this.form.checkbox('published', t('published'))}
 *     ${this.form.actions()}
 *   </form>`;
 * }
 */
export class FormController<T> implements ReactiveController {
  /** Unique within the page, for the ids of the form's own elements. */
  private readonly key = `form-${++forms}`;
  saved: T | undefined;
  draft: T | undefined;
  /** Field messages by dotted path, from the last failed save (or set by the page's own checks). */
  errors: Record<string, string> = {};
  status: 'idle' | 'saving' | 'saved' | 'failed' = 'idle';
  failure: unknown;

  /**
   * `idPrefix` keeps field ids unique when a page has several forms with the
   * same field names (`texts` → `f-texts-welcome`); `onSaved` runs after a save.
   */
  constructor(readonly host: ConsolePage, private readonly options: { onSaved?: (value: T) => void; idPrefix?: string } = {}) {
    host.addController(this as FormController<unknown>);
  }

  hostConnected(): void {
    unsaved.add(this as FormController<unknown>);
  }

  hostDisconnected(): void {
    unsaved.delete(this as FormController<unknown>);
  }

  /** Sets the saved value and a fresh draft of it (after loading). */
  load(value: T): void {
    this.saved = clone(value);
    this.draft = clone(value);
    this.errors = {};
    this.status = 'idle';
    this.failure = undefined;
    this.host.requestUpdate();
  }

  /** The id of this form's input for `path`. */
  fieldId(path: string): string {
    return fieldId(this.options.idPrefix ? `${this.options.idPrefix}.${path}` : path);
  }

  get dirty(): boolean {
    return this.draft !== undefined && JSON.stringify(this.draft) !== JSON.stringify(this.saved);
  }

  get(path: string): unknown {
    return getPath(this.draft, path);
  }

  /** Changes one value of the draft; its error goes away. */
  set(path: string, value: unknown): void {
    if (this.draft === undefined) return;
    this.draft = setPath(this.draft, path, value);
    if (this.errors[path]) {
      const { [path]: _gone, ...rest } = this.errors;
      this.errors = rest;
    }
    if (this.status === 'saved') this.status = 'idle';
    this.host.requestUpdate();
  }

  /** Replaces the whole draft (a list edited as one value). */
  setDraft(value: T): void {
    this.draft = value;
    if (this.status === 'saved') this.status = 'idle';
    this.host.requestUpdate();
  }

  /** Reset: the saved values back, the errors gone. */
  reset(): void {
    if (this.saved === undefined) return;
    this.draft = clone(this.saved);
    this.errors = {};
    this.status = 'idle';
    this.failure = undefined;
    this.host.requestUpdate();
  }

  /** Saves the draft with `send`; its answer becomes the saved value. On failure the draft stays as typed. */
  async save(send: (draft: T) => Promise<T>): Promise<boolean> {
    if (this.draft === undefined || this.status === 'saving') return false;
    this.status = 'saving';
    this.failure = undefined;
    this.host.requestUpdate();
    const sent = clone(this.draft);
    try {
      const value = await send(clone(sent));
      // What was typed while the save was under way stays a draft over the saved value.
      if (JSON.stringify(this.draft) === JSON.stringify(sent)) this.load(value);
      else {
        this.saved = clone(value);
        this.errors = {};
      }
      this.status = 'saved';
      this.host.ctx.announce(uiTexts(this.host.ctx.locale)('saved'));
      this.options.onSaved?.(value);
      return true;
    } catch (error) {
      if (error instanceof OpusApiError && error.code === 'unauthorized') this.host.ctx.sessionEnded();
      this.status = 'failed';
      this.failure = error;
      this.errors = {};
      for (const issue of error instanceof OpusApiError ? error.issues : []) this.errors[issue.path] ??= issue.message;
      this.host.requestUpdate();
      await this.host.updateComplete;
      this.host.renderRoot.querySelector<HTMLElement>(`#${this.key}-failure`)?.focus();
      return false;
    } finally {
      this.host.requestUpdate();
    }
  }

  /** A submit handler that saves with `send`. */
  onSubmit(send: (draft: T) => Promise<T>): (event: Event) => void {
    return (event) => {
      event.preventDefault();
      void this.save(send);
    };
  }

  private described(id: string, path: string, hint?: string) {
    const ids = [hint ? `${id}-hint` : '', this.errors[path] ? `${id}-error` : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  private after(id: string, path: string, hint?: string): TemplateResult {
    return html`${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}${this.errors[path] ? html`<p class="field-error" id="${id}-error">${this.errors[path]}</p>` : nothing}`;
  }

  /** A labelled text (or number, e-mail, colour …) input for `path`. */
  input(path: string, label: string, options: FieldOptions = {}): TemplateResult {
    const id = this.fieldId(path);
    const value = this.get(path);
    const numeric = options.type === 'number';
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} name=${path} type=${options.type ?? 'text'} .value=${value === null || value === undefined ? '' : String(value)}
        ?required=${options.required} ?disabled=${options.disabled} autocomplete=${options.autocomplete ?? 'off'} inputmode=${options.inputmode ?? nothing}
        min=${options.min ?? nothing} max=${options.max ?? nothing} maxlength=${options.maxlength ?? nothing}
        aria-invalid=${this.errors[path] ? 'true' : 'false'} aria-describedby=${this.described(id, path, options.hint)}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          this.set(path, numeric ? (raw === '' ? null : Number(raw)) : raw);
        }}>
      ${this.after(id, path, options.hint)}
    </div>`;
  }

  /** A labelled multi-line text for `path`. */
  textarea(path: string, label: string, options: FieldOptions & { rows?: number } = {}): TemplateResult {
    const id = this.fieldId(path);
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <textarea id=${id} name=${path} rows=${options.rows ?? 4} .value=${String(this.get(path) ?? '')} ?disabled=${options.disabled}
        maxlength=${options.maxlength ?? nothing} aria-invalid=${this.errors[path] ? 'true' : 'false'} aria-describedby=${this.described(id, path, options.hint)}
        @input=${(e: Event) => this.set(path, (e.target as HTMLTextAreaElement).value)}></textarea>
      ${this.after(id, path, options.hint)}
    </div>`;
  }

  /** A checkbox for a boolean at `path`. */
  checkbox(path: string, label: string, options: FieldOptions = {}): TemplateResult {
    const id = this.fieldId(path);
    return html`<div class="check">
      <input id=${id} name=${path} type="checkbox" .checked=${this.get(path) === true} ?disabled=${options.disabled}
        aria-invalid=${this.errors[path] ? 'true' : 'false'} aria-describedby=${this.described(id, path, options.hint)}
        @change=${(e: Event) => this.set(path, (e.target as HTMLInputElement).checked)}>
      <label for=${id}>${label}</label>
      ${this.after(id, path, options.hint)}
    </div>`;
  }

  /** A labelled select for `path`. */
  select(path: string, label: string, choices: ReadonlyArray<{ value: string; label: string }>, options: FieldOptions = {}): TemplateResult {
    const id = this.fieldId(path);
    const value = String(this.get(path) ?? '');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <select id=${id} name=${path} ?disabled=${options.disabled} aria-invalid=${this.errors[path] ? 'true' : 'false'} aria-describedby=${this.described(id, path, options.hint)}
        @change=${(e: Event) => this.set(path, (e.target as HTMLSelectElement).value)}>
        ${choices.map((choice) => html`<option value=${choice.value} ?selected=${choice.value === value}>${choice.label}</option>`)}
      </select>
      ${this.after(id, path, options.hint)}
    </div>`;
  }

  /**
   * Save and Reset, what happened to the last save, and after a failure a
   * summary linking each wrong field. `labels` names fields for the summary
   * (by path); unnamed ones show the path.
   */
  actions(options: { labels?: Record<string, string>; disabled?: boolean } = {}): TemplateResult {
    const t = uiTexts(this.host.ctx.locale);
    const wrong = Object.entries(this.errors);
    return html`
      ${this.status === 'failed' ? html`<div class="notice error save-failure" id="${this.key}-failure" role="alert" tabindex="-1">
        <p>${t('saveFailed')}</p>
        ${wrong.length ? html`<p>${wrong.length === 1 ? t('fieldNeedsAttention') : t('fieldsNeedAttention', { count: wrong.length })}</p>
          <ul>${wrong.map(([path, message]) => html`<li><a href="#${this.fieldId(path)}" @click=${(e: Event) => {
            e.preventDefault();
            this.host.renderRoot.querySelector<HTMLElement>(`#${this.fieldId(path)}`)?.focus();
          }}>${options.labels?.[path] ?? path}</a>: ${message}</li>`)}</ul>` : html`<p>${errorText(this.failure, this.host.ctx.locale)}</p>`}
      </div>` : nothing}
      <div class="actions">
        <button type="submit" data-action="save" ?disabled=${options.disabled || this.status === 'saving'}>${this.status === 'saving' ? t('saving') : t('save')}</button>
        <button type="button" class="secondary" data-action="reset" ?disabled=${options.disabled || !this.dirty} aria-describedby="${this.key}-reset-hint" @click=${() => this.reset()}>${t('reset')}</button>
        <span id="${this.key}-reset-hint" class="sr-only">${t('resetHint')}</span>
        <span role="status" class="muted">${this.status === 'saved' ? t('saved') : this.dirty ? t('unsaved') : ''}</span>
      </div>`;
  }
}
