import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** CPU milliseconds (user + system) used so far by each part of the load bench. */
export type CpuSample = Record<string, number>;

const TICK_MS = 10; // Linux reports in clock ticks of USER_HZ = 100

/** utime + stime (and, with `children`, cutime + cstime of reaped children) of a process, in ms; 0 once it is gone. */
function processCpuMs(pid: number, children = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]) + (children ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks * TICK_MS;
  } catch {
    return 0;
  }
}

/** Every live process whose parent is `parent`. */
function childrenOf(parent: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) pids.push(Number(name));
    } catch { /* gone meanwhile */ }
  }
  return pids;
}

/**
 * The PostgreSQL server's process id from its data directory's
 * `postmaster.pid` (readable by the bench only when it runs as root or as
 * the server's user; undefined otherwise).
 *
 * @example
 * const postmaster = postmasterPid('/tmp/opus-booking-pg.abc/data');
 */
export function postmasterPid(dataDirectory: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Samples the CPU time of the load bench's parts on Linux (from /proc): the
 * bench process itself (the load generator), the API processes, the worker
 * and the PostgreSQL server (postmaster, its live backends and the ones
 * that exited). Subtract two samples to get what a run cost.
 *
 * @example
 * const before = sampleCpu({ apis: [api.process.pid!], worker: worker.process.pid, postmaster });
 * // … load …
 * const used = subtractCpu(sampleCpu(parts), before); // { generator: 9120, api: 21000, worker: 300, postgres: 8000 }
 */
export function sampleCpu(parts: { apis: number[]; worker?: number | undefined; postmaster?: number | undefined }): CpuSample {
  const sample: CpuSample = {
    generator: processCpuMs(process.pid),
    api: parts.apis.reduce((sum, pid) => sum + processCpuMs(pid), 0),
  };
  if (parts.worker !== undefined) sample.worker = processCpuMs(parts.worker);
  if (parts.postmaster !== undefined) {
    sample.postgres = processCpuMs(parts.postmaster, true) + childrenOf(parts.postmaster).reduce((sum, pid) => sum + processCpuMs(pid), 0);
  }
  return sample;
}

/**
 * What each part used between two samples.
 *
 * @example
 * subtractCpu({ api: 500 }, { api: 200 }); // { api: 300 }
 */
export function subtractCpu(after: CpuSample, before: CpuSample): CpuSample {
  return Object.fromEntries(Object.entries(after).map(([part, ms]) => [part, ms - (before[part] ?? 0)]));
}
