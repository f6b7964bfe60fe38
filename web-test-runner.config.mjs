// Browser tests in real headless Chromium (Debian's package): the widget's
// pure helpers and the element against msw-mocked API answers.
// Run: npx web-test-runner --config web-test-runner.config.mjs  (or npm run test:browser)
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const args = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default {
  files: ['widget/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  // Generous on purpose (a busy 2-core machine compiles the first imports slowly): a test's
  // waits for I/O each allow 30 s (test/browser/support/io-timeout.ts), a test 2 minutes,
  // a test file 10 minutes, the browser 2 minutes to start. Nothing waits longer when things are fast.
  testFramework: { config: { timeout: 120_000 } },
  testsFinishTimeout: 600_000,
  browserStartTimeout: 120_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), commonJsFnrValidator()],
  middleware: [(ctx, next) => {
    // msw's service worker, served from node_modules at the root scope.
    if (ctx.path === '/mockServiceWorker.js') ctx.url = '/node_modules/msw/lib/mockServiceWorker.js';
    return next();
  }],
  browsers: [playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath, headless: true, args },
    // A visitor far from the clinic: times must still show in the clinic's zone (Europe/Oslo).
    createBrowserContext: ({ browser }) => browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' }),
  })],
};

/**
 * @navikt/fnrvalidator ships CommonJS only (vite's build converts it; the
 * test server does not): wrap it as an ES module with its named exports.
 */
function commonJsFnrValidator() {
  return {
    name: 'commonjs-fnrvalidator',
    transform(context) {
      if (!context.path.includes('@navikt/fnrvalidator/dist/validator.js')) return undefined;
      const names = ['dnr', 'dnrAndHnr', 'dnrAndTnr', 'fnr', 'getType', 'hnr', 'idnr', 'tnr'];
      return {
        body: `const module = { exports: {} };\n(function (module, exports) {\n${context.body}\n})(module, module.exports);\n` +
          `export default module.exports;\n${names.map((n) => `export const ${n} = module.exports.${n};`).join('\n')}`,
      };
    },
  };
}
