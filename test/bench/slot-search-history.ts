/**
 * Slot search with years of history (issue 11.2) on PGlite: one clinic's
 * week, 20 providers each with five years of past appointments (about
 * 250,000); p95 of the public search through the real app over many
 * requests (test/bench/support/history-search.ts; `npm run bench:load`
 * measures the same on PostgreSQL). History must cost nothing: the busy
 * times come from the exclusion constraint's GiST index, not from reading
 * every past appointment. Prints `slots.search.history_p95_ms` (budget 30).
 */
import { openDatabase } from '../../server/db/database.ts';
import { measureHistorySearch } from './support/history-search.ts';

const { db, close } = await openDatabase();
const found = await measureHistorySearch(db, 'history');
// PGlite runs on this thread: its CPU time next to the wall clock tells a slow search from a busy machine.
console.error(`[bench] ${found.pastAppointments} past appointments filled in ${found.fillSeconds.toFixed(1)} s; ${found.slots} slots in the week, p50 ${found.p50Ms.toFixed(2)} ms, CPU ${found.cpuMsPerSearch.toFixed(2)} ms a search on average`);
console.log(`slots.search.history_p95_ms: ${found.p95Ms.toFixed(2)}`);
await close();
