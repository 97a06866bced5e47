import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/** The built service; PW_SERVICE_MAIN points elsewhere (e.g. a private build while others rebuild dist/). */
const MAIN = path.resolve(REPO_ROOT, process.env.PW_SERVICE_MAIN ?? 'dist/src/main.js');
/** The Node.js flags `npm start` runs the service with. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SERVICE_NODE_FLAGS = require(path.join(REPO_ROOT, 'scripts/service-node-flags.cjs')) as string[];

export interface ServiceProcessOptions {
  /** Name in failure messages (e.g. `api-1`). */
  name?: string;
  databaseUrl: string;
  /** Admin key the service ensures at boot (ADMIN_API_KEY). */
  adminKey: string;
  /** Listen on this port; a free one is chosen otherwise. Kept across restarts. */
  port?: number;
  /** Further environment (carrier base URLs, job cadence, limits...). */
  env?: Record<string, string>;
}

/** Every service still running, killed when the test process exits for any reason. */
const live = new Set<ChildProcess>();
let guarded = false;
function guard(): void {
  if (guarded) return;
  guarded = true;
  process.once('exit', () => {
    for (const c of live) c.kill('SIGKILL');
  });
}

/**
 * The built service (`dist/src/main.js`) as its own operating-system process, started the way
 * `npm start` starts it, so a test can kill it with SIGKILL mid-request, restart it on the same port,
 * run two of them on one database, and read everything it logged.
 *
 * @example
 * const svc = new ServiceProcess({ databaseUrl, adminKey: 'x'.repeat(32) });
 * await svc.start();
 * await fetch(`${svc.url}/health`);
 * await svc.kill(); // SIGKILL: no shutdown hooks run
 * await svc.start(); // same port, same database
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private output: string[] = [];
  private errors = '';
  private outputBytes = 0;
  /** How each process of this service ended, e.g. `code 1`, `signal SIGKILL` (in start order). */
  readonly exits: string[] = [];
  /** Starts of this service so far (restarts included). */
  starts = 0;
  port = 0;

  constructor(readonly options: ServiceProcessOptions) {}

  get name(): string {
    return this.options.name ?? 'service';
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the service wrote to stdout and stderr, over all its starts. */
  get logs(): string {
    return this.output.join('');
  }

  /** The log as pino JSON records (lines that are not JSON are skipped). */
  logRecords(): Record<string, unknown>[] {
    return this.logs
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  }

  /**
   * Starts the process and waits until `/health` answers 200 (or, with `waitFor: 'listening'`, until
   * the port accepts connections: for starts while the database is down).
   */
  async start(opts: { timeoutMs?: number; waitFor?: 'healthy' | 'listening' } = {}): Promise<void> {
    if (this.running) throw new Error(`${this.name} is already running`);
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build the service first (npm run build)`);
    this.port ||= this.options.port ?? (await freePort());
    const env: Record<string, string> = {};
    // What a deployment sets, nothing from the test runner (no DATABASE_URL of the suite, no Jest vars).
    for (const k of ['PATH', 'HOME', 'TZ', 'LANG']) if (process.env[k]) env[k] = process.env[k]!;
    Object.assign(env, {
      NODE_ENV: 'production',
      DATABASE_URL: this.options.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${this.port}`,
      ADMIN_API_KEY: this.options.adminKey,
      LOG_LEVEL: 'info',
      ...this.options.env,
    });
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, MAIN], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    guard();
    live.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exits.push(signal ? `signal ${signal}` : `code ${code}`);
        live.delete(child);
        resolve();
      }),
    );
    const keep = (d: Buffer) => {
      const text = d.toString('utf8');
      this.output.push(text);
      this.outputBytes += text.length;
      // A runaway log must not exhaust the test's memory; the start is what failure messages need.
      while (this.outputBytes > 64 * 1024 * 1024 && this.output.length > 1) this.outputBytes -= this.output.splice(1, 1)[0].length;
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.stderr!.on('data', (d: Buffer) => (this.errors = (this.errors + d.toString('utf8')).slice(-8000)));

    const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
    for (;;) {
      if (!this.running) throw new Error(`${this.name} exited while starting (code ${child.exitCode}, signal ${child.signalCode}):\n${this.tail()}`);
      if (opts.waitFor === 'listening' ? await this.listening() : await this.healthy()) return;
      if (Date.now() > deadline) {
        await this.kill();
        throw new Error(`${this.name} did not become ${opts.waitFor ?? 'healthy'} in time:\n${this.tail()}`);
      }
      await sleep(200);
    }
  }

  /** GET /health: true on 200. */
  async healthy(timeoutMs = 3000): Promise<boolean> {
    return (await this.healthStatus(timeoutMs)) === 200;
  }

  /** Status of GET /health, or 0 when the service does not answer. */
  async healthStatus(timeoutMs = 3000): Promise<number> {
    try {
      const res = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0;
    }
  }

  private listening(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = net.connect(this.port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  }

  /** Kills the process (SIGKILL by default: no shutdown hook, no graceful drain) and waits for it to go. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exited;
  }

  /** Graceful stop (SIGTERM); SIGKILL if it has not ended in `timeoutMs`. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    const done = await Promise.race([this.exited!.then(() => 'exited' as const), sleep(timeoutMs).then(() => 'timeout' as const)]);
    if (done === 'timeout') await this.kill('SIGKILL');
  }

  /** The last lines of output (Nest's route listing left out) and of stderr, for failure messages. */
  tail(lines = 30): string {
    const out = this.logs
      .split('\n')
      .filter((l) => !/"context":"(RouterExplorer|RoutesResolver|InstanceLoader)"/.test(l))
      .slice(-lines)
      .join('\n');
    return this.errors ? `${out}\n--- stderr ---\n${this.errors}` : out;
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

/** Polls `fn` until `ok` holds; throws with the last value after `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > end) {
      const detail = last !== undefined ? JSON.stringify(last)?.slice(0, 500) : String(lastError);
      throw new Error(`${what} not met in ${timeoutMs} ms (last: ${detail})`);
    }
    await sleep(250);
  }
}
