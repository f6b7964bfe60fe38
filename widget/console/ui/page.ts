import { LitElement, type PropertyValues } from 'lit';
import type { ConsoleContext } from '../context.ts';
import { consoleStyles } from './styles.ts';

/**
 * A page of the console: a custom element the shell creates for its route,
 * with the context, the route's `:params` and the address's query. The shell
 * renders the page's `<h1>`; a page's sections start at `<h2>`.
 *
 * @example
 * export class AuditPage extends ConsolePage {
 *   override render() { return html`<h2>…</h2>`; }
 * }
 * customElements.define('console-audit-page', AuditPage);
 */
export class ConsolePage extends LitElement {
  static override styles = [consoleStyles];
  static override properties = {
    ctx: { attribute: false },
    params: { attribute: false },
    query: { attribute: false },
  };

  declare ctx: ConsoleContext;
  declare params: Record<string, string>;
  declare query: URLSearchParams;

  constructor() {
    super();
    this.params = {};
    this.query = new URLSearchParams();
  }

  /**
   * Called when the page first has its context and whenever the params or
   * query change: load what the page shows. (A new context alone, say
   * another language, keeps what is loaded and any unsaved draft.)
   */
  protected routeChanged(): void {}

  protected override willUpdate(changed: PropertyValues<this>): void {
    const firstContext = changed.has('ctx') && !changed.get('ctx');
    if (this.ctx && (firstContext || changed.has('params') || changed.has('query'))) this.routeChanged();
  }
}
