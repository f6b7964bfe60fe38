import type { SlotSearchResult } from '../../sdk/schemas/slots.ts';
import type { BookingApi } from '../api/booking-api.ts';

interface Entry {
  result?: SlotSearchResult;
  error?: unknown;
}

/**
 * Free times per search, cached for the visit so moving between weeks is
 * instant; `invalidate()` after a 409 so the patient sees fresh times. The
 * host's client says where to search: another client (other attributes)
 * starts an empty cache. Made by the first week browser, so it comes with
 * the time step's chunk.
 */
export class SlotsController {
  private readonly entries = new Map<string, Entry>();
  private api: BookingApi | undefined;

  constructor(private readonly host: { requestUpdate(): void; readonly client: BookingApi | undefined }) {}

  /** The search's answer, undefined while loading (a load starts if none is under way). */
  get(query: Record<string, string | undefined>): Entry | undefined {
    const api = this.host.client;
    if (api !== this.api) this.entries.clear();
    this.api = api;
    const key = JSON.stringify(query);
    const entry = this.entries.get(key);
    if (entry) return entry.result || entry.error ? entry : undefined;
    if (!api) return undefined;
    const pending: Entry = {};
    this.entries.set(key, pending);
    api.slots(query).then(
      (result) => { pending.result = result; },
      (error: unknown) => { pending.error = error; },
    ).finally(() => {
      if (this.entries.get(key) === pending) this.host.requestUpdate();
    });
    return undefined;
  }

  /** Forgets one failed search (retry) or everything (fresh times). */
  invalidate(query?: Record<string, string | undefined>): void {
    if (query) this.entries.delete(JSON.stringify(query));
    else this.entries.clear();
    this.host.requestUpdate();
  }
}
