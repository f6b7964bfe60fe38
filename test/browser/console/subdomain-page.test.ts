import { http, HttpResponse } from 'msw';
import type { OrganizationProfile } from '../../../sdk/schemas/settings.ts';
import { $, ADMIN, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';

const profile: OrganizationProfile = { subdomain: 'acme', name: 'Acme Tannlege', locale: 'nb', timeZone: 'Europe/Oslo' };

afterEach(() => closeConsole());

describe('console: web/subdomain (msw)', () => {
  it('loads, saves, resets; a failed save keeps the values and marks the field', async () => {
    let saved = { ...profile };
    let failNext = true;
    await mockAdminApi([
      http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(saved)),
      http.patch(`${ADMIN}/settings/organization`, async ({ request }) => {
        if (failNext) {
          failNext = false;
          return problem(422, 'validation_failed', 'Validation failed', [{ path: 'timeZone', message: 'Not a known time zone' }]);
        }
        saved = { ...saved, ...(await request.json() as Partial<OrganizationProfile>) };
        return HttpResponse.json(saved);
      }),
    ]);
    const page = await openPage('#/web/subdomain', 'console-subdomain-page');
    const name = await waitFor(() => $<HTMLInputElement>(page, '#f-name'), 'name field');
    assertEqual(name.value, 'Acme Tannlege');
    await axeCheck('web/subdomain');

    typeInto(name, 'Acme Smil');
    typeInto($<HTMLInputElement>(page, '#f-timeZone')!, 'Mars/Olympus');
    (await button(page, 'Save')).click();
    const failure = await waitFor(() => $(page, '.save-failure'), 'the failure');
    assert(failure.textContent!.includes('Not a known time zone'), 'the summary names the problem');
    assertEqual($<HTMLInputElement>(page, '#f-name')!.value, 'Acme Smil', 'the name typed is kept');
    assertEqual($<HTMLInputElement>(page, '#f-timeZone')!.getAttribute('aria-invalid'), 'true');
    assert($<HTMLInputElement>(page, '#f-timeZone')!.getAttribute('aria-describedby')!.includes('f-timeZone-error'), 'the error is tied to its field');
    await axeCheck('web/subdomain after a failed save');

    (await button(page, 'Reset')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')!.value === 'Acme Tannlege', 'reset');

    typeInto($<HTMLInputElement>(page, '#f-name')!, 'Acme Smil');
    (await button(page, 'Save')).click();
    await waitFor(() => saved.name === 'Acme Smil', 'saved');
    const patch = requests.filter((r) => r.method === 'PATCH').at(-1)!;
    assertEqual(patch.csrf, 'csrf-test-token', 'a change carries the CSRF token');
    assertEqual((patch.body as OrganizationProfile).timeZone, 'Europe/Oslo');
  });

  it('checks the subdomain as it is typed, newest answer wins', async () => {
    await mockAdminApi([
      http.get(`${ADMIN}/settings/organization`, () => HttpResponse.json(profile)),
      http.get(`${ADMIN}/subdomain/check`, ({ request }) => {
        const name = new URL(request.url).searchParams.get('name')!;
        return HttpResponse.json(name === 'taken' ? { name, available: false, reason: 'taken' } : { name, available: true });
      }),
    ]);
    const page = await openPage('#/web/subdomain', 'console-subdomain-page');
    const input = await waitFor(() => $<HTMLInputElement>(page, '#f-subdomain'), 'subdomain field');
    typeInto(input, 'taken');
    await waitFor(() => $(page, '#f-subdomain-check')!.textContent!.includes('is taken'), 'taken');
    typeInto(input, 'smil');
    await waitFor(() => $(page, '#f-subdomain-check')!.textContent!.includes('“smil” is free.'), 'free');
  });

  it('a failed load says what failed and retries', async () => {
    let fail = true;
    await mockAdminApi([http.get(`${ADMIN}/settings/organization`, () => {
      if (fail) { fail = false; return HttpResponse.error(); }
      return HttpResponse.json(profile);
    })]);
    const page = await openPage('#/web/subdomain', 'console-subdomain-page');
    const retry = await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry');
    assert($(page, '[role="alert"]')!.textContent!.includes('could not be reached'), 'says the server could not be reached');
    retry.click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-name')?.value === 'Acme Tannlege', 'loaded after retry');
  });
});
