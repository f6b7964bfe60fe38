/** What one POST to an endpoint came to. */
export type SendResult =
  | { ok: true; statusCode: number }
  | { ok: false; statusCode: number | null; error: string; transient: boolean };

/** The longest excerpt of an endpoint's answer kept in the delivery log. */
const EXCERPT = 200;

/**
 * Whether a failed answer is worth retrying: 5xx, 408 (timeout) and 429
 * (too many requests) are; redirects (never followed) and other 4xx are
 * not: the receiver refused the delivery, and staff can retry it by hand
 * once it is fixed.
 *
 * @example
 * isTransientStatus(503); // true
 * isTransientStatus(404); // false
 */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/**
 * POSTs one delivery: JSON with the signature headers, a timeout, no
 * redirects followed, and at most a short excerpt of the answer read.
 * Network errors and timeouts are transient.
 *
 * @example
 * const result = await postWebhook(fetch, endpoint.url, body, headers, 10_000);
 */
export async function postWebhook(fetcher: typeof fetch, url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'opus-booking-webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { ok: false, statusCode: null, transient: true, error: name === 'TimeoutError' || name === 'AbortError' ? `No answer within ${timeoutMs / 1000} s` : `Network error: ${describe(error)}` };
  }
  const excerpt = await readExcerpt(response);
  if (response.status >= 200 && response.status < 300) return { ok: true, statusCode: response.status };
  const what = response.status >= 300 && response.status < 400 ? `Redirect (${response.status}) not followed` : `HTTP ${response.status}`;
  return { ok: false, statusCode: response.status, transient: isTransientStatus(response.status), error: excerpt ? `${what}: ${excerpt}` : what };
}

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${(error.cause as NodeJS.ErrnoException).code ?? error.cause.message})` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`.slice(0, EXCERPT);
}

/** The first characters of an answer, reading no more than a few kilobytes of it. */
async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < 4096) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut off mid-way: keep what came.
  } finally {
    void reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim().slice(0, EXCERPT);
}
