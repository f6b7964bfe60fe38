import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort, launchChromium, startServer } from './server-process.ts';
import { restoreMigratedPglite } from '../../support/test-database.ts';

/** The demo owner's password in these tests (`DEMO_OWNER_PASSWORD`). */
export const OWNER_PASSWORD = 'console e2e passphrase';
export const OWNER_EMAIL = 'owner@demo.example';
/** How long a step waits for the real server and the browser (generous: a busy 2-core machine). */
export const WAIT_MS = 30_000;

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** `npm start` (demo data, PGlite in a temporary directory restored from the migrated template) and Chromium, for the console's end-to-end tests. */
export interface ConsoleWorld {
  url: string;
  browser: Browser;
  output: () => string;
  /** A new browser context (its own cookies and storage) at 1440 × 900 unless told otherwise. */
  context(options?: { width?: number; height?: number; colorScheme?: 'light' | 'dark' }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Starts the server as `npm start` does (the widget and console must be built:
 * `npm run build`), with the demo owner's password set, and Chromium.
 *
 * @example
 * const world = await startConsoleWorld();
 * after(() => world.close());
 * const page = await loggedInPage(world);
 */
export async function startConsoleWorld(env: NodeJS.ProcessEnv = {}): Promise<ConsoleWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'opus-console-e2e-'));
  // A migrated database to start from (a first start on an empty directory is hosted-booking.test.ts's).
  await restoreMigratedPglite(dir);
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const server = await startServer({ ...process.env, PORT: String(port), DATA_DIR: dir, PUBLIC_URL: url, DEMO_OWNER_PASSWORD: OWNER_PASSWORD, ...env });
  const browser = await launchChromium();
  return {
    url,
    browser,
    output: server.output,
    // bypassCSP: axe is injected as a script of the page under test; the pages' own policy is tested elsewhere.
    context: (options = {}) => browser.newContext({ viewport: { width: options.width ?? 1440, height: options.height ?? 900 }, colorScheme: options.colorScheme ?? 'light', bypassCSP: true, locale: 'en-GB', timezoneId: 'Europe/Oslo' }),
    close: async () => {
      await browser.close();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Logs in through the console's own login form as the demo owner (or
 * `credentials`) and waits for the day's book, or for `hash` when given (a
 * deep link opened before logging in comes back after it).
 *
 * @example
 * const page = await loggedInPage(world, { hash: '#/web/subdomain' });
 */
export async function loggedInPage(world: ConsoleWorld, options: { hash?: string; page?: Page; email?: string; password?: string; width?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const page = options.page ?? await (await world.context({ ...(options.width ? { width: options.width } : {}), ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}) })).newPage();
  await page.goto(`${world.url}/admin/${options.hash ?? ''}`);
  await login(page, { email: options.email ?? OWNER_EMAIL, password: options.password ?? OWNER_PASSWORD });
  await page.locator('opus-console header').waitFor({ timeout: 3 * WAIT_MS }); // a login hashes with argon2id: slow on a loaded machine
  return page;
}

/** Fills and sends the login form shown on `page`. */
export async function login(page: Page, credentials: { email: string; password: string; organization?: string }): Promise<void> {
  const form = page.locator('opus-console');
  await form.getByLabel(/Organization|Virksomhet|Organisation/).fill(credentials.organization ?? 'demo', { timeout: WAIT_MS });
  await form.getByLabel(/^(E-mail|E-post)$/).fill(credentials.email);
  await form.getByLabel(/^(Password|Passord|Lösenord)$/).fill(credentials.password);
  await form.getByRole('button', { name: /^(Log in|Logg inn|Logga in)$/ }).click();
}

/**
 * axe-core on the whole page (into the shadow roots; not into frames, whose
 * widget has its own tests) for WCAG 2.0–2.2 A and AA: fails listing every
 * violation with where it is.
 *
 * @example
 * await expectNoAxeViolations(page, 'web/subdomain at 1024 px, dark');
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown; failureSummary?: string }> }> }> } }).axe;
    const result = await axe.run(document, { iframes: false, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')}`);
  });
  assert.deepEqual(violations, [], `axe on ${where}`);
}

/**
 * axe at 1024 and 1440 px wide, in light and dark (the issue's four views of
 * every page and dialog) on the page as it is now: the viewport and the
 * colour scheme change, the page (and any open dialog) stays.
 *
 * @example
 * await page.goto(`${world.url}/admin/#/web/subdomain`);
 * await axeInEveryView(page, 'web/subdomain');
 */
export async function axeInEveryView(page: Page, where: string): Promise<void> {
  const viewport = page.viewportSize();
  for (const width of [1024, 1440]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      await expectNoAxeViolations(page, `${where} at ${width} px, ${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
}
