import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { OpusBooking } from '../../widget/opus-booking.ts';
import { resetMock, startMockApi, state } from './support/mock-api.ts';
import { $, $$, assert, assertEqual, axeCheck, cleanup, fillPatient, mount, pick, waitFor, waitForStep } from './support/helpers.ts';

// WCAG 1.4.10 reflow and 1.4.4 resize, 2.5.8 target size, dark mode and reduced
// motion, with Chromium's own emulation (playwright's page.setViewportSize and
// page.emulateMedia through @web/test-runner-commands).

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(async () => {
  cleanup();
  document.documentElement.style.fontSize = '';
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await setViewport({ width: 800, height: 600 });
});

/** Goes through every step of a booking and the manage view, calling `check` on each. */
async function everyStep(check: (el: OpusBooking, where: string) => Promise<void> | void, attributes: Record<string, string> = {}): Promise<void> {
  const el = mount(attributes);
  await waitForStep(el, 'clinic');
  await check(el, 'clinic');
  await pick(el, 'Clinic A');
  await waitForStep(el, 'treatment');
  await check(el, 'treatment');
  await pick(el, 'Checkup');
  await waitForStep(el, 'provider');
  await check(el, 'provider');
  await pick(el, 'Petra One');
  await waitForStep(el, 'time');
  const time = await waitFor(() => $<HTMLElement>(el, '[part~="time"]'), 'free times');
  await check(el, 'time');
  time.click();
  await waitForStep(el, 'details');
  await check(el, 'details');
  fillPatient(el);
  await pick(el, 'Gå videre');
  await waitForStep(el, 'confirm');
  await check(el, 'confirm');
  await pick(el, 'Bekreft bestilling');
  await waitForStep(el, 'done');
  await check(el, 'done');
  cleanup();
  const manage = mount({ manage: 'tok-1' });
  await waitForStep(manage, 'manage-view');
  await check(manage, 'manage');
}

/** Nothing wider than the viewport, and every button at least 44 × 44 CSS px. */
function fitsAndTargets(width: number) {
  return (el: OpusBooking, where: string) => {
    assert(document.documentElement.scrollWidth <= width, `${where}: the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
    const host = el.getBoundingClientRect();
    for (const node of $$(el, '*')) {
      const box = node.getBoundingClientRect();
      if (box.width === 0 || node.closest('.sr-only')) continue;
      assert(box.right <= host.right + 0.5 && box.left >= host.left - 0.5, `${where}: ${node.tagName}.${node.className} sticks out (${box.left}–${box.right} of ${host.left}–${host.right})`);
    }
    for (const button of $$(el, 'button')) {
      const box = button.getBoundingClientRect();
      assert(box.width >= 44 && box.height >= 44, `${where}: button "${button.textContent?.trim()}" is ${box.width.toFixed(1)} × ${box.height.toFixed(1)} px`);
    }
  };
}

describe('layout and media preferences', () => {
  it('works at 320 CSS px wide (400 % zoom of 1280): no sideways scrolling, 44 px targets on every step', async () => {
    await setViewport({ width: 320, height: 640 });
    await everyStep(fitsAndTargets(320));
  });

  it('works at 200 % zoom with 200 % text (640 CSS px viewport, root font size doubled)', async () => {
    await setViewport({ width: 640, height: 480 });
    document.documentElement.style.fontSize = '200%';
    await everyStep(fitsAndTargets(640));
  });

  it('follows dark mode: dark colours, and axe (contrast included) passes on every step', async () => {
    const light = mount();
    await waitForStep(light, 'clinic');
    const lightBg = getComputedStyle($(light, '[part="base"]')!).backgroundColor;
    cleanup();
    await emulateMedia({ colorScheme: 'dark' });
    assert(matchMedia('(prefers-color-scheme: dark)').matches, 'emulated dark mode');
    await everyStep(async (el, where) => {
      const base = getComputedStyle($(el, '[part="base"]')!);
      assert(base.backgroundColor !== lightBg, `${where}: background is still ${lightBg}`);
      assertEqual(base.backgroundColor, 'rgb(21, 25, 28)', `${where} background`);
      assertEqual(base.color, 'rgb(238, 241, 243)', `${where} text`);
      await axeCheck(el, `${where} (dark)`);
    });
  });

  it('respects reduced motion: the loading spinner does not spin', async () => {
    state.delayMs = 10_000; // keep the loading state on screen
    let el = mount();
    let spinner = await waitFor(() => $(el, '.spinner'), 'spinner');
    assertEqual(getComputedStyle(spinner).animationName, 'spin');
    cleanup();
    await emulateMedia({ reducedMotion: 'reduce' });
    el = mount();
    spinner = await waitFor(() => $(el, '.spinner'), 'spinner');
    assertEqual(getComputedStyle(spinner).animationName, 'none');
    for (const node of $$(el, '*')) {
      const style = getComputedStyle(node);
      assert(style.animationName === 'none' && parseFloat(style.transitionDuration) === 0, `${node.className} moves`);
    }
  });

  for (const width of [800, 375]) {
    it(`reserves its height: the host page does not shift when the first step shows (${width} px wide)`, async () => {
      await setViewport({ width, height: 700 });
      const shifts: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!entry.hadRecentInput) shifts.push(entry.value);
      });
      observer.observe({ type: 'layout-shift' });
      const after = document.createElement('p');
      after.textContent = 'The clinic page goes on below the widget.';
      state.delayMs = 200;
      const el = mount();
      document.body.append(after);
      await waitFor(() => $(el, '[part="loading"]'), 'loading');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const reserved = after.getBoundingClientRect().top;
      await waitForStep(el, 'clinic');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      try {
        assertEqual(after.getBoundingClientRect().top, reserved, 'text below the widget stays put');
        assertEqual(shifts.filter((v) => v > 0), [], 'layout shifts');
      } finally {
        observer.disconnect();
        after.remove();
      }
    });
  }
});

