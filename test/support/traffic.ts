import type { Fixture } from './fixture.ts';
import { bookingRequest, type FreeTime } from './load-org.ts';

/** One request of a traffic stream and how it ended. */
export interface Exchange {
  kind: 'search' | 'booking';
  /** `Date.now()` when it was sent and when it ended. */
  sentAt: number;
  endedAt: number;
  /** The HTTP status, or undefined when no answer came (`error` says why). */
  status?: number;
  retryAfter?: string | null;
  /** A booking's id when it answered 201. */
  bookingId?: string;
  error?: string;
}

/**
 * Patients' traffic against API processes until stopped: `loops` clients,
 * each sending one request at a time, alternately a week's slot search and a
 * booking at a random time of `times`, round-robin over `urls`. Every
 * exchange is recorded, answered or not.
 *
 * @example
 * const traffic = startTraffic({ urls: [api.url], fixture: org, times });
 * await sleep(3_000);
 * const exchanges = await traffic.stop();
 */
export function startTraffic(options: { urls: string[]; fixture: Fixture; times: FreeTime[]; loops?: number; pauseMs?: number }): { stop(): Promise<Exchange[]>; exchanges: Exchange[] } {
  const { urls, fixture, times } = options;
  const exchanges: Exchange[] = [];
  let running = true;
  let n = 0;
  const week = (() => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    return new URLSearchParams({ treatmentId: fixture.treatments.checkup, clinicId: fixture.clinics.a, from: day(1), to: day(7) }).toString();
  })();
  const once = async (kind: Exchange['kind']) => {
    const i = n++;
    const base = `${urls[i % urls.length]}/api/v1/organizations/${fixture.subdomain}`;
    const sentAt = Date.now();
    try {
      const response = kind === 'search'
        ? await fetch(`${base}/slots?${week}`, { signal: AbortSignal.timeout(60_000) })
        : await fetch(`${base}/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bookingRequest(fixture, times[Math.floor(Math.random() * times.length)]!, i)), signal: AbortSignal.timeout(60_000) });
      const text = await response.text();
      const bookingId = response.status === 201 ? (JSON.parse(text) as { booking: { id: string } }).booking.id : undefined;
      exchanges.push({ kind, sentAt, endedAt: Date.now(), status: response.status, retryAfter: response.headers.get('retry-after'), ...(bookingId ? { bookingId } : {}) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      exchanges.push({ kind, sentAt, endedAt: Date.now(), error: cause ?? (error as Error).message });
    }
  };
  const loop = async () => {
    for (let turn = 0; running; turn++) {
      await once(turn % 2 === 0 ? 'search' : 'booking');
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 20));
    }
  };
  const loops = Array.from({ length: options.loops ?? 4 }, loop);
  return {
    exchanges,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return exchanges;
    },
  };
}

/**
 * Waits until `condition` holds, checking every 100 ms; fails after `limitMs`.
 *
 * @example
 * await until('a search answers 200', async () => (await fetch(url)).status === 200);
 */
export async function until(what: string, condition: () => boolean | Promise<boolean>, limitMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!(await Promise.resolve().then(condition).catch(() => false))) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
