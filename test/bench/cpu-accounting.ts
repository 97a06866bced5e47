import { promises as fs } from 'node:fs';

/** Linux reports process times in clock ticks; 100 per second on every common kernel configuration. */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU seconds a process has used, from `/proc/<pid>/stat` (fields 14 and 15, counted
 * after the command name, which may itself contain spaces and parentheses). Undefined when unreadable.
 */
export async function processCpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of each PostgreSQL backend serving one database on this machine (processes titled
 * `postgres: <user> <database> ...`), by pid. Undefined when none can be seen (a remote server).
 */
export async function databaseBackendsCpu(database: string): Promise<Map<number, number> | undefined> {
  let entries: string[];
  try {
    entries = await fs.readdir('/proc');
  } catch {
    return undefined;
  }
  const found = new Map<number, number>();
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (pid) => {
        try {
          const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
          if (!cmd.startsWith('postgres: ') || !cmd.split(' ').includes(database)) return;
          const cpu = await processCpuSeconds(Number(pid));
          if (cpu !== undefined) found.set(Number(pid), cpu);
        } catch {
          // the process ended meanwhile
        }
      }),
  );
  return found.size ? found : undefined;
}

/**
 * CPU the backends used between two readings: for a backend seen both times the difference, for one
 * that started in between its whole life. A backend that ended in between is lost (its last use cannot
 * be read), so the figure is a lower bound when connections churn; the service's pool keeps them.
 */
export function backendsDelta(before: Map<number, number> | undefined, after: Map<number, number> | undefined): number | undefined {
  if (!after) return undefined;
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before?.get(pid) ?? 0);
  return total;
}

/** CPU used by the service and its database between two readings, per successful request. */
export interface CpuCost {
  serviceMsPerRequest?: number;
  databaseMsPerRequest?: number;
}

export class CpuMeter {
  private service0?: number;
  private database0?: Map<number, number>;

  constructor(
    private readonly pid: number,
    private readonly database: string | undefined,
  ) {}

  async start(): Promise<void> {
    this.service0 = await processCpuSeconds(this.pid);
    this.database0 = this.database ? await databaseBackendsCpu(this.database) : undefined;
  }

  async stop(requests: number): Promise<CpuCost> {
    const service1 = await processCpuSeconds(this.pid);
    const database1 = this.database ? await databaseBackendsCpu(this.database) : undefined;
    const per = (seconds?: number) => (seconds === undefined || requests === 0 ? undefined : (seconds * 1000) / requests);
    return {
      serviceMsPerRequest: per(this.service0 === undefined || service1 === undefined ? undefined : service1 - this.service0),
      databaseMsPerRequest: per(backendsDelta(this.database0, database1)),
    };
  }
}
