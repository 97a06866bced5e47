#!/usr/bin/env node
// The benchmark suite: `npm run bench` (through scripts/launch.mjs, which provides DATABASE_URL).
//
//   1. builds the service (`npm run build`) and compiles test/bench/*.ts (tsconfig.bench.json);
//   2. runs the plan in test/bench/suite-plan.ts: each phase starts the built service as its own
//      process on a fresh database, seeds it, and drives it over HTTP with autocannon from here;
//   3. prints one table and writes bench-results/<date>/report.json (+ bench-results/latest.json).
//
// Options:
//   --only a,b      run only these scenario / growth ids (e.g. --only floor,quotes,growth-carriers)
//   --skip a,b      leave these out
//   --quick         short runs to check the bench itself (figures are not meant to be compared)
//   --duration N    seconds of measured load per scenario (default 6)
//   --budget N      wall-clock budget of the whole bench in seconds, build included (default 600); the
//                   memory soak gets what is left (at least 60 s) and reports the count it reached
//   --soak-seconds N  a fixed limit for the 100k-quote memory soak instead
//   --profile a,b   CPU-profile these scenarios (or `all`); .cpuprofile files and a summary in the report
//   --keep-db       keep the bench database afterwards (its name is printed)
//   --no-build      use dist/ as it is
//   --summarise F   print the summary of a .cpuprofile file and exit (no database needed)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArgs(argv) {
  const opts = { build: true };
  const list = (v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--only') opts.only = list(next());
    else if (a === '--skip') opts.skip = list(next());
    else if (a === '--quick') opts.quick = true;
    else if (a === '--duration') opts.durationSeconds = Number(next());
    else if (a === '--soak-seconds') opts.soakSeconds = Number(next());
    else if (a === '--budget') opts.budgetSeconds = Number(next());
    else if (a === '--profile') opts.profile = list(next());
    else if (a === '--keep-db') opts.keepDatabase = true;
    else if (a === '--no-build') opts.build = false;
    else if (a === '--summarise' || a === '--summarize') opts.summarise = next();
    else throw new Error(`unknown option ${a}`);
  }
  return opts;
}

function step(title, cmd, args) {
  const t0 = Date.now();
  process.stdout.write(`[bench] ${title}...\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  process.stdout.write(`[bench] ${title}: ${r.status === 0 ? 'done' : `exit ${r.status}`} in ${((Date.now() - t0) / 1000).toFixed(0)}s\n`);
  return { ok: r.status === 0, out };
}

/** Copies every file that is not TypeScript from `from` to `to`, keeping the folder layout. */
function copyAssets(from, to) {
  if (!existsSync(from)) return;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) copyAssets(src, dst);
    else if (!entry.name.endsWith('.ts')) {
      mkdirSync(to, { recursive: true });
      copyFileSync(src, dst);
    }
  }
}

async function main() {
  const startedAt = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (opts.build) {
    const build = step('building the service (npm run build)', 'npm', ['run', '--silent', 'build']);
    if (!build.ok) {
      // tsc still emits JavaScript on type errors; a half-typed tree is measured, but said loudly.
      process.stdout.write(`[bench] WARNING: the build reported errors; measuring what it emitted.\n${build.out.split('\n').slice(0, 20).join('\n')}\n`);
      if (!existsSync(path.join(root, 'dist', 'src', 'main.js'))) throw new Error('the build produced no dist/src/main.js');
    }
    const bench = step('compiling the bench (tsconfig.bench.json)', process.execPath, [tsc, '-p', 'tsconfig.bench.json']);
    if (!bench.ok) process.stdout.write(`[bench] WARNING: bench type errors:\n${bench.out.split('\n').slice(0, 20).join('\n')}\n`);
    // tsc emits JavaScript only; the emulators read their carrier specifications beside their code.
    copyAssets(path.join(root, 'test', 'emulators'), path.join(root, 'dist', 'test', 'emulators'));
  }
  const compiled = (name) => pathToFileURL(path.join(root, 'dist', 'test', 'bench', name)).href;
  if (opts.summarise) {
    const { summariseProfileFile, profileLines } = await import(compiled('cpu-profile-summary.js'));
    process.stdout.write(profileLines(await summariseProfileFile(path.resolve(opts.summarise), 25), 25).join('\n') + '\n');
    return 0;
  }
  const { runBenchSuite } = await import(compiled('bench-suite.js'));
  return runBenchSuite({
    root,
    only: opts.only,
    skip: opts.skip,
    quick: opts.quick,
    durationSeconds: opts.durationSeconds,
    soakSeconds: opts.soakSeconds,
    budgetSeconds: opts.budgetSeconds,
    startedAt,
    profile: opts.profile,
    keepDatabase: opts.keepDatabase,
    command: ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' '),
  });
}

main().then(
  (code) => process.exit(code ?? 0),
  (err) => {
    console.error(`[bench] ${err instanceof Error ? (err.stack ?? err.message) : err}`);
    process.exit(1);
  },
);
