/**
 * How long a test waits for anything that involves I/O (the mocked API, a
 * lazily compiled module in the test server, a real server in the end-to-end
 * test) before it gives up. Generous on purpose: on a busy 2-core machine the
 * first import of a step's chunk can take seconds, and a wait that ends as
 * soon as its condition holds costs nothing when things are fast. Tests never
 * assert how long something took.
 *
 * @example
 * await page.getByRole('heading', { name: 'Velg tid' }).waitFor({ timeout: IO_TIMEOUT_MS });
 */
export const IO_TIMEOUT_MS = 30_000;
