import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type { CaptchaChallenge } from '../../sdk/schemas/verification.ts';
import type { Harness } from './api-harness.ts';

/** A solution as ALTCHA's solver finds it. */
export interface CaptchaSolution {
  counter: number;
  derivedKey: string;
}

/**
 * Solves a challenge the way a browser does (altcha-lib's solver; the
 * server's difficulty takes a fraction of a second) and answers the solution.
 *
 * @example
 * const solution = await solveCaptcha((await h.call('GET', '/captcha')).body);
 */
export async function solveCaptcha(challenge: CaptchaChallenge): Promise<CaptchaSolution> {
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 60_000 });
  if (!solution) throw new Error('The captcha challenge was not solved in time');
  return { counter: solution.counter, derivedKey: solution.derivedKey };
}

/**
 * The booking's `captcha` field: base64 of ALTCHA's JSON payload.
 *
 * @example
 * const captcha = captchaPayload(challenge, await solveCaptcha(challenge));
 */
export function captchaPayload(challenge: unknown, solution: unknown): string {
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}

/**
 * Fetches a challenge from the harness's organization and solves it: what
 * the widget sends as `captcha`.
 *
 * @example
 * await h.call('POST', '/bookings', { ...request, captcha: await solvedCaptcha(h) });
 */
export async function solvedCaptcha(h: Pick<Harness, 'call'>): Promise<string> {
  const { status, body } = await h.call('GET', '/captcha');
  if (status !== 200) throw new Error(`GET /captcha answered ${status}`);
  return captchaPayload(body, await solveCaptcha(body));
}
