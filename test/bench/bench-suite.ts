import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunnerContext, sendRequest } from './bench-context';
import { BenchDatabase } from './bench-database';
import type { BenchReport, ScenarioFigures } from './bench-report';
import { renderReport } from './bench-report';
import { renderMarkdown } from './markdown-report';
import { BenchLoad, BenchScenario, BenchSkip } from './bench-scenario';
import { CpuMeter } from './cpu-accounting';
import { profileLines, summariseProfileFile } from './cpu-profile-summary';
import { LoadResult, runLoad } from './load-generator';
import { loopFigures, ServiceProcess, sleep } from './service-process';
import { buildPlan, PhasePlan } from './suite-plan';
import { evaluateTargets } from './targets';

/** What `run.mjs` passes on from the command line. */
export interface SuiteOptions {
  root: string;
  /** Run only these scenario or step ids (and the phases that hold them). */
  only?: string[];
  skip?: string[];
  /** Short runs (2 s warm-up, 4 s load, a 20k-quote soak): a smoke test of the bench, not figures. */
  quick?: boolean;
  /** Scenario ids to CPU-profile (`all` for every one). */
  profile?: string[];
  keepDatabase?: boolean;
  /** Seconds of measured load per scenario (default 6, quick 4): thousands of requests each, and the 100k-quote soak keeps its share of the 10-minute budget. */
  durationSeconds?: number;
  /**
   * Longest the memory soak may run. Default: what is left of `budgetSeconds` (less 20 s for the
   * report), at least 60 s, so that the whole bench ends within its budget on a slow machine.
   */
  soakSeconds?: number;
  /** Wall-clock budget of the whole bench including the build (default 600 s). */
  budgetSeconds?: number;
  /** When the bench started (epoch ms; run.mjs passes the moment before the build). */
  startedAt?: number;
  command: string;
}

/** Measurement settings a step asks for. */
export interface MeasureOptions {
  /** Row id in the table (defaults to the scenario's id). */
  id?: string;
  connections?: number;
  durationSeconds?: number;
  /** Exact number of requests instead of a duration. */
  amount?: number;
  warmupSeconds?: number;
  /** Keep the figures out of the main table (probes measured only for a ratio). */
  probe?: boolean;
  /** Paced load in requests per second instead of as fast as the service answers. */
  rate?: number;
  onProgress?: (ok: number) => void;
  progressEvery?: number;
}

/** Settings of one service instance: its data folders and extra environment. */
export interface InstanceSettings {
  env: Record<string, string>;
  carriersDir: string;
  tariffsDir: string;
  /** Another database than the run's (growth pairs that need different stored data). */
  databaseUrl?: string;
}

/** Starts one more service instance (for growth pairs measured side by side). */
export type InstanceFactory = (id: string, settings: InstanceSettings) => Promise<InstanceRun>;

/** What a step can use: one running service, its scenario context and the report. */
export interface InstanceRun {
  /** Instance id, shown as the phase of its rows. */
  id: string;
  service: ServiceProcess;
  ctx: RunnerContext;
  report: BenchReport;
  options: Required<Pick<SuiteOptions, 'durationSeconds'>> & SuiteOptions;
  /** Seeds, verifies, warms up and measures one scenario; undefined when it was skipped. */
  measure(scenario: BenchScenario, opts?: MeasureOptions): Promise<ScenarioFigures | undefined>;
  /** Prepares a scenario once (seeding, first request checked) so that several measurements can reuse its load. */
  prepare(scenario: BenchScenario, id?: string): Promise<BenchLoad | undefined>;
  measureLoad(scenario: BenchScenario, load: BenchLoad, opts?: MeasureOptions): Promise<ScenarioFigures | undefined>;
  /** Starts the CPU profiler when `--profile` names `id` (or `all`); answers whether it did. */
  startProfile(id: string): Promise<boolean>;
  /** Stops a profile started by `startProfile`, writes it and adds its summary to the report. */
  finishProfile(id: string): Promise<void>;
  /** Starts another instance; the caller stops it. */
  spawn: InstanceFactory;
  /** Database name the instance uses (for CPU accounting of its PostgreSQL backends). */
  databaseName: string;
  /** Notes a scenario as skipped with its reason. */
  skip(id: string, reason: string): void;
  stop(): Promise<void>;
  log(message: string): void;
}

const mb = (bytes: number) => bytes / 1048576;

function gitInfo(root: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(0)}s`;
}

/** Runs every phase of the plan and writes the report. Returns the process exit code. */
export async function runBenchSuite(input: SuiteOptions): Promise<number> {
  const options = { ...input, durationSeconds: input.durationSeconds ?? (input.quick ? 4 : 6) };
  const started = Date.now();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set: run the bench with `npm run bench`, which provides a PostgreSQL');
  const resultsDir = path.join(options.root, 'bench-results');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const runDir = path.join(resultsDir, stamp);
  await fs.mkdir(runDir, { recursive: true });
  const log = (m: string) => process.stdout.write(`[bench ${elapsed(started).padStart(4)}] ${m}\n`);

  const db = await BenchDatabase.create(serverUrl);
  log(`database ${db.name}`);
  const cpus = os.cpus();
  const report: BenchReport = {
    date: new Date().toISOString(),
    command: options.command,
    durationSeconds: 0,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model?.trim() ?? 'unknown',
      totalMemoryGb: Math.round(os.totalmem() / 1e9),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: await db.serverVersion(),
      database: process.env.EMBEDDED_DATABASE ? 'embedded' : 'DATABASE_URL',
      loadAverage: { start: os.loadavg()[0] },
    },
    git: gitInfo(options.root),
    settings: {
      connections: 32,
      durationSeconds: options.durationSeconds,
      quick: !!options.quick,
      loadGenerator: 'autocannon (in the bench process; the service is a separate process)',
      serviceCommand: `node ${(require(path.join(options.root, 'scripts/service-node-flags.cjs')) as string[]).join(' ')} dist/src/main.js (NODE_ENV=production, LOG_LEVEL=info)`,
    },
    scenarios: [],
    skipped: [],
    ratios: [],
    memory: [],
    targets: [],
    storage: { tables: [] },
    sizing: {},
    profiles: [],
    details: {},
    errors: [],
  };

  const extraDatabases: BenchDatabase[] = [];
  const plan = await buildPlan(options, {
    createDatabase: async () => {
      const extra = await BenchDatabase.create(serverUrl);
      extraDatabases.push(extra);
      return extra.url;
    },
  });
  const wanted = (id: string) => (!options.only?.length || options.only.includes(id)) && !options.skip?.includes(id);
  const adminKey = `pw_bench_admin_${randomBytes(16).toString('hex')}`;
  const instances: InstanceFactory = async (id, settings) => {
    const service = new ServiceProcess({
      root: options.root,
      databaseUrl: settings.databaseUrl ?? db.url,
      adminKey,
      env: settings.env,
      logFile: path.join(runDir, `service-${id}.log`),
      probe: true,
    });
    const bootStart = Date.now();
    await service.start();
    log(`  service ${id}: pid ${service.pid} up in ${elapsed(bootStart)} at ${service.baseUrl}`);
    const ctx = new RunnerContext({
      baseUrl: service.baseUrl,
      adminKey,
      databaseUrl: settings.databaseUrl ?? db.url,
      carriersDir: settings.carriersDir,
      tariffsDir: settings.tariffsDir,
      log: (m) => log(`    ${m}`),
    });
    const databaseName = new URL(settings.databaseUrl ?? db.url).pathname.slice(1);
    return createInstanceRun(id, databaseName, service, ctx, report, options, runDir, log, instances);
  };
  try {
    for (const phase of plan.phases) {
      const steps = phase.steps.filter((s) => wanted(s.id) || (s.always && phase.steps.some((o) => !o.always && wanted(o.id))));
      if (!steps.some((s) => !s.always)) continue;
      log(`phase ${phase.id}: ${phase.title}`);
      let run: InstanceRun;
      try {
        run = await instances(phase.id, phase);
      } catch (e) {
        report.errors.push(`phase ${phase.id}: ${(e as Error).message.split('\n')[0]}`);
        for (const s of steps) if (!s.always) report.skipped.push({ id: s.id, phase: phase.id, reason: 'service did not start' });
        log(`  service did not start: ${(e as Error).message}`);
        continue;
      }
      try {
        for (const step of steps) {
          try {
            await step.run(run);
          } catch (e) {
            const msg = e instanceof Error ? e.message : String(e);
            report.errors.push(`${phase.id}/${step.id}: ${msg.split('\n')[0]}`);
            log(`  step ${step.id} failed: ${msg}`);
          }
        }
      } finally {
        await run.stop();
      }
    }
    log('measuring storage');
    report.storage.tables = await db.allTableSizes();
    plan.finish(report);
    // Steps may add targets of their own (e.g. carrier adapter overhead); the fixed ones come first.
    report.targets = [...evaluateTargets(report), ...report.targets];
  } finally {
    if (!options.keepDatabase) {
      for (const d of [db, ...extraDatabases]) await d.drop().catch((e) => report.errors.push(`dropping ${d.name}: ${(e as Error).message}`));
    }
    await plan.cleanup();
  }
  report.durationSeconds = Math.round((Date.now() - started) / 1000);
  report.machine.loadAverage!.end = os.loadavg()[0];
  report.settings.wallSecondsIncludingBuild = Math.round((Date.now() - (options.startedAt ?? started)) / 1000);
  const text = renderReport(report);
  const json = JSON.stringify(report, null, 2);
  await fs.writeFile(path.join(runDir, 'report.json'), json);
  await fs.writeFile(path.join(runDir, 'report.txt'), text + '\n');
  await fs.writeFile(path.join(resultsDir, 'latest.json'), json);
  await fs.writeFile(path.join(resultsDir, 'latest.txt'), text + '\n');
  await fs.writeFile(path.join(resultsDir, 'latest.md'), renderMarkdown(report));
  process.stdout.write(`\n${text}\n\nResults: ${path.relative(options.root, path.join(runDir, 'report.json'))} (also bench-results/latest.json); total ${report.durationSeconds}s (${report.settings.wallSecondsIncludingBuild}s with the build)\n`);
  return report.errors.length ? 1 : 0;
}

function createInstanceRun(
  instanceId: string,
  databaseName: string,
  service: ServiceProcess,
  ctx: RunnerContext,
  report: BenchReport,
  options: InstanceRun['options'],
  runDir: string,
  log: (m: string) => void,
  spawn: InstanceFactory,
): InstanceRun {
  const profiling = (id: string) => !!options.profile?.length && (options.profile.includes('all') || options.profile.includes(id) || options.profile.includes(id.split(':')[0]));
  const startProfile = async (id: string): Promise<boolean> => {
    if (!profiling(id)) return false;
    await service.startProfile();
    return true;
  };
  const finishProfile = async (id: string): Promise<void> => {
    const file = path.join(runDir, 'profiles', `${instanceId}-${id}.cpuprofile`);
    await service.stopProfile(file);
    const top = profileLines(await summariseProfileFile(file));
    report.profiles.push({ phase: instanceId, scenario: id, file: path.relative(options.root, file), top });
  };
  const skip = (id: string, reason: string) => {
    report.skipped.push({ id, phase: instanceId, reason });
    log(`  ${id}: skipped (${reason})`);
  };
  const prepare = async (scenario: BenchScenario, id = scenario.id): Promise<BenchLoad | undefined> => {
    let load: BenchLoad;
    try {
      load = await scenario.prepare(ctx);
    } catch (e) {
      if (e instanceof BenchSkip) skip(id, e.message);
      else {
        report.errors.push(`${instanceId}/${id}: preparing failed: ${(e as Error).message}`);
        skip(id, `preparing failed: ${(e as Error).message.slice(0, 200)}`);
      }
      return undefined;
    }
    // One request first, checked: a benchmark of error answers is worthless.
    const first = Array.isArray(load.requests) ? load.requests[0] : load.requests(0);
    const res = await sendRequest(service.baseUrl, first);
    const expected = load.expectStatus ?? [];
    const statusOk = expected.length ? expected.includes(res.status) : res.status >= 200 && res.status < 300;
    if (!statusOk) {
      const reason = res.status === 404 && /Cannot|not found|NOT_FOUND/i.test(res.text) ? 'route not available in this build' : `first request answered ${res.status}`;
      if (res.status !== 404) report.errors.push(`${instanceId}/${id}: ${first.method} ${first.path} answered ${res.status}: ${res.text.slice(0, 300)}`);
      skip(id, `${reason}: ${res.text.slice(0, 160)}`);
      return undefined;
    }
    const verdict = load.verify ? load.verify(res) : true;
    if (verdict !== true) {
      report.errors.push(`${instanceId}/${id}: wrong answer: ${verdict}`);
      skip(id, `wrong answer: ${verdict}`);
      return undefined;
    }
    return load;
  };

  const measureLoad = async (scenario: BenchScenario, load: BenchLoad, opts: MeasureOptions = {}): Promise<ScenarioFigures | undefined> => {
    const id = opts.id ?? scenario.id;
    const connections = opts.connections ?? load.connections ?? 32;
    const warmup = opts.warmupSeconds ?? (options.quick ? 1 : 2);
    // A paced measurement is warmed up at its own pace: its sockets opened and the service settled
    // after whatever ran before (a saturation run leaves garbage and a busy database behind). The
    // garbage a saturation run promoted is collected first: otherwise the full collection it calls
    // for (15-25 ms here) lands in the paced window, which a service at that pace would see far more
    // rarely than once in a few seconds.
    if (opts.rate) await service.collectGarbage();
    if (warmup > 0) await runLoad({ baseUrl: service.baseUrl, load, connections, durationSeconds: warmup, overallRate: opts.rate });
    await sleep(300);
    await service.resetPeak();
    const profile = await startProfile(id);
    const cpu = new CpuMeter(service.pid, databaseName);
    await service.startLoopMonitor();
    await cpu.start();
    const result: LoadResult = await runLoad({
      baseUrl: service.baseUrl,
      load,
      connections,
      durationSeconds: opts.amount ? undefined : (opts.durationSeconds ?? options.durationSeconds),
      amount: opts.amount,
      overallRate: opts.rate,
      onProgress: opts.onProgress,
      progressEvery: opts.progressEvery,
    });
    const cpuCost = await cpu.stop(result.ok);
    const loop = await service.stopLoopMonitor();
    const memory = await service.memory();
    if (profile) await finishProfile(id);
    const units = load.unitsPerRequest ?? 1;
    const figures: ScenarioFigures = {
      id,
      title: scenario.title,
      phase: instanceId,
      connections,
      durationSeconds: result.durationSeconds,
      requests: result.requests,
      rps: result.rps,
      ...(load.unit ? { unit: load.unit, unitsPerSecond: result.rps * units } : {}),
      latencyMs: result.latency,
      peakRssMb: mb(memory.peakRss),
      cpuMsPerRequest: { service: cpuCost.serviceMsPerRequest, database: cpuCost.databaseMsPerRequest },
      ...loopFigures(loop, result.ok),
      failures: result.failures,
      ...(opts.rate ? { notes: [`paced at ${opts.rate.toFixed(0)} req/s`] } : {}),
    };
    const failed = result.requests - result.ok;
    if (result.ok === 0) report.errors.push(`${instanceId}/${id}: no successful response in the measured window`);
    if (failed > 0) {
      report.errors.push(
        `${instanceId}/${id}: ${failed} of ${result.requests} responses were not successful (${JSON.stringify(result.failures.statusCodes)}${result.failures.firstError ? `, ${result.failures.firstError}` : ''})`,
      );
    }
    if (!opts.probe) report.scenarios.push(figures);
    log(
      `  ${id}: ${result.rps.toFixed(0)} req/s${load.unit ? ` (${(result.rps * units).toFixed(0)} ${load.unit}/s)` : ''}, p50 ${result.latency.p50.toFixed(2)} ms, p99 ${result.latency.p99.toFixed(2)} ms${figures.servedMs ? ` (${figures.servedMs.p99.toFixed(2)} ms in the service)` : ''}, CPU ${cpuCost.serviceMsPerRequest?.toFixed(2) ?? '?'} + ${cpuCost.databaseMsPerRequest?.toFixed(2) ?? '?'} ms/req, service loop delay p99 ${loop.p99.toFixed(1)} max ${loop.max.toFixed(1)} ms, GC ${figures.gc!.msPerRequest.toFixed(2)} ms/req (longest ${figures.gc!.maxPauseMs.toFixed(1)} ms), peak RSS ${mb(memory.peakRss).toFixed(0)} MB${failed ? `, ${failed} failed` : ''}`,
    );
    return figures;
  };

  return {
    id: instanceId,
    databaseName,
    service,
    ctx,
    report,
    options,
    log,
    prepare,
    measureLoad,
    startProfile,
    finishProfile,
    spawn,
    skip,
    async stop() {
      await ctx.close();
      await service.stop();
    },
    async measure(scenario, opts = {}) {
      const load = await prepare(scenario, opts.id ?? scenario.id);
      return load ? measureLoad(scenario, load, opts) : undefined;
    },
  };
}
