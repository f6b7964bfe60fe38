/**
 * Solves an ALTCHA proof-of-work challenge in the browser (Web Crypto) and
 * returns the payload the booking sends as `captcha`: base64 of JSON. Its
 * own lazy chunk, fetched only when the organization asks for a captcha.
 *
 * Both of altcha-lib 2.x's formats are understood, chosen by the challenge's
 * shape, so the server may use either:
 * - v2 (`{ parameters, signature }`, altcha-lib's default export):
 *   payload `{ challenge, solution: { counter, derivedKey, time } }`;
 * - v1 (`{ algorithm, challenge, salt, signature, maxnumber }`, `altcha-lib/v1`):
 *   payload `{ algorithm, challenge, number, salt, signature, took }`.
 *
 * @example
 * const captcha = await solveAltcha(await api.getCaptchaChallenge());
 */
export async function solveAltcha(challenge: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const encode = (payload: unknown) => btoa(JSON.stringify(payload));
  if (challenge['parameters'] && typeof challenge['parameters'] === 'object') {
    const [{ solveChallenge }, deriveKey] = await Promise.all([import('altcha-lib'), deriveKeyFor(String((challenge['parameters'] as { algorithm?: unknown }).algorithm))]);
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort());
    const solution = await solveChallenge({ challenge: challenge as never, deriveKey, controller });
    if (!solution) throw new Error('captcha not solved');
    return encode({ challenge, solution });
  }
  const { algorithm, salt, signature, maxnumber } = challenge as { algorithm?: string; challenge?: string; salt?: string; signature?: string; maxnumber?: number };
  if (typeof challenge['challenge'] !== 'string' || typeof salt !== 'string') throw new Error('not an ALTCHA challenge');
  const { solveChallenge } = await import('altcha-lib/v1');
  const run = solveChallenge(challenge['challenge'], salt, algorithm ?? 'SHA-256', maxnumber ?? 1e6);
  signal?.addEventListener('abort', () => run.controller.abort());
  const solution = await run.promise;
  if (!solution) throw new Error('captcha not solved');
  return encode({ algorithm: algorithm ?? 'SHA-256', challenge: challenge['challenge'], number: solution.number, salt, signature, took: solution.took });
}

async function deriveKeyFor(algorithm: string) {
  const module = algorithm.startsWith('PBKDF2') ? await import('altcha-lib/algorithms/web/pbkdf2') : await import('altcha-lib/algorithms/web/sha');
  return module.deriveKey;
}
