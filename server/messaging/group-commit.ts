/**
 * Turns a statement that writes many items at once into a function that
 * writes one, batching the callers: the first call starts a run of its own
 * (after the callers of the same turn of the event loop have joined it), and
 * the calls made while a run is in progress wait for it and go together in
 * the next one. One run at a time, so a burst of n callers costs a few
 * statements, not n, and a lone caller waits for no timer.
 *
 * `write` answers one result per item, in order. If it throws, every caller
 * of that run gets the error.
 *
 * @example
 * const begin = groupCommit((ids: string[]) => beginAttempts(db, { ids, workerId, now: now(), leaseMs }).then((m) => ids.map((id) => m.get(id))));
 * const [a, b] = await Promise.all([begin(id1), begin(id2)]); // one UPDATE
 */
export function groupCommit<T, R>(write: (items: T[]) => Promise<readonly R[]>): (item: T) => Promise<R> {
  let waiting: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  let running = false;

  async function run(): Promise<void> {
    running = true;
    // Callers of the same turn of the event loop join the first one.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const results = await write(batch.map((w) => w.item));
        batch.forEach((w, i) => w.resolve(results[i]!));
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    running = false;
  }

  return (item) => new Promise<R>((resolve, reject) => {
    waiting.push({ item, resolve, reject });
    if (!running) void run();
  });
}
