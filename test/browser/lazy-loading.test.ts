import { http, HttpResponse } from 'msw';
import { IDS } from './support/fixtures.ts';
import { resetMock, startMockApi, useHandlers } from './support/mock-api.ts';
import { $, assert, cleanup, mount, waitFor } from './support/helpers.ts';

// Its own file, so its own page: the later steps' chunk has not been fetched yet.

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(() => cleanup());

describe('lazily loaded code', () => {
  it('a later-steps chunk that fails to load shows a translated message with a retry, not a spinner', async () => {
    useHandlers(http.get(/\/widget\/steps\/later-steps\.ts/, () => HttpResponse.error()));
    const el = mount({ clinic: IDS.clinicA, treatment: IDS.checkup, provider: IDS.p1, locale: 'en' });
    const problem = await waitFor(() => $(el, '[data-step="time"] [part="problem"]'), 'chunk failure message');
    assert(problem.textContent?.includes('could not reach the booking service'), problem.textContent ?? '');
    assert($(el, '[part~="retry"]'), 'a retry button');
    assert(!$(el, '[part="loading"]'), 'no spinner left');
    // Chromium keeps a failed module fetch for the page's life: a retry fails again, and says so again.
    $<HTMLButtonElement>(el, '[part~="retry"]')!.click();
    await waitFor(() => $(el, '[data-step="time"] [part="problem"]') && !$(el, '[part="loading"]'), 'the message again, no spinner forever');
  });
});
