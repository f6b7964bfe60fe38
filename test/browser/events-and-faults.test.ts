import { http, HttpResponse } from 'msw';
import { OpusBookedEvent, OpusCancelledEvent, OpusErrorEvent, OpusRebookedEvent, OpusStepEvent } from '../../widget/index.ts';
import type { OpusBooking } from '../../widget/opus-booking.ts';
import { IDS } from './support/fixtures.ts';
import { API, resetMock, startMockApi, state, useHandlers } from './support/mock-api.ts';
import { $, $$, assert, assertEqual, cleanup, fillPatient, heading, mount, pick, waitFor, waitForStep } from './support/helpers.ts';

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(() => cleanup());

/** Captures console warnings while `body` runs. */
async function warningsDuring(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    await body();
  } finally {
    console.warn = warn;
  }
  return warnings;
}

describe('faults: never a blank box or a spinner forever', () => {
  it('a slow API gives up after request-timeout and offers a retry that works', async () => {
    state.delayMs = 60_000;
    const el = mount({ 'request-timeout': '300' });
    const errors: OpusErrorEvent[] = [];
    el.addEventListener('opus-error', (e) => errors.push(e));
    const problem = await waitFor(() => $(el, '[part="problem"]'), 'timeout message');
    // The organization (and so its language) is unknown: the browser's language (en-US here).
    assert(problem.textContent?.includes('could not reach the booking service'), problem.textContent ?? '');
    assert(!$(el, '[part="loading"]'), 'no spinner left');
    assert(errors.some((e) => e.code === 'network'), 'opus-error for the page');
    state.delayMs = 5;
    await pick(el, 'Try again');
    await waitForStep(el, 'clinic');
    assertEqual(heading(el), 'Velg klinikk');
  });

  it('a failing time search shows a message with a retry in the time step', async () => {
    useHandlers(http.get(`${API}/api/v1/organizations/acme/slots`, () => HttpResponse.error(), { once: true }));
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await waitForStep(el, 'time');
    await waitFor(() => $(el, '[data-step="time"] [part="problem"]'), 'search failure');
    await pick(el, 'Prøv igjen');
    await waitFor(() => $(el, '[part~="time"]'), 'free times after the retry');
  });

  it('invalid attributes warn in the console and leave a working, readable widget', async () => {
    let el: OpusBooking | undefined;
    const warnings = await warningsDuring(async () => {
      el = mount({ locale: 'xx', layout: 'popup', 'request-timeout': 'soon', treatment: 'no-such-id' });
      await waitForStep(el, 'clinic');
    });
    for (const attribute of ['locale="xx"', 'layout="popup"', 'request-timeout="soon"', 'treatment attribute']) {
      assert(warnings.some((w) => w.startsWith('<opus-booking>:') && w.includes(attribute)), `a warning for ${attribute}: ${warnings.join(' | ')}`);
    }
    assertEqual(heading(el!), 'Velg klinikk', 'the organization\'s language');
    assert($$(el!, '[part~="option"]').length > 0, 'the flow works inline');
  });
});

describe('opus-* events (W12)', () => {
  it('are typed, bubble and cross shadow roots: the page hears a widget nested in another component', async () => {
    const outer = document.createElement('div');
    document.body.append(outer);
    const root = outer.attachShadow({ mode: 'open' });
    const el = document.createElement('opus-booking');
    el.setAttribute('api', API);
    el.setAttribute('organization', 'acme');
    el.setAttribute('locale', 'en');
    root.append(el);
    const heard: Event[] = [];
    const crossed = new Set<Event>(); // composedPath() is only known while the event is dispatched
    const names = ['opus-step', 'opus-booked', 'opus-rebooked', 'opus-cancelled', 'opus-error'] as const;
    const listener = (e: Event) => {
      heard.push(e);
      if (e.composedPath().includes(el) && e.composedPath().includes(outer)) crossed.add(e);
    };
    for (const name of names) document.addEventListener(name, listener);
    try {
      await waitForStep(el, 'clinic');
      await pick(el, 'Clinic A');
      await pick(el, 'Checkup');
      await pick(el, 'Petra One');
      await waitForStep(el, 'time');
      (await waitFor(() => $<HTMLElement>(el, '[part~="time"]'))).click();
      await waitForStep(el, 'details');
      fillPatient(el);
      await pick(el, 'Continue');
      await waitForStep(el, 'confirm');
      await pick(el, 'Confirm booking');
      await waitForStep(el, 'done');
      el.setAttribute('manage', 'tok-1');
      await waitForStep(el, 'manage-view');
      await pick(el, 'Move appointment');
      (await waitFor(() => $$(el, '[part~="time"]')[1])).click();
      await pick(el, 'Move to this time');
      await waitFor(() => heard.some((e) => e.type === 'opus-rebooked'), 'opus-rebooked');
      await pick(el, 'Cancel appointment');
      await pick(el, 'Yes, cancel it');
      await waitFor(() => heard.some((e) => e.type === 'opus-cancelled'), 'opus-cancelled');
      el.setAttribute('layout', 'sideways');
      await waitFor(() => heard.some((e) => e.type === 'opus-error'), 'opus-error');
    } finally {
      for (const name of names) document.removeEventListener(name, listener);
      outer.remove();
    }
    for (const e of heard) assert(e.bubbles && e.composed && crossed.has(e), `${e.type} bubbles and is composed`);
    const steps = heard.filter((e): e is OpusStepEvent => e instanceof OpusStepEvent);
    assertEqual(steps.map((e) => [e.step, e.index, e.total]), [
      ['clinic', 1, 6], ['treatment', 2, 6], ['provider', 3, 6], ['time', 4, 6], ['details', 5, 6], ['confirm', 6, 6], ['done', 7, 6],
      ['manage', 0, 0], ['rebook', 0, 0], ['rebook', 0, 0], ['manage', 0, 0],
    ]);
    const booked = heard.find((e): e is OpusBookedEvent => e instanceof OpusBookedEvent)!;
    assertEqual([booked.result.booking.treatment?.name, booked.result.booking.clinic.name], ['Checkup', 'Clinic A']);
    const rebooked = heard.find((e): e is OpusRebookedEvent => e instanceof OpusRebookedEvent)!;
    assert(rebooked.booking.start !== booked.result.booking.start, 'the new time');
    const cancelled = heard.find((e): e is OpusCancelledEvent => e instanceof OpusCancelledEvent)!;
    assertEqual(cancelled.booking.status, 'cancelled');
    const error = heard.find((e): e is OpusErrorEvent => e instanceof OpusErrorEvent)!;
    assertEqual([error.code, error.status], ['invalid_attribute', 0]);
  });
});
