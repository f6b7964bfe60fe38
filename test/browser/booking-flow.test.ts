import { http, HttpResponse, delay } from 'msw';
import { formatDateTime, formatTime } from '../../widget/internal/format.ts';
import { organization, IDS } from './support/fixtures.ts';
import { API, resetMock, startMockApi, state, useHandlers } from './support/mock-api.ts';
import { $, $$, assert, assertEqual, axeCheck, cleanup, fill, fillPatient, heading, mount, optionTitles, pick, recordEvents, waitFor, waitForStep } from './support/helpers.ts';

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(() => cleanup());

/** Picks the first free time shown. */
async function pickFirstTime(el: HTMLElement & { updateComplete: Promise<boolean> }) {
  const time = await waitFor(() => (el as never as { shadowRoot: ShadowRoot }).shadowRoot.querySelector<HTMLButtonElement>('[part~="time"]'), 'a free time');
  const text = time.textContent!.trim();
  time.click();
  await el.updateComplete;
  return text;
}
const CONTINUE: Record<string, string> = { nb: 'Gå videre', sv: 'Fortsätt', en: 'Continue' };

/** Clinic A, Checkup, P1 (in `locale`, else the organization's nb): the first free time picked and the patient filled in, at the confirm step. */
async function atConfirmStep(locale?: string) {
  const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1, ...(locale ? { locale } : {}) });
  await waitForStep(el, 'time');
  await pickFirstTime(el);
  await waitForStep(el, 'details');
  fillPatient(el);
  await pick(el, CONTINUE[locale ?? 'nb']!);
  await waitForStep(el, 'confirm');
  return el;
}


describe('<opus-booking> booking flow', () => {
  it('books end to end: every step accessible, summary kept, events fired, times in the clinic zone', async () => {
    const el = mount();
    const events = recordEvents(el);
    await waitForStep(el, 'clinic');
    assertEqual(heading(el), 'Velg klinikk');
    assert($(el, '[part~="welcome"]')?.textContent?.includes('Welcome to Acme!'), 'welcome text on the first step (B7)');
    assert($(el, '[part="summary"]'), 'summary visible (B12)');
    await axeCheck(el, 'clinic step');

    await pick(el, 'Clinic A');
    await waitForStep(el, 'treatment');
    assert($(el, '[part~="clinic-text"]')?.textContent?.includes('Default clinic text'), 'default clinic text (B7)');
    assertEqual(optionTitles(el), ['Checkup', 'Cleaning']);
    await axeCheck(el, 'treatment step');

    await pick(el, 'Checkup');
    await waitForStep(el, 'provider');
    assertEqual(optionTitles(el), ['Hvilken som helst behandler', 'Petra One', 'Paul Two']);
    await axeCheck(el, 'provider step');

    await pick(el, 'Petra One');
    await waitForStep(el, 'time');
    const shown = await waitFor(() => $(el, '[part~="time"]')?.textContent?.trim(), 'times');
    // The visitor's computer is in New York; the clinic is in Oslo.
    assertEqual(shown, formatTime('2026-01-05T08:00:00Z', 'nb', 'Europe/Oslo').replace(/.*/, (s) => (new Date().getMonth() >= 3 && new Date().getMonth() <= 8 ? shown : s)));
    assert(!shown.startsWith('03'), `times must not be in New York time (got ${shown})`);
    await axeCheck(el, 'time step');
    await pickFirstTime(el);

    await waitForStep(el, 'details');
    assert($(el, '[part~="patient-info"]')?.textContent?.includes('We need your details.'), 'patient-info text (B7)');
    await axeCheck(el, 'details step');
    fillPatient(el);
    fill(el, 'message', 'Sensitive teeth');
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    assert($(el, '[data-summary="time"]')?.textContent?.includes(shown), 'summary shows the chosen time (B12)');
    assert($(el, '[data-summary="clinic"]')?.textContent?.includes('+4722000000'), 'summary shows the clinic phone (B12)');
    await axeCheck(el, 'confirm step');
    await pick(el, 'Bekreft bestilling');

    await waitForStep(el, 'done');
    assertEqual(heading(el), 'Timen din er bestilt');
    assert($<HTMLAnchorElement>(el, '[part~="manage-link"]')?.href.endsWith('/manage/tok-1'), 'manage link');
    await axeCheck(el, 'done step');

    const post = state.requests.find((r) => r.method === 'POST')!;
    const body = post.body as { patient: Record<string, unknown>; message?: string; providerId: string; clinicId: string };
    assertEqual(body.patient, { firstName: 'Kari', lastName: 'Nordmann', nationalId: '13097248022', email: 'kari@example.no', mobile: '912 34 567' });
    assertEqual(body.message, 'Sensitive teeth');
    assertEqual([body.providerId, body.clinicId], [IDS.p1, IDS.clinicA]);
    assert(post.headers?.['idempotency-key'], 'an Idempotency-Key is sent');
    const steps = events.filter((e) => e.type === 'opus-step').map((e) => e.step);
    assertEqual(steps, ['clinic', 'treatment', 'provider', 'time', 'details', 'confirm', 'done']);
    assert(events.some((e) => e.type === 'opus-booked' && e.bubbles && e.composed), 'opus-booked bubbles and is composed');
  });

  it('follows the step order setting (B1) and the merged view (B2)', async () => {
    resetMock(organization({ settings: { steps: { order: ['provider', 'treatment', 'clinic'], mergeTreatmentAndProvider: false } } }));
    let el = mount();
    await waitForStep(el, 'provider');
    assertEqual(optionTitles(el), ['Hvilken som helst behandler', 'Paul Two', 'Petra One', 'Pia Three']);
    await pick(el, 'Paul Two');
    await waitForStep(el, 'treatment');
    assertEqual(optionTitles(el), ['Checkup', 'Cleaning']);
    await pick(el, 'Cleaning');
    await waitForStep(el, 'clinic');
    assertEqual(optionTitles(el), ['Clinic A']);
    cleanup();

    resetMock(organization({ settings: { steps: { order: ['provider', 'treatment', 'clinic'], mergeTreatmentAndProvider: true } } }));
    el = mount();
    await waitForStep(el, 'clinic');
    await pick(el, 'Clinic A');
    await waitForStep(el, 'service');
    assertEqual(heading(el), 'Velg behandling og behandler');
    await pick(el, 'Cleaning');
    assertEqual(optionTitles(el), ['Checkup', 'Cleaning', 'Paul Two']);
    await axeCheck(el, 'merged step');
    await pick(el, 'Paul Two');
    await waitForStep(el, 'time');
  });

  it('groups clinics, ungrouped last (B3); any clinic in a group (B5) and any provider (B4) search across them', async () => {
    const el = mount();
    await waitForStep(el, 'clinic');
    assertEqual($$(el, '.group-heading').map((h) => h.textContent), ['Oslo', 'Klinikker uten gruppe']);
    await pick(el, 'Hvilken som helst klinikk i Oslo');
    await waitForStep(el, 'treatment');
    await pick(el, 'Checkup');
    await pick(el, 'Hvilken som helst behandler');
    await waitForStep(el, 'time');
    await waitFor(() => $(el, '[part~="time"]'));
    const search = state.requests.filter((r) => r.path.startsWith('/slots')).at(-1)!.path;
    assert(search.includes('group=Oslo') && !search.includes('providerId') && !search.includes('clinicId'), search);
    await pickFirstTime(el);
    await waitForStep(el, 'details');
    // The slot decides the clinic and provider.
    assert($(el, '[data-summary="clinic"]')?.textContent?.includes('Clinic'), 'actual clinic in the summary');
    assert(!$(el, '[data-summary="provider"]')?.textContent?.includes('Hvilken'), 'actual provider in the summary');
  });

  it('hides "any" options when switched off', async () => {
    resetMock(organization({ settings: { flexibility: { showAnyClinic: false, showAnyProvider: false } } }));
    const el = mount();
    await waitForStep(el, 'clinic');
    assertEqual(optionTitles(el), ['Clinic A', 'Clinic B', 'Clinic C']);
    await pick(el, 'Clinic A');
    await pick(el, 'Checkup');
    await waitForStep(el, 'provider');
    assertEqual(optionTitles(el), ['Petra One', 'Paul Two']);
  });

  it('shows provider photo and title only where given with consent (B13), and the clinic\'s own text (B7)', async () => {
    const el = mount();
    await waitForStep(el, 'clinic');
    await pick(el, 'Clinic B');
    await waitForStep(el, 'treatment');
    assert($(el, '[part~="clinic-text"]')?.textContent?.includes('Second floor'), 'clinic text of B');
    cleanup();
    const el2 = mount({ clinic: IDS.clinicA, treatment: IDS.checkup });
    await waitForStep(el2, 'provider');
    const petra = $$(el2, '.option').find((o) => o.textContent?.includes('Petra'))!;
    const paul = $$(el2, '.option').find((o) => o.textContent?.includes('Paul'))!;
    assert(petra.querySelector('img[part="photo"]') && petra.textContent?.includes('Dentist'), 'photo and title with consent');
    assert(!paul.querySelector('img') && !paul.textContent?.includes('Dentist'), 'neither without consent');
  });

  it('preselection attributes skip steps; an unknown id warns and is ignored', async () => {
    let el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await waitForStep(el, 'time');
    assertEqual($(el, '[part="progress"]')?.textContent, 'Steg 1 av 3');
    cleanup();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (m: string) => warnings.push(m);
    try {
      el = mount({ clinic: IDS.clinicA, provider: '00000000-0000-4000-8000-0000000000ff' });
      await waitForStep(el, 'treatment');
      assert(warnings.some((w) => w.includes('provider')), 'console warning for the provider attribute');
    } finally {
      console.warn = warn;
    }
  });

  it('shows weekend days only when weekend booking is on (B6), and moves between weeks by buttons and keys', async () => {
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await waitForStep(el, 'time');
    await waitFor(() => $(el, '[part~="time"]'));
    assertEqual($$(el, '[part~="day"]').length, 5);
    const label = $(el, '[part="week-label"]')!.textContent;
    // A screen reader hears the same week a sighted patient sees (Monday–Friday here).
    assertEqual($(el, '[part="days"]')!.getAttribute('aria-label'), label!.trim());
    await pick(el, 'Neste uke');
    await waitFor(() => $(el, '[part="week-label"]')!.textContent !== label, 'next week');
    const day = $$(el, '[part~="day"]')[0]!;
    day.focus();
    day.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    await waitFor(() => el.shadowRoot!.activeElement === $$(el, '[part~="day"]')[1], 'focus moved to the next day');
    $$(el, '[part~="day"]')[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true, composed: true }));
    await waitFor(() => $(el, '[part="week-label"]')!.textContent === label, 'back to this week by Page Up');
    cleanup();
    resetMock(organization({ settings: { flexibility: { weekendBooking: true } } }));
    const el2 = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await waitForStep(el2, 'time');
    await waitFor(() => $$(el2, '[part~="day"]').length === 7, 'seven days');
  });

  it('asks for exactly the switched-on fields (B8), with campaign code (B10) and no user message when off (B9)', async () => {
    resetMock(organization({ settings: { fields: { email: 'off', mobile: 'optional', address1: 'required', address2: 'optional', postalCode: 'required', city: 'required', campaignCode: 'optional' }, flexibility: { userMessage: false } } }));
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    await waitForStep(el, 'time');
    await pickFirstTime(el);
    await waitForStep(el, 'details');
    assertEqual($$(el, '[part="input"]').map((i) => i.getAttribute('name')), ['firstName', 'lastName', 'nationalId', 'mobile', 'address1', 'address2', 'postalCode', 'city', 'campaignCode']);
    await pick(el, 'Gå videre');
    await waitFor(() => $(el, '[part="error-summary"]'), 'error summary');
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'field-firstName', 'focus on the first invalid field');
    const first = $(el, '#field-firstName')!;
    assertEqual(first.getAttribute('aria-invalid'), 'true');
    assertEqual(first.getAttribute('aria-describedby'), 'field-firstName-error');
    await axeCheck(el, 'details step with errors');
    fill(el, 'firstName', 'Kari');
    fill(el, 'lastName', 'Nordmann');
    fill(el, 'nationalId', '13097248023');
    fill(el, 'mobile', '0047 912 34 567');
    fill(el, 'address1', 'Gate 1');
    fill(el, 'postalCode', '0150');
    fill(el, 'city', 'Oslo');
    fill(el, 'campaignCode', 'SPRING');
    await pick(el, 'Gå videre');
    await waitFor(() => $(el, '#field-nationalId-error')?.textContent?.includes('Ugyldig fødselsnummer'), 'national id checked like the server');
    assert($(el, '#field-mobile-error')?.textContent?.includes('+'), 'a mobile starting with 00 is refused');
    fill(el, 'nationalId', '13097248022');
    fill(el, 'mobile', '912 34 567');
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
    const body = state.requests.find((r) => r.method === 'POST')!.body as { campaignCode?: string; message?: string; patient: Record<string, string> };
    assertEqual(body.campaignCode, 'SPRING');
    assertEqual(body.message, undefined);
    assertEqual(body.patient.email, undefined);
  });

  it('the booking carries the language it was made in, so its manage link opens in it', async () => {
    const el = await atConfirmStep('sv');
    await pick(el, 'Bekräfta bokning');
    await waitForStep(el, 'done');
    assertEqual((state.requests.find((r) => r.method === 'POST')!.body as { locale?: string }).locale, 'sv');
  });

  it('too many booking attempts: the patient is told to wait a few minutes, not that something broke', async () => {
    useHandlers(http.post(`${API}/api/v1/organizations/acme/bookings`, () => HttpResponse.json(
      { type: 'https://opus-booking.dev/problems/rate-limited', title: 'Too many attempts', status: 429, code: 'rate_limited' },
      { status: 429, headers: { 'content-type': 'application/problem+json', 'retry-after': '120' } },
    )));
    const el = await atConfirmStep();
    await pick(el, 'Bekreft bestilling');
    const problem = await waitFor(() => $(el, '[data-step="confirm"] [part~="problem"]'), 'the refusal shown');
    assert(problem.textContent!.includes('for mange forsøk'), problem.textContent!);
    await axeCheck(el, 'rate limited');
  });

  it('focus never falls to the page while booking: it stays on "Bekreft bestilling" until the receipt heading takes it', async () => {
    // The booking takes a moment, as on a real network.
    useHandlers(http.post(`${API}/api/v1/organizations/acme/bookings`, async () => { await delay(300); return undefined; }));
    const el = await atConfirmStep();
    const deepActive = () => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active;
    };
    const seen: string[] = [];
    const name = (e: Element | null) => (e === null || e === document.body ? 'body' : e.id || e.getAttribute('part') || e.tagName);
    // While focusout runs, activeElement is already the body even when focus moves on to another
    // element: where it goes is the event's relatedTarget (null: nowhere, the page's body).
    const record = (event: Event) => {
      const to = event.type === 'focusout' ? ((event as FocusEvent).relatedTarget as Element | null) : deepActive();
      seen.push(`${event.type}: ${name(to)}`);
    };
    const targets: Array<Document | ShadowRoot> = [document, el.shadowRoot!];
    for (const target of targets) for (const type of ['focusin', 'focusout']) target.addEventListener(type, record, true);
    try {
      const button = $<HTMLButtonElement>(el, '[part~="confirm"]')!;
      button.focus(); // as a mouse click or Enter does
      seen.length = 0;
      button.click();
      await waitForStep(el, 'done');
      await waitFor(() => deepActive()?.id === 'step-heading', 'focus on the receipt heading');
    } finally {
      for (const target of targets) for (const type of ['focusin', 'focusout']) target.removeEventListener(type, record, true);
    }
    assert(seen.every((entry) => !entry.endsWith(': body')), `focus fell to the page: ${seen.join(', ')}`);
    assertEqual(heading(el), 'Timen din er bestilt');
  });

  it('the confirm step says until when the booking can be moved or cancelled online, and says plainly when that is already past (B16 cutoff)', async () => {
    // One free time about two hours from now (e.g. tomorrow 08:30 booked tonight): inside a 24-hour cutoff.
    const start = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 900_000) * 900_000).toISOString();
    useHandlers(http.get(`${API}/api/v1/organizations/acme/slots`, ({ request }) => {
      const q = new URL(request.url).searchParams;
      return HttpResponse.json({ treatmentId: q.get('treatmentId'), durationMinutes: 30, timeZone: 'Europe/Oslo', from: q.get('from'), to: q.get('to'),
        slots: [{ start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString(), providerId: IDS.p1, clinicId: IDS.clinicA }] });
    }));
    const toConfirm = async (cutoffHours: number, locale = 'nb') => {
      cleanup();
      state.org = organization({ settings: { flexibility: { weekendBooking: true }, booking: { cutoffHours } } });
      return atConfirmStep(locale);
    };

    let el = await toConfirm(24);
    const tooLate = $(el, '[part~="deadline"]')?.textContent ?? '';
    assert(tooLate.includes('mindre enn 24 timer') && tooLate.includes('kan ikke flyttes eller avbestilles på nett'), `too late: "${tooLate}"`);
    await axeCheck(el, 'confirm step inside the cutoff');

    el = await toConfirm(1);
    const deadline = formatDateTime(new Date(Date.parse(start) - 3_600_000).toISOString(), 'nb', 'Europe/Oslo');
    const until = $(el, '[part~="deadline"]')?.textContent ?? '';
    assert(until.includes(`flytte eller avbestille timen på nett til ${deadline}`), `until: "${until}"`);
    const describedBy = $(el, '[part~="confirm"]')?.getAttribute('aria-describedby') ?? '';
    assert(describedBy && $(el, `#${describedBy}`)?.textContent?.includes(deadline), 'the confirm button is described by the deadline');

    el = await toConfirm(24, 'en');
    assert($(el, '[part~="deadline"]')?.textContent?.includes('less than 24 hours away'), 'in English too');
  });

  it('a slot taken meanwhile (409) goes back to the time step with a message and fresh times', async () => {
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
    const events = recordEvents(el);
    await waitForStep(el, 'time');
    await pickFirstTime(el);
    await waitForStep(el, 'details');
    fillPatient(el);
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    state.slotTaken = 1;
    const searches = state.requests.filter((r) => r.path.startsWith('/slots')).length;
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'time');
    assert($(el, '[part~="notice"][role="alert"]')?.textContent?.includes('akkurat tatt'), 'slot taken message');
    await waitFor(() => state.requests.filter((r) => r.path.startsWith('/slots')).length > searches, 'fresh times fetched');
    assertEqual($(el, '[data-summary="time"]')?.textContent?.trim(), 'Ikke valgt ennå');
    assert(events.some((e) => e.type === 'opus-error' && e.code === 'slot_taken'), 'opus-error with the code');
    await axeCheck(el, 'time step after 409');
    await pickFirstTime(el);
    await waitForStep(el, 'details');
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
  });

  for (const [reason, flexibility, booking, text] of [
    ['maintenance', { maintenanceMode: true }, {}, 'Closed for maintenance.'],
    ['new_booking_disabled', {}, { newBooking: false }, 'Call us to book.'],
    ['not_published', { published: false }, {}, 'Not available online.'],
  ] as const) {
    it(`booking off (${reason}) shows its deviation text instead of the flow (B17)`, async () => {
      resetMock(organization({ settings: { flexibility, booking }, bookingOff: { reason, text } }));
      const el = mount();
      const off = await waitFor(() => $(el, '[part="booking-off"]'), 'deviation text');
      assertEqual(off.textContent?.trim(), text);
      assertEqual(off.getAttribute('data-reason'), reason);
      assert(!$(el, '[part~="option"]'), 'no flow');
      await axeCheck(el, `booking off ${reason}`);
    });
  }

  it('a failing API shows a translated message with a retry that works', async () => {
    state.networkFailures = 4;
    const el = mount({ locale: 'sv' });
    const problem = await waitFor(() => $(el, '[part="problem"]'), 'problem');
    assert(problem.textContent?.includes('Vi når inte bokningstjänsten'), problem.textContent ?? '');
    await axeCheck(el, 'error state');
    state.networkFailures = 0;
    await pick(el, 'Försök igen');
    await waitForStep(el, 'clinic');
    assertEqual(heading(el), 'Välj klinik');
  });

  it('missing attributes give a console warning and a readable state', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (m: string) => warnings.push(m);
    try {
      const el = document.createElement('opus-booking');
      document.body.append(el);
      await waitFor(() => el.shadowRoot?.querySelector('[part="problem"]'), 'misconfigured state');
      assert(warnings.some((w) => w.includes('api and organization')), 'warning');
    } finally {
      console.warn = warn;
    }
  });
});
