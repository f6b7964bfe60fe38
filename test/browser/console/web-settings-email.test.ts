import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { MessageTemplate, MessagingSettings, PreviewRequest } from '../../../sdk/schemas/messaging.ts';
import { $, $$, ADMIN, assert, assertEqual, axeCheck, closeConsole, mockAdminApi, openPage, problem, requests, typeInto, waitFor } from './support/console-harness.ts';
import { settled } from './web-settings-fixtures.ts';

afterEach(() => closeConsole());

const standard = (kind: 'booked' | 'rebooked' | 'cancelled'): MessageTemplate => ({
  channel: 'email', kind, locale: 'nb', subject: `Standard ${kind}`, body: `Hei [firstName], ${kind}.`, custom: false,
  standardSubject: `Standard ${kind}`, standardBody: `Hei [firstName], ${kind}.`, length: null,
});
const sms: MessageTemplate = { ...standard('booked'), channel: 'sms', subject: null, standardSubject: null, body: 'SMS text', length: { encoding: 'gsm7', units: 8, characters: 8, parts: 1, remaining: 152 } };
const settings: MessagingSettings = {
  smsEnabled: true, gateway: null, senderId: null, allowReplies: false, replyNumber: null, smsCountries: [], reminderPolicy: 'all_valid_mobile',
  reminderHours: { reminder1: 48, reminder2: null, reminder3: null }, thanksHoursAfter: null, generalExpiryHours: 24, noSendWeekdays: [],
  pause: { night: true, nightFrom: '21:00', nightTo: '08:00', saturdays: false, sundays: true }, testMode: false,
  confirmations: { sms: true, email: true }, emailFrom: null, emailFromName: null,
};

async function open(loadFails = 0) {
  const templates = { booked: standard('booked'), rebooked: standard('rebooked'), cancelled: standard('cancelled') };
  let saveFails: undefined | 'network' | 'validation';
  let sender = { ...settings };
  await mockAdminApi([
    http.get(`${ADMIN}/messaging/templates`, () => {
      if (loadFails-- > 0) return HttpResponse.error();
      return HttpResponse.json({ templates: [sms, ...Object.values(templates)], mergeFields: ['firstName', 'time', 'clinic'] });
    }),
    http.get(`${ADMIN}/messaging/settings`, () => HttpResponse.json(sender)),
    http.put(`${ADMIN}/messaging/settings`, async ({ request }) => {
      sender = { ...sender, ...(await request.json() as object) };
      return HttpResponse.json(sender);
    }),
    http.post(`${ADMIN}/messaging/templates/preview`, async ({ request }) => {
      const { body } = await request.json() as PreviewRequest;
      return HttpResponse.json({ rendered: body.replaceAll('[firstName]', 'Kari').replaceAll('[time]', '09:30').replaceAll('[clinic]', 'Sentrum'), length: null });
    }),
    http.put(`${ADMIN}/messaging/templates/email/:kind`, async ({ request, params }) => {
      const failure = saveFails;
      saveFails = undefined;
      if (failure === 'network') return HttpResponse.error();
      if (failure === 'validation') return problem(422, 'validation_failed', 'Validation failed', [{ path: 'body', message: 'Unknown merge field [nmae]' }]);
      const kind = params.kind as keyof typeof templates;
      const sent = await request.json() as { subject: string; body: string };
      templates[kind] = { ...templates[kind], ...sent, custom: true };
      return HttpResponse.json(templates[kind]);
    }),
    http.delete(`${ADMIN}/messaging/templates/email/:kind`, ({ params }) => {
      const kind = params.kind as keyof typeof templates;
      templates[kind] = standard(kind);
      return HttpResponse.json(templates[kind]);
    }),
  ]);
  const page = await openPage('#/web/email', 'console-email-page');
  return { page, templates, failSave: (how: 'network' | 'validation') => { saveFails = how; }, sender: () => sender };
}

const card = (page: HTMLElement, kind: string) => $(page, `section[data-kind="${kind}"]`)!;
const inCard = (page: HTMLElement, kind: string, text: string) => [...card(page, kind).querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

describe('console: web/email (msw)', () => {
  it('lists the e-mail templates only; merge fields inserted by keyboard; the rendered preview follows the draft; save, reset, restore', async () => {
    const { page, templates } = await open();
    const body = await waitFor(() => $<HTMLTextAreaElement>(page, '#f-booked-body'), 'the booked body');
    assertEqual($$(page, 'section[data-kind]').length, 3, 'three e-mails, no SMS');
    assertEqual($<HTMLInputElement>(page, '#f-booked-subject')!.value, 'Standard booked');
    await waitFor(() => card(page, 'booked').querySelector('[data-preview-body]')?.textContent === 'Hei Kari, booked.', 'rendered preview');
    await axeCheck('web/email');

    // Insert a merge field at the cursor, by keyboard.
    typeInto(body, 'Din time er ');
    body.setSelectionRange(body.value.length, body.value.length);
    const select = $<HTMLSelectElement>(page, '#booked-merge')!;
    select.value = 'time';
    select.dispatchEvent(new Event('change'));
    inCard(page, 'booked', 'Insert in the text').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-booked-body')!.value === 'Din time er [time]', 'inserted');
    await waitFor(() => card(page, 'booked').querySelector('[data-preview-body]')?.textContent === 'Din time er 09:30', 'the preview rendered again');
    assert(page.shadowRoot!.activeElement?.id === 'f-booked-body', 'focus back in the text');

    inCard(page, 'booked', 'Reset').click();
    await settled(page);
    assertEqual($<HTMLTextAreaElement>(page, '#f-booked-body')!.value, 'Hei [firstName], booked.');

    typeInto($<HTMLTextAreaElement>(page, '#f-booked-body')!, 'Hei [firstName], velkommen [time].');
    typeInto($<HTMLInputElement>(page, '#f-booked-subject')!, 'Timen din');
    inCard(page, 'booked', 'Save').click();
    await waitFor(() => templates.booked.custom, 'saved');
    const put = requests.find((r) => r.method === 'PUT' && r.path === '/messaging/templates/email/booked')!;
    assertEqual(JSON.stringify(put.body), JSON.stringify({ subject: 'Timen din', body: 'Hei [firstName], velkommen [time].' }));
    await waitFor(() => card(page, 'booked').querySelector('.badge')?.textContent === 'Your own text', 'marked as own text');

    inCard(page, 'booked', 'Restore standard text').click();
    const dialog = await waitFor(() => $$<HTMLDialogElement>(page, 'dialog').find((d) => d.open), 'dialog');
    await axeCheck('web/email restore dialog');
    dialog.querySelector<HTMLButtonElement>('[data-action="confirm-restore"]')!.click();
    await waitFor(() => $<HTMLTextAreaElement>(page, '#f-booked-body')!.value === 'Hei [firstName], booked.', 'restored');
    assert(requests.some((r) => r.method === 'DELETE' && r.path === '/messaging/templates/email/booked'), 'DELETE sent');
  });

  it('a failed save keeps the text and marks it; a network failure too; the sender saves', async () => {
    const { page, failSave, templates, sender } = await open();
    const body = await waitFor(() => $<HTMLTextAreaElement>(page, '#f-cancelled-body'), 'body');
    typeInto(body, 'Hei [nmae]');
    failSave('validation');
    inCard(page, 'cancelled', 'Save').click();
    await waitFor(() => card(page, 'cancelled').querySelector('.save-failure'), 'failure');
    assertEqual($<HTMLTextAreaElement>(page, '#f-cancelled-body')!.value, 'Hei [nmae]', 'kept');
    assertEqual($<HTMLTextAreaElement>(page, '#f-cancelled-body')!.getAttribute('aria-invalid'), 'true');
    assert(card(page, 'cancelled').textContent!.includes('Unknown merge field [nmae]'), 'the problem in words');
    assertEqual(card(page, 'cancelled').querySelector('.save-failure a')!.getAttribute('href'), '#f-cancelled-body', 'the summary links this e-mail’s text');
    await axeCheck('web/email after a failed save');
    failSave('network');
    typeInto($<HTMLTextAreaElement>(page, '#f-cancelled-body')!, 'Hei [firstName]');
    inCard(page, 'cancelled', 'Save').click();
    await waitFor(() => card(page, 'cancelled').querySelector('.save-failure')?.textContent?.includes('could not be reached'), 'network failure');
    assertEqual($<HTMLTextAreaElement>(page, '#f-cancelled-body')!.value, 'Hei [firstName]');
    inCard(page, 'cancelled', 'Save').click();
    await waitFor(() => templates.cancelled.body === 'Hei [firstName]', 'saved after all');

    typeInto($<HTMLInputElement>(page, '#f-emailFromName')!, 'Acme Tannlege');
    [...$$<HTMLFormElement>(page, 'form')[0]!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Save')!.click();
    await waitFor(() => sender().emailFromName === 'Acme Tannlege', 'the sender saved');
    const put = requests.find((r) => r.method === 'PUT' && r.path === '/messaging/settings')!;
    assertEqual(JSON.stringify(put.body), JSON.stringify({ emailFrom: null, emailFromName: 'Acme Tannlege' }));
  });

  it('a failed load retries', async () => {
    const { page } = await open(1);
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => $(page, '#f-booked-body'), 'loaded');
  });
});
