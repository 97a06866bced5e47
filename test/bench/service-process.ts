import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface ServiceOptions {
  /** Repository root (the service runs with this as its working directory). */
  root: string;
  databaseUrl: string;
  adminKey: string;
  /** Extra environment (CARRIERS_DIR, TARIFFS_DIR, carrier base URLs...). */
  env?: Record<string, string>;
  /** Service stdout/stderr go here (pino JSON lines). */
  logFile: string;
  /** Load the bench probe (GC and CPU profile on request over the IPC channel). */
  probe?: boolean;
}

/** Memory of the service process as the kernel sees it, in bytes. */
export interface ProcessMemory {
  rss: number;
  /** Peak RSS since start or since the last `resetPeak()`. */
  peakRss: number;
}

interface ProbeReply {
  id: number;
  ok: boolean;
  error?: string;
  memory?: NodeJS.MemoryUsage;
  file?: string;
  loop?: EventLoopDelay;
}

/** How late the service's event loop ran its 1 ms timer during a window, in ms. */
export interface EventLoopDelay {
  p99: number;
  max: number;
  /** Garbage collections in the window (main-thread pauses as perf_hooks reports them). */
  gc: { count: number; totalMs: number; maxMs: number };
  /** Time inside the service per request (headers parsed to the answer's last byte written), in ms. */
  served?: { count: number; p50: number; p99: number; max: number };
}

/** A window's event-loop delay and garbage collection as report figures, per successful request. */
export function loopFigures(
  loop: EventLoopDelay,
  ok: number,
): { eventLoopDelayMs: { p99: number; max: number }; gc: { msPerRequest: number; maxPauseMs: number; count: number }; servedMs?: { p50: number; p99: number; max: number } } {
  return {
    eventLoopDelayMs: { p99: loop.p99, max: loop.max },
    gc: { msPerRequest: ok ? loop.gc.totalMs / ok : 0, maxPauseMs: loop.gc.maxMs, count: loop.gc.count },
    ...(loop.served && { servedMs: { p50: loop.served.p50, p99: loop.served.p99, max: loop.served.max } }),
  };
}

/**
 * The built service (`dist/src/main.js`) running as its own process, exactly as `npm start` runs it,
 * so that the load generator never shares an event loop with it. Memory is read from
 * `/proc/<pid>/status` (VmRSS, and VmHWM for the peak, which `resetPeak` rewinds through
 * `/proc/<pid>/clear_refs`); a sampler keeps a peak of its own where that file cannot be written.
 */
export class ServiceProcess {
  /** Services still running, stopped if the bench itself is interrupted. */
  private static readonly live = new Set<ChildProcess>();
  private static guarded = false;
  private child?: ChildProcess;
  private logFd?: number;
  private sampledPeak = 0;
  private sampler?: NodeJS.Timeout;
  private canClearRefs = true;
  private nextProbeId = 1;
  private readonly pending = new Map<number, (reply: ProbeReply) => void>();
  private exited?: Promise<number | null>;
  baseUrl = '';
  port = 0;

  constructor(private readonly options: ServiceOptions) {}

  get pid(): number {
    if (!this.child?.pid) throw new Error('service not started');
    return this.child.pid;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    this.port = await freePort();
    this.baseUrl = `http://127.0.0.1:${this.port}`;
    await fs.mkdir(path.dirname(this.options.logFile), { recursive: true });
    // The service writes its log straight into the file: piping it through this process would make
    // the load generator's process pay for the service's logging.
    this.logFd = openSync(this.options.logFile, 'a');
    const env: Record<string, string> = {};
    // Only what a deployment would set: the service reads its declared settings and ignores the rest.
    for (const k of ['PATH', 'HOME', 'TZ', 'LANG', 'NODE_OPTIONS']) if (process.env[k]) env[k] = process.env[k]!;
    Object.assign(env, {
      NODE_ENV: 'production',
      DATABASE_URL: this.options.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: this.baseUrl,
      ADMIN_API_KEY: this.options.adminKey,
      LOG_LEVEL: 'info',
      ...this.options.env,
    });
    const args = [...(require(path.join(this.options.root, 'scripts/service-node-flags.cjs')) as string[])];
    if (this.options.probe) args.push('--expose-gc', '--require', path.join(this.options.root, 'test/bench/service-probe.preload.cjs'));
    args.push('dist/src/main.js');
    const child = spawn(process.execPath, args, {
      cwd: this.options.root,
      env,
      stdio: ['ignore', this.logFd, this.logFd, ...(this.options.probe ? (['ipc'] as const) : [])],
    });
    this.child = child;
    ServiceProcess.guard();
    ServiceProcess.live.add(child);
    child.once('exit', () => ServiceProcess.live.delete(child));
    closeSync(this.logFd);
    child.on('message', (m: ProbeReply) => this.pending.get(m.id)?.(m));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const code = await Promise.race([this.exited, sleep(250).then(() => 'running' as const)]);
      if (code !== 'running') {
        const text = await fs.readFile(this.options.logFile, 'utf8').catch(() => '');
        const why = text.split('\n').find((l) => l.startsWith('Parcelwise cannot start')) ?? text.slice(-2000);
        throw new Error(`the service exited with code ${code} while starting (${why.trim()}); see ${this.options.logFile}`);
      }
      if (await this.healthy()) break;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`the service did not become healthy within ${timeoutMs} ms; see ${this.options.logFile}`);
      }
    }
    this.sampler = setInterval(() => this.sample(), 100);
    this.sampler.unref();
  }

  private async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  private async readStatus(): Promise<{ rss: number; hwm: number } | undefined> {
    try {
      const text = await fs.readFile(`/proc/${this.pid}/status`, 'utf8');
      const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
      return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
    } catch {
      return undefined;
    }
  }

  private sample(): void {
    void this.readStatus().then((s) => {
      if (s && s.rss > this.sampledPeak) this.sampledPeak = s.rss;
    });
  }

  /** Starts a new peak window (call before a scenario). */
  async resetPeak(): Promise<void> {
    const now = await this.readStatus();
    this.sampledPeak = now?.rss ?? 0;
    if (!this.canClearRefs) return;
    try {
      // "5" resets the peak resident set size (VmHWM) of the process; Linux only, needs ptrace rights.
      await fs.writeFile(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      this.canClearRefs = false;
    }
  }

  async memory(): Promise<ProcessMemory> {
    const s = await this.readStatus();
    if (!s) return { rss: 0, peakRss: this.sampledPeak };
    const peak = this.canClearRefs ? Math.max(s.hwm, s.rss) : Math.max(this.sampledPeak, s.rss);
    return { rss: s.rss, peakRss: peak };
  }

  /** Full garbage collection in the service, then its memory (needs `probe`). */
  async collectGarbage(): Promise<NodeJS.MemoryUsage> {
    const reply = await this.probe({ cmd: 'gc' });
    return reply.memory!;
  }

  /** Starts sampling the service's CPU (needs `probe`). */
  async startProfile(): Promise<void> {
    await this.probe({ cmd: 'profile-start' });
  }

  /** Stops sampling and writes a `.cpuprofile` (open it in Chrome DevTools or summarise it). */
  async stopProfile(file: string): Promise<string> {
    const reply = await this.probe({ cmd: 'profile-stop', file });
    return reply.file!;
  }

  /** Starts measuring the service's event-loop delay (needs `probe`). */
  async startLoopMonitor(): Promise<void> {
    await this.probe({ cmd: 'loop-start' });
  }

  async stopLoopMonitor(): Promise<EventLoopDelay> {
    return (await this.probe({ cmd: 'loop-stop' })).loop!;
  }

  private probe(message: Record<string, unknown>): Promise<ProbeReply> {
    const child = this.child;
    if (!child?.send) return Promise.reject(new Error('the service was started without the bench probe'));
    const id = this.nextProbeId++;
    return new Promise<ProbeReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`bench probe did not answer ${String(message.cmd)}`));
      }, 60_000);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        this.pending.delete(id);
        if (reply.ok) resolve(reply);
        else reject(new Error(`bench probe: ${reply.error}`));
      });
      child.send({ ...message, id });
    });
  }

  /** An interrupted bench (Ctrl-C, a failure) must not leave services running behind it. */
  private static guard(): void {
    if (ServiceProcess.guarded) return;
    ServiceProcess.guarded = true;
    process.once('exit', () => {
      for (const c of ServiceProcess.live) c.kill('SIGKILL');
    });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        for (const c of ServiceProcess.live) c.kill('SIGTERM');
        process.stderr.write(`\n[bench] interrupted (${signal}); services stopped\n`);
        setTimeout(() => process.exit(130), 2000).unref();
      });
    }
  }

  /** SIGTERM (the service closes its server, queue and pool), SIGKILL if it hangs. */
  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    child.kill('SIGTERM');
    const done = await Promise.race([this.exited, sleep(15_000).then(() => 'timeout' as const)]);
    if (done === 'timeout') {
      child.kill('SIGKILL');
      await this.exited;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
