import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { PendingChange, PendingChangeList } from '../../../sdk/schemas/patients.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, consoleApp, mockAdminApi, openPage, requests, waitFor } from './support/console-harness.ts';
import { CHANGE_ID, OTHER_ID, PATIENT_ID, pendingChange, profile } from './patients-fixtures.ts';

afterEach(() => closeConsole());

const SECOND_ID = '55555555-5555-4555-8555-555555555555';
const second: PendingChange = {
  ...pendingChange, id: SECOND_ID, createdAt: '2026-11-28T12:00:00.000Z',
  patient: { id: OTHER_ID, firstName: 'Ola', lastName: 'Berg' }, changes: [{ field: 'email', old: 'ola@example.no', new: 'ola.berg@example.no' }],
};
const third: PendingChange = { ...second, id: '66666666-6666-4666-8666-666666666666', patient: { id: OTHER_ID, firstName: 'Per', lastName: 'Vik' } };

function pendingApi(options: { failFirstList?: boolean } = {}) {
  let lists = 0;
  return [
    http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile)),
    http.get(`${ADMIN}/pending-changes`, ({ request }) => {
      lists++;
      if (options.failFirstList && lists === 1) return HttpResponse.error();
      const url = new URL(request.url);
      const status = url.searchParams.get('status');
      if (status === 'accepted') return HttpResponse.json({ changes: [], nextCursor: null } satisfies PendingChangeList);
      if (url.searchParams.get('cursor') === 'c2') return HttpResponse.json({ changes: [third], nextCursor: null } satisfies PendingChangeList);
      return HttpResponse.json({ changes: [pendingChange, second], nextCursor: 'c2' } satisfies PendingChangeList);
    }),
    http.post(`${ADMIN}/pending-changes/:id/:decision`, ({ params }) => {
      const change = [pendingChange, second, third].find((c) => c.id === params.id)!;
      return HttpResponse.json({ ...change, status: params.decision === 'accept' ? 'accepted' : 'rejected', decidedAt: new Date().toISOString() } satisfies PendingChange);
    }),
  ];
}

describe('console: patients/pending (msw)', () => {
  it('lists pending changes with their patients linked, accepts one and rejects another by keyboard; axe passes', async () => {
    await mockAdminApi(pendingApi());
    const page = await openPage('#/patients/pending', 'console-pending-changes-page');
    await waitFor(() => $$(page, 'tbody tr').length === 2, 'the changes');
    assertEqual(new URLSearchParams(requests.find((r) => r.path === '/pending-changes')!.search).get('status'), 'pending');
    const firstRow = $$(page, 'tbody tr')[0]!;
    assertEqual(firstRow.querySelector('th[scope="row"] a')!.getAttribute('href'), `#/patients/${PATIENT_ID}`);
    assert(firstRow.textContent!.includes('Kari Nilsen') && firstRow.textContent!.includes('Mobile: +4791234567 → +4798765432'), 'patient and change');
    assert(firstRow.textContent!.includes('29 Nov 2026, 09:00'), `received, in Oslo time: ${firstRow.textContent}`);
    const nav = consoleApp()!.shadowRoot!.querySelector('nav a[aria-current="page"]')!;
    assertEqual(nav.textContent!.trim(), 'Pending changes', 'the navigation marks the page');
    await axeCheck('patients/pending');

    const accept = firstRow.querySelector<HTMLButtonElement>('[data-action="accept"]')!;
    accept.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => page.shadowRoot!.activeElement?.id === `decision-${CHANGE_ID}`, 'focus on the decision');
    assertEqual(page.shadowRoot!.activeElement!.textContent!.trim(), 'Accepted');
    assert(requests.some((r) => r.method === 'POST' && r.path === `/pending-changes/${CHANGE_ID}/accept`), 'accepted on the server');
    await waitFor(() => consoleApp()!.shadowRoot!.querySelector('[aria-live="polite"]')?.textContent?.includes('Accepted: the record of Kari Nilsen now has the new details.'), 'announced');

    const reject = $$(page, 'tbody tr')[1]!.querySelector<HTMLButtonElement>('[data-action="reject"]')!;
    reject.focus();
    await sendKeys({ press: 'Space' });
    await waitFor(() => $(page, `#decision-${SECOND_ID}`)?.textContent?.trim() === 'Rejected', 'rejected');
    assert(requests.some((r) => r.method === 'POST' && r.path === `/pending-changes/${SECOND_ID}/reject`), 'rejected on the server');
    await axeCheck('patients/pending after deciding');

    (await button(page, 'Next page')).click();
    await waitFor(() => $$(page, 'tbody tr').length === 1, 'the second page');
    assertEqual(new URLSearchParams(requests.filter((r) => r.path === '/pending-changes').at(-1)!.search).get('cursor'), 'c2');
  });

  it('shows decided ones by status, with an empty state; a failed load retries', async () => {
    await mockAdminApi(pendingApi({ failFirstList: true }));
    const page = await openPage('#/patients/pending', 'console-pending-changes-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('could not be reached'), 'says what failed');
    retry.click();
    await waitFor(() => $$(page, 'tbody tr').length === 2, 'loaded after retry');

    const accepted = $$<HTMLAnchorElement>(page, 'nav a').find((a) => a.textContent!.trim() === 'Accepted')!;
    accepted.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => location.hash === '#/patients/pending?status=accepted', 'the status in the address');
    await waitFor(() => $(page, '.notice')?.textContent?.includes('None yet.'), 'the empty state');
    assertEqual(new URLSearchParams(requests.filter((r) => r.path === '/pending-changes').at(-1)!.search).get('status'), 'accepted');
    await axeCheck('patients/pending accepted, empty');
    assertEqual($(page, 'nav a[aria-current="page"]')!.textContent!.trim(), 'Accepted');
  });
});
