import { sendKeys } from '@web/test-runner-commands';
import type { BookingRequest } from '../../sdk/schemas/booking.ts';
import { IDS, organization } from './support/fixtures.ts';
import { resetMock, startMockApi, state, viewOf } from './support/mock-api.ts';
import { $, $$, assert, assertEqual, axeCheck, cleanup, heading, liveRegionsHolding, mount, pick, recordEvents, waitFor, waitForStep } from './support/helpers.ts';

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(() => cleanup());

function seedBooking(token: string, changes: Partial<ReturnType<typeof viewOf>> = {}): void {
  const start = new Date(Date.now() + 10 * 86_400_000);
  start.setUTCHours(8, 0, 0, 0);
  const request = { treatmentId: IDS.checkup, clinicId: IDS.clinicA, providerId: IDS.p1, start: start.toISOString(), patient: { firstName: 'Kari', lastName: 'Nordmann', nationalId: '' } } as BookingRequest;
  state.bookings.set(token, { ...viewOf(request, '00000000-0000-4000-9000-0000000000aa'), ...changes });
}

describe('<opus-booking manage> (B16)', () => {
  it('shows the booking, rebooks to a new time and cancels, with events', async () => {
    seedBooking('tok-a');
    const el = mount({ manage: 'tok-a' });
    const events = recordEvents(el);
    await waitForStep(el, 'manage-view');
    assertEqual(heading(el), 'Timen din');
    assert($(el, '[data-booking="treatment"]')?.textContent?.includes('Checkup'));
    assert($(el, '[part="deadline"]')?.textContent?.includes('Du kan flytte'), 'deadline shown');
    await axeCheck(el, 'manage view');

    await pick(el, 'Flytt timen');
    await waitForStep(el, 'manage-rebook');
    await waitFor(() => $(el, '[part~="time"]'));
    await axeCheck(el, 'rebook time step');
    $$(el, '[part~="time"]')[1]!.click();
    await waitForStep(el, 'manage-confirm-rebook');
    await axeCheck(el, 'confirm rebook');
    await pick(el, 'Flytt til denne tiden');
    await waitFor(() => $(el, '[part~="notice"]')?.textContent?.includes('Timen er flyttet'), 'moved');
    assert(events.some((e) => e.type === 'opus-rebooked'), 'opus-rebooked');
    const rebook = state.requests.find((r) => r.path.endsWith('/rebook'))!;
    assertEqual((rebook.body as { providerId: string }).providerId, IDS.p1);
    // A rebooking keeps the treatment, clinic and provider: only the time changes (B16, "same flow, time step").
    const search = new URLSearchParams(state.requests.filter((r) => r.path.startsWith('/slots')).at(-1)!.path.split('?')[1]);
    assertEqual([search.get('treatmentId'), search.get('clinicId'), search.get('providerId')], [IDS.checkup, IDS.clinicA, IDS.p1]);

    await pick(el, 'Avbestill timen');
    await waitFor(() => $(el, '[part="confirm-cancel"]'));
    await axeCheck(el, 'cancel question');
    await pick(el, 'Ja, avbestill');
    await waitFor(() => $(el, '[data-booking="status"]')?.textContent?.includes('Avbestilt'), 'cancelled');
    assert(events.some((e) => e.type === 'opus-cancelled'), 'opus-cancelled');
    assert(!$(el, '[part~="rebook"]') && !$(el, '[part~="cancel"]'), 'no more actions');
    await axeCheck(el, 'cancelled');
  });

  it('after the cutoff, or with the switches off, offers no changes and says why', async () => {
    seedBooking('tok-late', { canRebook: false, canCancel: false });
    let el = mount({ manage: 'tok-late' });
    await waitForStep(el, 'manage-view');
    assert($(el, '[part="deadline"]')?.textContent?.includes('for sent'), 'too late');
    assert(!$(el, '[part~="rebook"]'), 'no rebook');
    cleanup();
    resetMock(organization({ settings: { booking: { rebooking: false, cancellation: false } } }));
    seedBooking('tok-off', { canRebook: false, canCancel: false });
    el = mount({ manage: 'tok-off', locale: 'en' });
    await waitForStep(el, 'manage-view');
    assert($(el, '[part="deadline"]')?.textContent?.includes('cannot be changed online'), 'switches off');
  });

  for (const [locale, current, next] of [['nb', 'Nåværende tid', 'Ny tid'], ['sv', 'Nuvarande tid', 'Ny tid'], ['en', 'Current time', 'New time']] as const) {
    it(`before moving, the two times are labelled "${current}" and "${next}" (${locale})`, async () => {
      seedBooking('tok-labels');
      const el = mount({ manage: 'tok-labels', locale });
      await waitForStep(el, 'manage-view');
      $<HTMLButtonElement>(el, '[part~="rebook"]')!.click();
      (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
      await waitForStep(el, 'manage-confirm-rebook');
      assertEqual($$(el, '[part="booking"] dt').map((dt) => dt.textContent?.trim()), [current, next]);
    });
  }

  it('a move and a cancellation are each announced once (one live region holds the news)', async () => {
    seedBooking('tok-once');
    const el = mount({ manage: 'tok-once' });
    await waitForStep(el, 'manage-view');
    await pick(el, 'Flytt timen');
    (await waitFor(() => $<HTMLButtonElement>(el, '[part~="time"]'), 'a time')).click();
    await waitForStep(el, 'manage-confirm-rebook');
    await pick(el, 'Flytt til denne tiden');
    await waitFor(() => liveRegionsHolding(el, 'Timen er flyttet.').length, 'moved');
    await el.updateComplete;
    assertEqual(liveRegionsHolding(el, 'Timen er flyttet.').length, 1, 'live regions holding "Timen er flyttet."');
    assert($(el, '[part~="notice"]')?.textContent?.includes('Timen er flyttet.'), 'still shown on the page');

    await pick(el, 'Avbestill timen');
    await pick(el, 'Ja, avbestill');
    await waitFor(() => liveRegionsHolding(el, 'Timen er avbestilt.').length, 'cancelled');
    await el.updateComplete;
    assertEqual(liveRegionsHolding(el, 'Timen er avbestilt.').length, 1, 'live regions holding "Timen er avbestilt."');
    assert($(el, '[part~="notice"]')?.textContent?.includes('Timen er avbestilt.'), 'still shown on the page');
  });

  it('a rebooking to a time taken meanwhile returns to the times with a message', async () => {
    seedBooking('tok-b');
    const el = mount({ manage: 'tok-b' });
    await waitForStep(el, 'manage-view');
    await pick(el, 'Flytt timen');
    await waitFor(() => $(el, '[part~="time"]'));
    $$(el, '[part~="time"]')[0]!.click();
    await waitForStep(el, 'manage-confirm-rebook');
    state.slotTaken = 1;
    await pick(el, 'Flytt til denne tiden');
    await waitForStep(el, 'manage-rebook');
    assert($(el, '[part~="notice"]')?.textContent?.includes('akkurat tatt'));
  });

  it('a booking made in another language opens in it (the page set no locale)', async () => {
    seedBooking('tok-sv', { locale: 'sv' });
    const el = mount({ manage: 'tok-sv' });
    await waitForStep(el, 'manage-view');
    assertEqual(heading(el), 'Din bokning');
    cleanup();
    seedBooking('tok-sv-en', { locale: 'sv' });
    const asked = mount({ manage: 'tok-sv-en', locale: 'en' });
    await waitForStep(asked, 'manage-view');
    assertEqual(heading(asked), 'Your appointment', 'the locale attribute still wins');
  });

  it('an unknown link says so', async () => {
    const el = mount({ manage: 'nope', locale: 'en' });
    await waitFor(() => $(el, '[part="problem"]')?.textContent?.includes('could not find'), 'not found');
  });
});

describe('keyboard only and languages', () => {
  it('books with the keyboard alone: Tab, Enter, arrows; focus moves to each step heading', async () => {
    const el = mount({ locale: 'en' });
    await waitForStep(el, 'clinic');
    const focused = () => el.shadowRoot!.activeElement as HTMLElement | null;
    const tabTo = async (match: (e: HTMLElement) => boolean, what: string) => {
      for (let i = 0; i < 40 && !(focused() && match(focused()!)); i++) await sendKeys({ press: 'Tab' });
      assert(focused() && match(focused()!), `could not Tab to ${what}`);
    };
    // Into the widget.
    $<HTMLElement>(el, '#step-heading')!.focus();
    await tabTo((e) => e.textContent!.includes('Clinic A'), 'Clinic A');
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'treatment');
    await waitFor(() => focused()?.id === 'step-heading', 'focus on the treatment heading');
    await tabTo((e) => e.textContent!.includes('Checkup'), 'Checkup');
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'provider');
    await tabTo((e) => e.textContent!.includes('Petra'), 'Petra');
    await sendKeys({ press: 'Space' });
    await waitForStep(el, 'time');
    await waitFor(() => $(el, '[part~="time"]'));
    await tabTo((e) => e.matches('[part~="day"]'), 'a day');
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => focused()?.matches('[part~="day"]') && focused()!.getAttribute('aria-pressed') === 'true', 'next day chosen');
    await tabTo((e) => e.matches('[part~="time"]'), 'a time');
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'details');
    for (const [name, value] of [['firstName', 'Kari'], ['lastName', 'Nordmann'], ['nationalId', '13097248022'], ['email', 'kari@example.no'], ['mobile', '91234567']]) {
      await tabTo((e) => e.id === `field-${name}`, name!);
      await sendKeys({ type: value! });
    }
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'confirm');
    await tabTo((e) => e.matches('[part~="confirm"]'), 'confirm');
    await sendKeys({ press: 'Enter' });
    await waitForStep(el, 'done');
    assertEqual(heading(el), 'Your appointment is booked');
  });

  for (const [locale, title, any] of [['nb', 'Velg klinikk', 'Klinikker uten gruppe'], ['sv', 'Välj klinik', 'Kliniker utan grupp'], ['en', 'Choose clinic', 'Ungrouped clinics']] as const) {
    it(`speaks ${locale}, by attribute`, async () => {
      const el = mount({ locale });
      await waitForStep(el, 'clinic');
      assertEqual(heading(el), title);
      assert($$(el, '.group-heading').some((h) => h.textContent === any));
      assertEqual($(el, '[part="base"]')?.getAttribute('lang'), locale);
    });
  }

  it('falls back to the organization locale', async () => {
    resetMock(organization({ locale: 'sv' }));
    const el = mount();
    await waitForStep(el, 'clinic');
    assertEqual(heading(el), 'Välj klinik');
  });

  it('two instances on one page work independently; the dialog layout opens the flow in a modal', async () => {
    const a = mount({ locale: 'en' });
    const b = mount({ locale: 'sv', layout: 'dialog' });
    await waitForStep(a, 'clinic');
    const open = await waitFor(() => b.shadowRoot!.querySelector<HTMLButtonElement>('[part~="open-button"]'));
    await waitFor(() => open.textContent?.includes('Boka tid'), 'translated open button');
    open.click();
    await waitForStep(b, 'clinic');
    assert(b.shadowRoot!.querySelector('dialog')!.open, 'dialog open');
    await axeCheck(b, 'dialog');
    await pick(a, 'Clinic A');
    await waitForStep(a, 'treatment');
    assertEqual(heading(b), 'Välj klinik');
  });
});
