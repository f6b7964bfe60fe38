import type { OpusBooking } from '../../../widget/opus-booking.ts';
import '../../../widget/index.ts';
import { API } from './mock-api.ts';
import { IO_TIMEOUT_MS } from './io-timeout.ts';

import { assert } from './assert.ts';

export { assert, assertEqual } from './assert.ts';
export { IO_TIMEOUT_MS } from './io-timeout.ts';

/** Waits until `probe` returns something truthy (polling each frame, at most {@link IO_TIMEOUT_MS}). */
export async function waitFor<T>(probe: () => T | undefined | null | false, what = 'condition', timeoutMs = IO_TIMEOUT_MS): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

/** Adds an `<opus-booking>` for the mocked API with the given attributes. */
export function mount(attributes: Record<string, string> = {}): OpusBooking {
  const el = document.createElement('opus-booking');
  el.setAttribute('api', API);
  el.setAttribute('organization', 'acme');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

export function cleanup(): void {
  for (const el of document.querySelectorAll('opus-booking')) el.remove();
}

export const $ = <E extends Element = HTMLElement>(el: OpusBooking, selector: string) => el.shadowRoot!.querySelector<E>(selector);
export const $$ = <E extends Element = HTMLElement>(el: OpusBooking, selector: string) => [...el.shadowRoot!.querySelectorAll<E>(selector)];

/** The current step heading's text. */
export const heading = (el: OpusBooking) => $(el, '#step-heading')?.textContent?.trim() ?? '';

/** Waits for a step (by its `data-step`) to show. */
export async function waitForStep(el: OpusBooking, step: string): Promise<void> {
  await waitFor(() => $(el, `[data-step="${step}"]`) && !$(el, `[data-step="${step}"] [part="loading"]`), `step ${step} (now ${$(el, '[data-step]')?.getAttribute('data-step') ?? 'none'}: ${heading(el)})`);
  await el.updateComplete;
}

/**
 * The live regions (role status, alert or log, or aria-live other than off) in
 * the widget whose text includes `text`: what a screen reader would announce.
 */
export function liveRegionsHolding(el: OpusBooking, text: string): HTMLElement[] {
  return $$(el, '[role="status"], [role="alert"], [role="log"], [aria-live]:not([aria-live="off"])').filter((region) => region.textContent?.includes(text));
}

/** The visible option titles of the current step. */
export const optionTitles = (el: OpusBooking) => $$(el, '.option-title').map((n) => n.textContent?.trim());

/** Clicks the option (button) whose text includes `text`. */
export async function pick(el: OpusBooking, text: string, selector = 'button'): Promise<void> {
  const button = await waitFor(() => $$(el, selector).find((b) => b.textContent?.includes(text)), `button "${text}"`);
  button.click();
  await el.updateComplete;
}

/** Fills an input of the details form. */
export function fill(el: OpusBooking, name: string, value: string): void {
  const input = $<HTMLInputElement>(el, `#field-${name}`);
  assert(input, `no field ${name}`);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('blur'));
}

/** Fills a valid Norwegian patient. */
export function fillPatient(el: OpusBooking, lastName = 'Nordmann'): void {
  fill(el, 'firstName', 'Kari');
  fill(el, 'lastName', lastName);
  fill(el, 'nationalId', '13097248022');
  fill(el, 'email', 'kari@example.no');
  fill(el, 'mobile', '912 34 567');
}

/** From the time step (its first time) to the details form. */
export async function reachDetails(el: OpusBooking): Promise<void> {
  await waitForStep(el, 'time');
  (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
  await waitForStep(el, 'details');
}

/** From the time step to the confirm step, with a valid patient typed; `next` is the details step's button in the widget's language. */
export async function reachConfirm(el: OpusBooking, next = 'Gå videre'): Promise<void> {
  await reachDetails(el);
  fillPatient(el);
  await pick(el, next);
  await waitForStep(el, 'confirm');
}

let axeLoaded: Promise<void> | undefined;

/** Runs axe-core on the element for WCAG 2.0/2.1/2.2 A and AA; throws listing any violation. */
export async function axeCheck(el: OpusBooking, where: string): Promise<void> {
  axeLoaded ??= new Promise<void>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    script.onload = () => resolve();
    script.onerror = reject;
    document.head.append(script);
  });
  await axeLoaded;
  await el.updateComplete;
  const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
  const result = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } });
  const violations = result.violations.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  assert(violations.length === 0, `axe on ${where}:\n${violations.join('\n')}`);
}

/** Collects the widget's events by name. */
export function recordEvents(el: OpusBooking): Array<Event & Record<string, unknown>> {
  const events: Array<Event & Record<string, unknown>> = [];
  for (const name of ['opus-step', 'opus-booked', 'opus-rebooked', 'opus-cancelled', 'opus-error']) {
    document.addEventListener(name, (e) => { if (e.composedPath().includes(el)) events.push(e as Event & Record<string, unknown>); });
  }
  return events;
}
