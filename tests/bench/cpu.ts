import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type DbHandle, queryRows, sql } from '@commonroom/db';

/** Clock ticks per second, the unit of /proc/PID/stat's CPU times (100 on Linux almost everywhere). */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time a process has used so far (user + system), ms, from /proc (Linux); undefined where it is gone. */
export function cpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** The PostgreSQL server's backends serving this database (the hub's connections), by pid. */
async function backendPids(database: DbHandle): Promise<number[]> {
  const rows = await queryRows<{ pid: number }>(
    database.db,
    sql`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
  );
  return rows.map((r) => r.pid);
}

function cpuOf(pids: Iterable<number>): Map<number, number> {
  const times = new Map<number, number>();
  for (const pid of pids) {
    const ms = cpuMs(pid);
    if (ms !== undefined) times.set(pid, ms);
  }
  return times;
}

/**
 * CPU used by each of the hub's processes over one load run, and — on a PostgreSQL server — by the server's
 * backends for the hub's database. On a shared machine this is the figure that holds: latency and requests/s
 * move with other work on the cores, the CPU each request costs much less so. (On the embedded database the
 * database's work is inside each subgraph's own process.)
 */
export class CpuMeter {
  private constructor(
    private readonly processes: { name: string; pid: number }[],
    private readonly database: DbHandle | undefined,
    private readonly startProcesses: Map<number, number>,
    private readonly startBackends: Map<number, number>,
  ) {}

  static async start(processes: { name: string; pid: number }[], database?: DbHandle): Promise<CpuMeter> {
    const backends = database ? cpuOf(await backendPids(database)) : new Map<number, number>();
    return new CpuMeter(processes, database, cpuOf(processes.map((p) => p.pid)), backends);
  }

  /** CPU ms used since the start, by process name (and `postgres` for the backends). */
  async stop(): Promise<Record<string, number>> {
    const used: Record<string, number> = {};
    const now = cpuOf(this.processes.map((p) => p.pid));
    for (const { name, pid } of this.processes) {
      const before = this.startProcesses.get(pid);
      const after = now.get(pid);
      if (before !== undefined && after !== undefined) used[name] = after - before;
    }
    if (this.database) {
      // A backend opened during the run used all its CPU within it; one closed during it is lost (pools keep theirs).
      const pids = new Set([...this.startBackends.keys(), ...(await backendPids(this.database))]);
      let total = 0;
      for (const [pid, after] of cpuOf(pids)) total += after - (this.startBackends.get(pid) ?? 0);
      used.postgres = total;
    }
    return used;
  }
}

/** `gateway 4.2 · progress 6.1 · postgres 1.0`: CPU ms per request of each process, for a table cell. */
export function cpuPerRequest(used: Record<string, number>, requests: number): Record<string, number> {
  const perRequest: Record<string, number> = {};
  for (const [name, ms] of Object.entries(used))
    perRequest[name] = requests > 0 ? Math.round((ms / requests) * 100) / 100 : Number.NaN;
  return perRequest;
}

export const cpuCell = (perRequest: Record<string, number>) =>
  Object.entries(perRequest)
    .filter(([, ms]) => ms > 0)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(' · ') || '–';
