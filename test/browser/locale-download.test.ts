import { resetMock, startMockApi } from './support/mock-api.ts';
import { assertEqual, cleanup, heading, mount, waitForStep } from './support/helpers.ts';

// Its own file, so its own page: no locale module has been fetched yet.

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(() => cleanup());

describe('languages on the wire', () => {
  it('downloads only the active locale (sv by attribute; the organization says nb, the browser en)', async () => {
    // The test modules filled the default buffer of 250 entries; from here on it is the widget's.
    performance.clearResourceTimings();
    performance.setResourceTimingBufferSize(10_000);
    const el = mount({ locale: 'sv' });
    await waitForStep(el, 'clinic');
    assertEqual(heading(el), 'Välj klinik');
    const locales = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.includes('/i18n/locales/'));
    assertEqual(locales, ['/widget/i18n/locales/sv.ts']);
  });
});
