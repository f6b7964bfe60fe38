import { sendKeys } from '@web/test-runner-commands';
import type { HostedPageSettings, RateLimitSettings } from '../../../sdk/schemas/organization.ts';
import type { EidSettingsInput } from '../../../sdk/schemas/settings.ts';
import { http, HttpResponse } from 'msw';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { eid, hostedPage, rateLimits, section, settled, theme } from './web-settings-fixtures.ts';
import { DEFAULT_RETENTION, type RetentionSettings } from '../../../sdk/schemas/privacy.ts';

afterEach(() => closeConsole());

async function open(loadFails = 0) {
  const themeApi = section('theme', theme, theme);
  const frames = section('hostedPage', hostedPage, { frameAncestors: [] });
  const eidApi = section('eid', eid, eid);
  const rates = section('rateLimits', rateLimits, { ...rateLimits, loginsPerIpPerHour: 30 });
  const retention = section('retention', DEFAULT_RETENTION, DEFAULT_RETENTION);
  themeApi.state.loadFails = loadFails;
  // The secret is write-only: the mocked API answers whether one is set, as the real one does.
  const eidPut = http.put(`${ADMIN}/settings/eid`, async ({ request }) => {
    const failure = eidApi.state.fail;
    eidApi.state.fail = undefined;
    if (failure === 'network') return HttpResponse.error();
    if (failure) return problem(422, 'validation_failed', 'Validation failed', [failure]);
    const { clientSecret, ...rest } = await request.json() as EidSettingsInput;
    eidApi.state.value = { ...rest, clientSecretSet: clientSecret === undefined ? eidApi.state.value.clientSecretSet : clientSecret !== '' };
    return HttpResponse.json(eidApi.state.value);
  });
  await mockAdminApi([...themeApi.handlers, ...frames.handlers, eidPut, ...eidApi.handlers, ...rates.handlers, ...retention.handlers]);
  const page = await openPage('#/web/advanced', 'console-advanced-page');
  return { page, themeApi, frames, eidApi, rates, retention };
}

const form = (page: HTMLElement, index: number) => $$<HTMLFormElement>(page, 'form')[index]!;
const inForm = (page: HTMLElement, index: number, text: string) => [...form(page, index).querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

describe('console: web/advanced (msw)', () => {
  it('analytics URL, allowed sites added and removed by keyboard, saved; reset; restore', async () => {
    const { page, themeApi, frames } = await open(1);
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry after a failed load')).click();
    const url = await waitFor(() => $<HTMLInputElement>(page, '#f-analyticsScriptUrl'), 'analytics');
    await axeCheck('web/advanced');
    typeInto(url, 'https://stats.acme.no/s.js');
    inForm(page, 0, 'Save').click();
    await waitFor(() => themeApi.state.value.analyticsScriptUrl === 'https://stats.acme.no/s.js', 'saved');
    assertEqual(JSON.stringify(requests.find((r) => r.method === 'PATCH')!.body), JSON.stringify({ analyticsScriptUrl: 'https://stats.acme.no/s.js' }));

    // Add by Enter in the field; a wrong origin is refused at the field.
    const origin = $<HTMLInputElement>(page, '#f-new-origin')!;
    origin.focus();
    typeInto(origin, 'http://bad.example/path');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $(page, '#f-new-origin-error'), 'refused');
    assertEqual(origin.getAttribute('aria-invalid'), 'true');
    await axeCheck('web/advanced with a wrong origin');
    typeInto(origin, 'https://booking.acme.no');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(page, '.origins li').length === 2, 'added');
    inForm(page, 1, 'Reset').click();
    await settled(page);
    assertEqual($$(page, '.origins li').length, 1, 'reset undoes the addition');

    typeInto($<HTMLInputElement>(page, '#f-new-origin')!, 'https://booking.acme.no');
    $<HTMLButtonElement>(page, '[data-action="add-origin"]')!.click();
    await settled(page);
    $$<HTMLButtonElement>(page, '[data-action="remove-origin"]')[0]!.click();
    await settled(page);
    inForm(page, 1, 'Save').click();
    await waitFor(() => frames.state.value.frameAncestors.join() === 'https://booking.acme.no', 'saved');
    assertEqual((requests.find((r) => r.method === 'PUT' && r.path === '/settings/hostedPage')!.body as HostedPageSettings).frameAncestors.join(), 'https://booking.acme.no');

    const restore = $$<HTMLButtonElement>(page, '[data-action="restore"]')[0]!;
    restore.click();
    const dialog = await waitFor(() => $$<HTMLDialogElement>(page, 'dialog').find((d) => d.open), 'dialog');
    await axeCheck('web/advanced restore dialog');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm-restore"]')!.click();
    await waitFor(() => $(page, '[data-empty]'), 'the empty list says so');
  });

  it('e-ID: the secret is write-only; a failed save keeps the values; rate limits save as numbers', async () => {
    const { page, eidApi, rates } = await open();
    await waitFor(() => $(page, '#f-issuer'), 'eid');
    assertEqual($(page, '[data-secret-state]')!.textContent, 'No client secret is stored.');
    $<HTMLInputElement>(page, '#f-enabled')!.click();
    typeInto($<HTMLInputElement>(page, '#f-issuer')!, 'https://broker.example');
    typeInto($<HTMLInputElement>(page, '#f-clientId')!, 'acme');
    typeInto($<HTMLInputElement>(page, '#f-newSecret')!, 's3cret');
    eidApi.state.fail = { path: 'issuer', message: 'The broker could not be reached' };
    inForm(page, 2, 'Save').click();
    await waitFor(() => form(page, 2).querySelector('.save-failure'), 'failure');
    assertEqual($<HTMLInputElement>(page, '#f-issuer')!.getAttribute('aria-invalid'), 'true');
    assertEqual($<HTMLInputElement>(page, '#f-newSecret')!.value, 's3cret', 'the secret typed is kept');
    await axeCheck('web/advanced after a failed save');
    eidApi.state.fail = 'network';
    inForm(page, 2, 'Save').click();
    await waitFor(() => form(page, 2).querySelector('.save-failure')?.textContent?.includes('could not be reached'), 'network');
    assertEqual($<HTMLInputElement>(page, '#f-clientId')!.value, 'acme');

    (await waitFor(() => inForm(page, 2, 'Save'), 'the Save button back')).click();
    await waitFor(() => $(page, '[data-secret-state]')!.textContent === 'A client secret is stored. It is never shown.', 'saved: the secret is set');
    assertEqual($<HTMLInputElement>(page, '#f-newSecret')!.value, '', 'the secret is not kept in the form');
    const put = requests.filter((r) => r.method === 'PUT' && r.path === '/settings/eid').at(-1)!;
    const sent = put.body as EidSettingsInput;
    assertEqual(sent.clientSecret, 's3cret');
    assertEqual(sent.issuer, 'https://broker.example');
    assert(!('newSecret' in sent) && !('clientSecretSet' in sent), 'only the API’s fields are sent');

    // Without a new secret, none is sent (the stored one stays).
    typeInto($<HTMLInputElement>(page, '#f-scope')!, 'openid profile');
    inForm(page, 2, 'Save').click();
    await waitFor(() => requests.filter((r) => r.method === 'PUT' && r.path === '/settings/eid').length === 4, 'saved again');
    assert(!('clientSecret' in (requests.filter((r) => r.method === 'PUT' && r.path === '/settings/eid').at(-1)!.body as object)), 'no secret sent');

    typeInto($<HTMLInputElement>(page, '#f-loginsPerIpPerHour')!, '50');
    inForm(page, 3, 'Save').click();
    await waitFor(() => rates.state.value.loginsPerIpPerHour === 50, 'rates saved');
    assertEqual((requests.find((r) => r.method === 'PUT' && r.path === '/settings/rateLimits')!.body as RateLimitSettings).codeChecksPerCode, 5);
  });

  it('how long data is kept (issue 11.5): the periods in days, a refused one marked at its field, saved as numbers', async () => {
    const { page, retention } = await open();
    const bodies = await waitFor(() => $<HTMLInputElement>(page, '#f-messageBodiesDays'), 'the retention form');
    assertEqual(bodies.value, '365');
    assertEqual(bodies.getAttribute('min'), '7', 'the browser checks the bounds too');
    assertEqual(bodies.getAttribute('max'), '3650');
    typeInto(bodies, '30');
    retention.state.fail = { path: 'messageBodiesDays', message: 'Not allowed here' };
    inForm(page, 4, 'Save').click();
    await waitFor(() => bodies.getAttribute('aria-invalid') === 'true', 'the field is marked');
    await axeCheck('web/advanced retention refused');
    typeInto(bodies, '90');
    inForm(page, 4, 'Save').click();
    await waitFor(() => retention.state.value.messageBodiesDays === 90, 'saved');
    const sent = requests.filter((r) => r.method === 'PUT' && r.path === '/settings/retention').at(-1)!.body as RetentionSettings;
    assertEqual(JSON.stringify(sent), JSON.stringify({ ...DEFAULT_RETENTION, messageBodiesDays: 90 }), 'every period, as numbers');
  });
});
