import { sendKeys } from '@web/test-runner-commands';
import type { FlexibilitySettings, StepSettings } from '../../../sdk/schemas/organization.ts';
import { $, $$, assert, assertEqual, axeCheck, button, closeConsole, mockAdminApi, openPage, requests, waitFor } from './support/console-harness.ts';
import { fields, flexibility, section, settled, steps } from './web-settings-fixtures.ts';

afterEach(() => closeConsole());

async function open() {
  const flex = section('flexibility', flexibility, { ...flexibility, login: false });
  const reg = section('fields', fields, { ...fields, email: 'off' });
  const order = section('steps', steps, steps);
  await mockAdminApi([...flex.handlers, ...reg.handlers, ...order.handlers]);
  const page = await openPage('#/web/flexibility', 'console-flexibility-page');
  await waitFor(() => $<HTMLInputElement>(page, '#f-login'), 'the switches');
  return { page, flex, reg, order };
}

const forms = (page: HTMLElement) => $$<HTMLFormElement>(page, 'form');
const within = (form: HTMLElement, text: string) => [...form.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

describe('console: web/flexibility (msw)', () => {
  it('loads the three sections, saves the switches, resets, and restores standard values', async () => {
    const { page, flex } = await open();
    assertEqual($<HTMLInputElement>(page, '#f-login')!.checked, true);
    assertEqual($<HTMLSelectElement>(page, '#f-mobile')!.value, 'required');
    assertEqual($<HTMLInputElement>(page, '#f-order-0-clinic')!.checked, true);
    assert($(page, 'console-preview'), 'the live preview is beside the forms');
    await axeCheck('web/flexibility');

    // Reset undoes an unsaved change.
    $<HTMLInputElement>(page, '#f-login')!.click();
    await settled(page);
    assertEqual($<HTMLInputElement>(page, '#f-login')!.checked, false);
    within(forms(page)[0]!, 'Reset').click();
    await settled(page);
    assertEqual($<HTMLInputElement>(page, '#f-login')!.checked, true, 'reset brings the saved value back');

    // Save sends the whole section.
    $<HTMLInputElement>(page, '#f-weekendBooking')!.click();
    const code = $<HTMLSelectElement>(page, '#f-codeChallenge')!;
    code.value = 'email';
    code.dispatchEvent(new Event('change'));
    within(forms(page)[0]!, 'Save').click();
    await waitFor(() => flex.state.value.codeChallenge === 'email', 'saved');
    const put = requests.find((r) => r.method === 'PUT' && r.path === '/settings/flexibility')!;
    assertEqual((put.body as FlexibilitySettings).weekendBooking, false);
    assertEqual((put.body as FlexibilitySettings).codeChallenge, 'email');
    assertEqual((put.body as FlexibilitySettings).showBookings, true, 'the rest as it was');

    // Restore standard values, behind a confirm dialog.
    const restore = $$<HTMLButtonElement>(page, '[data-action="restore"]')[0]!;
    restore.click();
    const dialog = await waitFor(() => $$<HTMLDialogElement>(page, 'dialog').find((d) => d.open), 'the confirm dialog');
    await axeCheck('web/flexibility with the restore dialog');
    (dialog.querySelector<HTMLButtonElement>('[data-action="confirm-restore"]'))!.click();
    await waitFor(() => !dialog.open, 'the dialog closes');
    assert(requests.some((r) => r.method === 'DELETE' && r.path === '/settings/flexibility'), 'DELETE sent');
    await waitFor(() => $<HTMLInputElement>(page, '#f-login')!.checked === false, 'the standard values shown');
    await waitFor(() => page.shadowRoot!.activeElement === restore, 'focus back on the button that opened it');
  });

  it('the step order stays a permutation: choosing a used step swaps; keyboard works; a failed save keeps the order', async () => {
    const { page, order } = await open();
    // Treatment first: it swaps with clinic.
    $<HTMLInputElement>(page, '#f-order-0-treatment')!.click();
    await settled(page);
    assertEqual($<HTMLInputElement>(page, '#f-order-2-clinic')!.checked, true, 'clinic moved to where treatment was');
    assert($(page, '[data-order]')!.textContent!.includes('Treatment, Provider, Clinic'), 'the order in words');

    // Keyboard: the second step's radios with the arrow keys.
    $<HTMLInputElement>(page, '#f-order-1-provider')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await settled(page);
    assertEqual($<HTMLInputElement>(page, '#f-order-1-treatment')!.checked, true, 'arrow key chose treatment for the second step');
    assertEqual($<HTMLInputElement>(page, '#f-order-0-provider')!.checked, true, 'and provider moved first');

    // A failed save keeps the order drafted and marks the field.
    order.state.fail = { path: 'order', message: 'Each step must appear once' };
    within(forms(page)[2]!, 'Save').click();
    await waitFor(() => $(page, '.save-failure'), 'the failure');
    assertEqual($<HTMLInputElement>(page, '#f-order-0-provider')!.checked, true, 'the drafted order is kept');
    assert($(page, '#f-order-error')!.textContent!.includes('Each step must appear once'), 'the error at the field');
    await axeCheck('web/flexibility after a failed save');

    // A network failure keeps it too; then it saves.
    order.state.fail = 'network';
    within(forms(page)[2]!, 'Save').click();
    await waitFor(() => $(page, '.save-failure')?.textContent?.includes('could not be reached'), 'network failure');
    within(forms(page)[2]!, 'Save').click();
    await waitFor(() => order.state.value.order[0] === 'provider', 'saved');
    const put = requests.filter((r) => r.method === 'PUT' && r.path === '/settings/steps').at(-1)!;
    assertEqual((put.body as StepSettings).order.join(), 'provider,treatment,clinic');
  });

  it('a failed load says so and retries', async () => {
    const flex = section('flexibility', flexibility, flexibility);
    flex.state.loadFails = 1;
    const reg = section('fields', fields, fields);
    const order = section('steps', steps, steps);
    await mockAdminApi([...flex.handlers, ...reg.handlers, ...order.handlers]);
    const page = await openPage('#/web/flexibility', 'console-flexibility-page');
    (await waitFor(() => $<HTMLButtonElement>(page, '[data-action="retry"]'), 'retry')).click();
    await waitFor(() => $<HTMLInputElement>(page, '#f-login'), 'loaded after retry');
    await button(page, 'Save');
  });
});
