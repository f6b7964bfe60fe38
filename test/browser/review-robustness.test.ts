import { http, HttpResponse } from 'msw';
import { html, render } from 'lit';
import en from '../../widget/i18n/locales/en.ts';
import { timeStep } from '../../widget/steps/time-step.ts';
import { SessionController } from '../../widget/controllers/session-controller.ts';
import type { BookingApi } from '../../widget/api/booking-api.ts';
import { CLINIC_GROUPS, IDS, PROVIDERS, TREATMENTS, organization } from './support/fixtures.ts';
import type { SlotView } from '../../sdk/schemas/slots.ts';
import { API, resetMock, startMockApi, state, useHandlers } from './support/mock-api.ts';
import { $, assert, assertEqual, cleanup, fill, fillPatient, mount, pick, waitFor, waitForStep } from './support/helpers.ts';

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(() => cleanup());

describe('<opus-booking> robustness', () => {
  it('moved in the page while it loads (a framework re-parenting it), it still starts', async () => {
    state.delayMs = 300;
    const el = mount({ locale: 'en' });
    await new Promise((r) => setTimeout(r, 30));
    const box = document.createElement('div');
    document.body.append(box);
    box.append(el); // disconnected and connected again, mid-load
    try {
      await waitForStep(el, 'clinic');
    } finally {
      box.remove();
    }
  });

  it('a first answer that takes seconds (a busy machine compiling the first import) is waited for, not reported as a failure', async () => {
    // On a busy 2-core machine the test server's first, lazily compiled import took over 5 s;
    // the helpers' waits for I/O must outlast that (they end as soon as the step shows).
    state.delayMs = 6_000;
    const el = mount({ locale: 'en' });
    await waitForStep(el, 'clinic');
  });

  it('one Idempotency-Key per booking: retries of the same booking share it, a changed booking gets a new one', async () => {
    let failures = 2;
    useHandlers(http.post(`${API}/api/v1/organizations/acme/bookings`, ({ request }) => {
      if (failures <= 0) return undefined; // on to the normal handler
      failures--;
      state.requests.push({ method: 'POST', path: '/bookings', headers: Object.fromEntries(request.headers) });
      return HttpResponse.error();
    }));
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1, locale: 'en' });
    await waitForStep(el, 'time');
    (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
    await waitForStep(el, 'details');
    fillPatient(el);
    await pick(el, 'Continue');
    await waitForStep(el, 'confirm');
    await pick(el, 'Confirm booking');
    await waitFor(() => $(el, '[data-step="confirm"] [part="problem"]'), 'the failure');
    await pick(el, 'Confirm booking'); // the same booking again
    await waitFor(() => state.requests.filter((r) => r.method === 'POST').length === 2 && !$(el, '[part~="confirm"][aria-disabled="true"]'), 'the retry');
    await pick(el, 'Back');
    await waitForStep(el, 'details');
    fill(el, 'email', 'kari.nordmann@example.no'); // a different booking now
    await pick(el, 'Continue');
    await waitForStep(el, 'confirm');
    await pick(el, 'Confirm booking');
    await waitForStep(el, 'done');
    const keys = state.requests.filter((r) => r.method === 'POST').map((r) => r.headers?.['idempotency-key']);
    assertEqual(keys.length, 3);
    assertEqual(keys[1], keys[0], 'a retry of the same booking reuses its key');
    assert(keys[2] !== keys[0], 'a changed booking must not reuse the key (the server answers 422 idempotency_key_reused)');
  });

  it('arrow keys and Home never move to a past (disabled) day, so focus is not lost', () => {
    const slot = (start: string): SlotView => ({ start, end: start, providerId: IDS.p1, clinicId: IDS.clinicA });
    const chosen: string[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    try {
      render(html`${timeStep({
        t: en, locale: 'en', timeZone: 'Europe/Oslo', monday: '2026-01-05', today: '2026-01-07', weekend: false, day: '2026-01-07',
        days: new Map([['2026-01-07', [slot('2026-01-07T08:00:00Z')]], ['2026-01-08', [slot('2026-01-08T08:00:00Z')]]]), error: undefined,
        selected: undefined, notice: undefined, onWeek: () => {}, onDay: (d) => chosen.push(d), onSlot: () => {}, onRetry: () => {},
      })}`, container);
      const wednesday = container.querySelector<HTMLElement>('[data-day="2026-01-07"]')!;
      for (const key of ['ArrowLeft', 'Home']) wednesday.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
      assert(chosen.every((d) => d >= '2026-01-07'), `moved to a past day: ${chosen.join(', ')}`);
      // No day chosen yet (an empty week): the day reached by Tab is one that can take focus.
      render(html`${timeStep({
        t: en, locale: 'en', timeZone: 'Europe/Oslo', monday: '2026-01-05', today: '2026-01-07', weekend: false, day: undefined,
        days: new Map(), error: undefined, selected: undefined, notice: undefined, onWeek: () => {}, onDay: () => {}, onSlot: () => {}, onRetry: () => {},
      })}`, container);
      const tabStop = container.querySelector<HTMLButtonElement>('[data-day][tabindex="0"]');
      assert(tabStop && !tabStop.disabled, `the tab stop is a past, disabled day: ${tabStop?.dataset.day}`);
    } finally {
      container.remove();
    }
  });

  it('a failed load superseded by a newer one (attributes changed) does not overwrite it with its error', async () => {
    const session = new SessionController({ addController() {}, requestUpdate() {} } as never);
    let fail!: (error: unknown) => void;
    const never = new Promise<never>(() => {});
    const failing = { organization: () => new Promise((_, reject) => { fail = reject; }), clinics: () => never, providers: () => never, treatments: () => never } as unknown as BookingApi;
    const working = {
      organization: async () => organization(), clinics: async () => ({ groups: CLINIC_GROUPS }),
      providers: async () => ({ providers: PROVIDERS }), treatments: async () => ({ treatments: TREATMENTS }),
    } as unknown as BookingApi;
    const first = session.load(failing, { locale: 'sv', manageToken: null }); // its error texts still download
    fail(new Error('down'));
    // A few microtasks: the failed load is now fetching its (Swedish) error texts, which takes a request.
    for (let i = 0; i < 50; i++) await Promise.resolve();
    await session.load(working, { locale: 'en', manageToken: null });
    assertEqual(session.state, 'ready');
    await first;
    assertEqual(session.state, 'ready', 'the older, failed load overwrote the newer one');
  });

  it('an opus-error never carries the manage token (the page may send errors to its logs)', async () => {
    useHandlers(http.get(`${API}/api/v1/organizations/acme/bookings/:token`, () => new HttpResponse('<html>proxy</html>', { status: 200, headers: { 'content-type': 'text/html' } })));
    const el = mount({ manage: 'secret-manage-token', locale: 'en' });
    const errors: Array<{ code: string; message: string }> = [];
    el.addEventListener('opus-error', (e) => errors.push({ code: e.code, message: e.message }));
    await waitFor(() => $(el, '[part="problem"]'), 'the failure shown');
    // The event follows the manage chunk's load, which may come after the failure is on screen.
    await waitFor(() => errors.length > 0, 'an opus-error');
    for (const e of errors) assert(!e.message.includes('secret-manage-token'), `the token in opus-error: ${e.message}`);
  });
});
