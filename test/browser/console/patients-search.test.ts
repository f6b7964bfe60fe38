import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { PatientList } from '../../../sdk/schemas/patients.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, consoleApp, mockAdminApi, openPage, requests, typeInto, waitFor } from './support/console-harness.ts';
import { profile, summary } from './patients-fixtures.ts';

afterEach(() => closeConsole());

/** Two pages of "Nilsen" (cursor `p2`), one patient for anything else. */
function searchHandlers() {
  return [
    http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile)),
    http.get(`${ADMIN}/patients`, ({ request }) => {
      const url = new URL(request.url);
      const q = url.searchParams.get('q') ?? '';
      if (q === 'Nobody') return HttpResponse.json({ patients: [], nextCursor: null } satisfies PatientList);
      if (url.searchParams.get('cursor') === 'p2') return HttpResponse.json({ patients: [summary(3)], nextCursor: null } satisfies PatientList);
      return HttpResponse.json({ patients: [summary(1), summary(2, { wantsSms: false, nextRecallDate: '2027-01-15' })], nextCursor: 'p2' } satisfies PatientList);
    }),
    http.get(`${ADMIN}/patients/recall`, () => HttpResponse.json({ patients: [summary(7, { nextRecallDate: '2026-12-10' })], nextCursor: null } satisfies PatientList)),
  ];
}

const rows = (page: Element) => $$(page, 'tbody tr').map((r) => r.querySelector('th')!.textContent!.trim());
const searches = () => requests.filter((r) => r.method === 'GET' && r.path === '/patients');

describe('console: patients/search (msw)', () => {
  it('a deep link searches, pages forward and back with focus on the results; axe passes', async () => {
    await mockAdminApi(searchHandlers());
    const page = await openPage('#/patients?q=Nilsen', 'console-patient-search-page');
    await waitFor(() => rows(page).length === 2, 'first page');
    assertEqual($<HTMLInputElement>(page, '#patient-q')!.value, 'Nilsen', 'the field shows the search of the address');
    assertEqual(new URLSearchParams(searches().at(-1)!.search).get('q'), 'Nilsen');
    assertEqual(rows(page), ['Nilsen, Kari1', 'Nilsen, Kari2']);
    assert($(page, 'caption')!.textContent!.includes('Patients matching “Nilsen”'), 'caption says what was searched');
    assert($$(page, 'th[scope="col"]').length === 6, 'column headers');
    assert($(page, 'tbody tr:nth-child(2)')!.textContent!.includes('15 Jan 2027'), 'recall date shown in words');
    await axeCheck('patients/search');

    (await button(page, 'Next page')).click();
    await waitFor(() => rows(page).length === 1, 'second page');
    assertEqual(new URLSearchParams(searches().at(-1)!.search).get('cursor'), 'p2');
    await waitFor(() => page.shadowRoot!.activeElement?.id === 'results-caption', 'focus on the results');
    assert($(page, '.pager')!.textContent!.includes('Page 2'), 'says which page');
    (await button(page, 'Previous page')).click();
    await waitFor(() => rows(page).length === 2, 'first page again');

    // A link opens the patient's page.
    const link = $<HTMLAnchorElement>(page, 'tbody a')!;
    assertEqual(link.getAttribute('href'), `#/patients/${summary(1).id}`);
  });

  it('a name goes into the address; a national id, number or e-mail never does; Back restores', async () => {
    await mockAdminApi(searchHandlers());
    const page = await openPage('#/patients', 'console-patient-search-page');
    await waitFor(() => rows(page).length === 2, 'all patients');
    assert($(page, 'caption')!.textContent!.includes('All patients'), 'no search: all patients');
    const field = $<HTMLInputElement>(page, '#patient-q')!;

    typeInto(field, 'Nobody');
    field.form!.requestSubmit();
    await waitFor(() => location.hash === '#/patients?q=Nobody', 'the name in the address');
    await waitFor(() => $(page, '.notice')?.textContent?.includes('No patient matches “Nobody”'), 'the empty state');
    await waitFor(() => consoleApp()!.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent === 'No patient found.', 'the outcome announced');

    typeInto($<HTMLInputElement>(page, '#patient-q')!, '130972 48022');
    (await button(page, 'Search')).click();
    await waitFor(() => new URLSearchParams(searches().at(-1)?.search).get('q') === '130972 48022', 'searched by national id');
    assertEqual(location.hash, '#/patients', 'the national id is not in the address');
    assert(!document.title.includes('130972'), 'nor in the title');
    await waitFor(() => rows(page).length === 2, 'results');
    await waitFor(() => consoleApp()!.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent === '2 patients found, more on the next page.', 'the count announced');

    typeInto($<HTMLInputElement>(page, '#patient-q')!, 'kari@example.no');
    (await button(page, 'Search')).click();
    await waitFor(() => new URLSearchParams(searches().at(-1)?.search).get('q') === 'kari@example.no', 'searched by e-mail');
    assertEqual(location.hash, '#/patients');

    history.back();
    await waitFor(() => location.hash === '#/patients?q=Nobody', 'back to the name search');
    const shown = consoleApp()!.shadowRoot!.querySelector('console-patient-search-page')!;
    await waitFor(() => $<HTMLInputElement>(shown, '#patient-q')?.value === 'Nobody', 'the field follows the address');
  });

  it('the recall search: the next 30 days by default, a range checked, results linked', async () => {
    await mockAdminApi(searchHandlers());
    const page = await openPage('#/patients?view=recall&from=2026-12-01&to=2026-12-31', 'console-patient-search-page');
    await waitFor(() => rows(page).length === 1, 'recall results');
    const recall = requests.filter((r) => r.path === '/patients/recall').at(-1)!;
    assertEqual(Object.fromEntries(new URLSearchParams(recall.search)), { from: '2026-12-01', to: '2026-12-31' });
    assertEqual($(page, 'a[aria-current="page"]')!.textContent!.trim(), 'Recall due');
    await axeCheck('patients/recall');

    typeInto($<HTMLInputElement>(page, '#recall-to')!, '2026-11-01');
    (await button(page, 'Show')).click();
    await waitFor(() => $(page, '#recall-to-error')?.textContent?.includes('must not be before'), 'the range error');
    assertEqual($<HTMLInputElement>(page, '#recall-to')!.getAttribute('aria-invalid'), 'true');
    assertEqual(page.shadowRoot!.activeElement?.id, 'recall-to', 'focus on the wrong field');
    typeInto($<HTMLInputElement>(page, '#recall-to')!, '2027-02-28');
    (await button(page, 'Show')).click();
    await waitFor(() => location.hash === '#/patients?view=recall&from=2026-12-01&to=2027-02-28', 'the range in the address');
    await waitFor(() => new URLSearchParams(requests.filter((r) => r.path === '/patients/recall').at(-1)!.search).get('to') === '2027-02-28', 'searched again');

    // Without dates: from today in the clinic's zone, 30 days on.
    const asked = requests.length;
    location.hash = '#/patients?view=recall';
    const defaults = await waitFor(() => requests.slice(asked).find((r) => r.path === '/patients/recall'), 'the default search');
    const { from, to } = Object.fromEntries(new URLSearchParams(defaults.search)) as { from: string; to: string };
    await waitFor(() => $<HTMLInputElement>(page, '#recall-from')?.value === from && $<HTMLInputElement>(page, '#recall-to')!.value === to, 'the fields show the range');
    assertEqual((Date.parse(to) - Date.parse(from)) / 86_400_000, 30, 'a 30-day range');
  });

  it('a failed search says what failed and retries; keyboard: Enter in the field searches', async () => {
    let fail = true;
    await mockAdminApi([
      http.get(`${ADMIN}/patients`, () => {
        if (fail) { fail = false; return HttpResponse.error(); }
        return HttpResponse.json({ patients: [summary(1)], nextCursor: null } satisfies PatientList);
      }),
    ]);
    const page = await openPage('#/patients', 'console-patient-search-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('could not be reached'), 'says the server could not be reached');
    await axeCheck('patients/search failed');
    retry.click();
    await waitFor(() => rows(page).length === 1, 'loaded after retry');

    const field = $<HTMLInputElement>(page, '#patient-q')!;
    field.focus();
    typeInto(field, 'Kari');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => location.hash === '#/patients?q=Kari', 'searched');
  });
});
