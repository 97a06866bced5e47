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
 * CPU seconds used by the PostgreSQL backends serving one database on this machine: every process
 * whose title is `postgres: <user> <database> ...`. Undefined when the server is not local (no such
 * process can be seen). Backends that exit between two readings are not counted; the service's pool
 * keeps its connections for the whole run, so a load's delta is complete in practice.
 */
export async function databaseCpuSeconds(database: string): Promise<number | undefined> {
  let entries: string[];
  try {
    entries = await fs.readdir('/proc');
  } catch {
    return undefined;
  }
  let total = 0;
  let found = false;
  await Promise.all(
    entries
      .filter((e) => /^\d+$/.test(e))
      .map(async (pid) => {
        try {
          const cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
          if (!cmd.startsWith('postgres: ') || !cmd.split(' ').includes(database)) return;
          const cpu = await processCpuSeconds(Number(pid));
          if (cpu !== undefined) {
            total += cpu;
            found = true;
          }
        } catch {
          // the process ended meanwhile
        }
      }),
  );
  return found ? total : undefined;
}

/** CPU used by the service and its database between two readings, per successful request. */
export interface CpuCost {
  serviceMsPerRequest?: number;
  databaseMsPerRequest?: number;
}

export class CpuMeter {
  private service0?: number;
  private database0?: number;

  constructor(
    private readonly pid: number,
    private readonly database: string | undefined,
  ) {}

  async start(): Promise<void> {
    this.service0 = await processCpuSeconds(this.pid);
    this.database0 = this.database ? await databaseCpuSeconds(this.database) : undefined;
  }

  async stop(requests: number): Promise<CpuCost> {
    const service1 = await processCpuSeconds(this.pid);
    const database1 = this.database ? await databaseCpuSeconds(this.database) : undefined;
    const per = (a?: number, b?: number) => (a === undefined || b === undefined || requests === 0 ? undefined : ((b - a) * 1000) / requests);
    return { serviceMsPerRequest: per(this.service0, service1), databaseMsPerRequest: per(this.database0, database1) };
  }
}
