import { http, HttpResponse } from 'msw';
import type { AuditEntry } from '../../../sdk/schemas/admin-common.ts';
import { auditChanges } from '../../../widget/console/pages/access/audit-changes.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, closeConsole, mockAdminApi, openPage, requests, typeInto, waitFor } from './support/console-harness.ts';

const organization = http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json({ subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' }));

function entry(id: string, fields: Partial<AuditEntry>): AuditEntry {
  return {
    id, at: '2026-11-30T07:30:00.000Z', actor: { kind: 'staff', id: 'u1', label: 'kari@acme.example' }, action: 'settings.update',
    target: { type: 'settings', id: null }, before: null, after: null, ...fields,
  };
}

afterEach(() => closeConsole());

describe('console: access/audit (msw)', () => {
  it('shows who did what with before and after readable; filters and the page are in the address (deep link)', async () => {
    const settingsChange = entry('a1', {
      before: { sms: { sender: 'Acme', quietHours: { from: '21:00', to: '08:00' } }, booking: { on: true } },
      after: { sms: { sender: 'Smil', quietHours: { from: '22:00', to: '08:00' } }, booking: { on: true } },
    });
    const keyMade = entry('a2', { actor: { kind: 'api_key', id: 'k1', label: 'dashboard (opk_1l_831Qy)' }, action: 'api_key.create', target: { type: 'api_key', id: 'k9' }, after: { name: 'dashboard', scopes: ['read'] } });
    await mockAdminApi([
      organization,
      http.get(`${ADMIN}/audit`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        if (query.get('cursor') === 'p2') return HttpResponse.json({ entries: [entry('a3', { action: 'staff.login', target: { type: 'staff_user', id: 'u1' } })], nextCursor: null });
        const all = [settingsChange, keyMade].filter((e) => (!query.get('action') || e.action === query.get('action')) && (!query.get('targetType') || e.target.type === query.get('targetType')));
        return HttpResponse.json({ entries: all, nextCursor: query.get('action') ? 'p2' : null });
      }),
    ]);
    // A deep link with a filter opens filtered.
    const page = await openPage('#/access/audit?action=settings.update', 'console-audit-page');
    await waitFor(() => $$(page, 'tbody tr').length === 1, 'the filtered log');
    assertEqual($<HTMLInputElement>(page, '#f-action')!.value, 'settings.update', 'the filter shown');
    assert(requests.some((r) => r.path === '/audit' && r.search.includes('action=settings.update')), 'asked filtered');
    const row = $(page, 'tbody tr')!;
    assert(row.textContent!.includes('08:30'), 'the time in the clinic’s zone');
    assert(row.textContent!.includes('sms.sender') && row.textContent!.includes('“Acme” → “Smil”'), `the change readable: ${row.textContent}`);
    assert(row.textContent!.includes('sms.quietHours.from') && !row.textContent!.includes('booking.on'), 'only what changed');
    assert($(page, 'caption')!.textContent!.includes('filtered'), 'the caption says it is filtered');
    await axeCheck('access/audit filtered');

    // Paging keeps the filter.
    $<HTMLAnchorElement>(page, '[data-action="next-page"]')!.click();
    await waitFor(() => $(page, 'tbody tr')?.textContent!.includes('staff.login'), 'the next page');
    assert(location.hash.includes('cursor=p2') && location.hash.includes('action=settings.update'), `filter and page in the address: ${location.hash}`);

    // A new filter typed and sent (Enter submits the form).
    typeInto($<HTMLInputElement>(page, '#f-action')!, '');
    typeInto($<HTMLInputElement>(page, '#f-targetType')!, 'api_key');
    $<HTMLFormElement>(page, 'form')!.requestSubmit();
    await waitFor(() => $(page, 'tbody tr')?.textContent!.includes('api_key.create'), 'filtered by target type');
    assert(location.hash.includes('targetType=api_key') && !location.hash.includes('cursor'), `the new filter from the first page: ${location.hash}`);
    assert($(page, 'tbody tr')!.textContent!.includes('dashboard (opk_1l_831Qy)') && $(page, 'tbody tr')!.textContent!.includes('API key'), 'who, and what kind');

    $<HTMLAnchorElement>(page, '[data-action="clear"]')!.click();
    await waitFor(() => $$(page, 'tbody tr').length === 2, 'everything again');
  });

  it('an empty log says so; a failed load retries', async () => {
    let fail = true;
    await mockAdminApi([organization, http.get(`${ADMIN}/audit`, () => {
      if (fail) { fail = false; return HttpResponse.error(); }
      return HttpResponse.json({ entries: [], nextCursor: null });
    })]);
    const page = await openPage('#/access/audit', 'console-audit-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => $(page, '[data-role="empty"]'), 'the empty state');
    await axeCheck('access/audit empty');
  });

  it('auditChanges: only the values that differ, by dotted path', () => {
    assertEqual(JSON.stringify(auditChanges({ a: { b: 1, c: [1] } }, { a: { b: 2, c: [1] }, d: true })),
      JSON.stringify([{ path: 'a.b', before: 1, after: 2 }, { path: 'd', after: true }]));
    assertEqual(auditChanges(null, null).length, 0);
  });
});
