import { resetMock, startMockApi, state } from './support/mock-api.ts';
import { cleanup, mount, waitForStep } from './support/helpers.ts';

before(async () => { await startMockApi(); });
beforeEach(() => resetMock());
afterEach(() => cleanup());

describe('<opus-booking> robustness', () => {
  it('moved in the page while it loads (a framework re-parenting it), it still starts', async () => {
    state.delayMs = 300;
    const el = mount({ locale: 'en' });
    await new Promise((r) => setTimeout(r, 30));
    const box = document.createElement('div');
    document.body.append(box);
    box.append(el); // disconnected and connected again, mid-load
    try {
      await waitForStep(el, 'clinic');
    } finally {
      box.remove();
    }
  });

});
