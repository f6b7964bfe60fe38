import { organization, IDS } from './support/fixtures.ts';
import { resetMock, startMockApi, state } from './support/mock-api.ts';
import { $, assert, assertEqual, cleanup, fill, fillPatient, mount, pick, reachDetails, waitFor, waitForStep } from './support/helpers.ts';

// The mobile field knows the countries the organization texts (its public `smsCountries`):
// a Nordic mobile of another country is refused at the field, as the server would refuse
// to text it, before anything is booked.

before(async () => { await startMockApi(); });
afterEach(() => cleanup());

/** At the details form of an organization texting `countries`, the patient filled in with `mobile`, "Gå videre" pressed. */
async function continueWith(countries: string[], mobile: string) {
  resetMock(organization({ smsCountries: countries }));
  const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1 });
  await reachDetails(el);
  fillPatient(el);
  fill(el, 'mobile', mobile);
  await pick(el, 'Gå videre');
  return el;
}

const booked = () => state.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/bookings'));

describe('<opus-booking> mobile numbers of the countries the organization texts', () => {
  it('an organization texting only Norway refuses a Swedish mobile at the field, saying which countries it texts, before any booking request', async () => {
    const el = await continueWith(['NO'], '+46 70 123 45 67');
    const error = await waitFor(() => $(el, '#field-mobile-error'), 'the mobile field\'s message');
    assertEqual(error.textContent?.trim(), 'Klinikken sender ikke SMS til numre i Sverige. Bruk et mobilnummer fra Norge.');
    assertEqual($(el, '#field-mobile')!.getAttribute('aria-invalid'), 'true');
    await waitFor(() => el.shadowRoot!.activeElement?.id === 'field-mobile', 'focus on the refused number');
    assertEqual(booked().length, 0, 'nothing was sent to book');
    // A Norwegian number goes through.
    fill(el, 'mobile', '912 34 567');
    await pick(el, 'Gå videre');
    await waitForStep(el, 'confirm');
  });

  it('a Danish mobile is accepted when the organization texts Denmark, and booked as written', async () => {
    const el = await continueWith(['NO', 'DK'], '+45 20 12 34 56');
    await waitForStep(el, 'confirm');
    assert(!$(el, '#field-mobile-error'), 'no message at the field');
    await pick(el, 'Bekreft bestilling');
    await waitForStep(el, 'done');
    const [request] = booked();
    assertEqual((request!.body as { patient: { mobile: string } }).patient.mobile, '+45 20 12 34 56');
  });
});
