import { html, type ReactiveController, type TemplateResult } from 'lit';
import { OpusApiError } from '../../../sdk/errors.ts';
import type { ConsolePage } from './page.ts';
import { errorText, uiTexts } from './ui-texts.ts';

/**
 * Loads what a page (or a part of it) shows, and renders its three states:
 * loading, the data, or what failed with a Try again button. A newer load
 * supersedes an older one; a 401 hands over to the shell's login.
 *
 * @example
 * private readonly list = new Loader(this, () => auditMethods(this.ctx.call).listAudit({}));
 * private readonly profile = new Loader(this, () => settings.getOrganization(), (value) => this.form.load(value));
 * protected override routeChanged() { void this.list.load(); }
 * override render() { return this.list.render((page) => html`…${page.entries.length}…`); }
 */
export class Loader<T> implements ReactiveController {
  state: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  value: T | undefined;
  error: unknown;
  private generation = 0;

  /** `loaded` runs after every successful load (a retry too): fill a form from it. */
  constructor(private readonly host: ConsolePage, private readonly fetcher: () => Promise<T>, private readonly loaded?: (value: T) => void) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** (Re)loads; while reloading, the data already shown stays (no flash of "Loading…"). */
  async load(): Promise<void> {
    const generation = ++this.generation;
    this.state = this.value === undefined ? 'loading' : this.state === 'error' ? 'loading' : 'ready';
    this.error = undefined;
    this.host.requestUpdate();
    try {
      const value = await this.fetcher();
      if (generation !== this.generation) return;
      this.value = value;
      this.state = 'ready';
      this.loaded?.(value);
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof OpusApiError && error.code === 'unauthorized') this.host.ctx.sessionEnded();
      this.error = error;
      this.state = 'error';
    }
    this.host.requestUpdate();
  }

  /** Replaces the data shown (after a save answered the new value). */
  set(value: T): void {
    this.value = value;
    this.state = 'ready';
    this.host.requestUpdate();
  }

  /** The loading text, the failure with its retry, or `ready(data)`. */
  render(ready: (value: T) => TemplateResult | TemplateResult[] | string): TemplateResult {
    const t = uiTexts(this.host.ctx.locale);
    if (this.state === 'error') {
      return html`<div class="notice error" role="alert">
        <p>${errorText(this.error, this.host.ctx.locale)}</p>
        <button type="button" class="secondary" data-action="retry" @click=${() => void this.load()}>${t('retry')}</button>
      </div>`;
    }
    if (this.value === undefined) return html`<p role="status" class="muted">${t('loading')}</p>`;
    return html`${ready(this.value)}`;
  }
}
