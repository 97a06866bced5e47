import { ratioOf, ScenarioFigures } from './bench-report';
import type { BenchLoad, BenchScenario } from './bench-scenario';
import type { InstanceRun, InstanceSettings } from './bench-suite';
import { CpuCost, CpuMeter } from './cpu-accounting';
import { LoadResult, runLoad } from './load-generator';
import { loopFigures } from './service-process';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Rounds of one side of a growth pair, folded into one row: medians of the per-round percentiles. */
function foldRounds(id: string, title: string, phase: string, rounds: LoadResult[], peakRssMb: number, cpu: CpuCost, note: string): ScenarioFigures {
  const ok = rounds.reduce((a, r) => a + r.ok, 0);
  const seconds = rounds.reduce((a, r) => a + r.durationSeconds, 0);
  const statusCodes: Record<string, number> = {};
  for (const r of rounds) for (const [c, n] of Object.entries(r.failures.statusCodes)) statusCodes[c] = (statusCodes[c] ?? 0) + n;
  return {
    id,
    title,
    phase,
    connections: rounds[0].connections,
    durationSeconds: seconds,
    requests: rounds.reduce((a, r) => a + r.requests, 0),
    rps: ok / seconds,
    latencyMs: {
      mean: median(rounds.map((r) => r.latency.mean)),
      p50: median(rounds.map((r) => r.latency.p50)),
      p90: median(rounds.map((r) => r.latency.p90)),
      p99: median(rounds.map((r) => r.latency.p99)),
      max: Math.max(...rounds.map((r) => r.latency.max)),
    },
    peakRssMb,
    cpuMsPerRequest: { service: cpu.serviceMsPerRequest, database: cpu.databaseMsPerRequest },
    failures: {
      statusCodes,
      errors: rounds.reduce((a, r) => a + r.failures.errors, 0),
      timeouts: rounds.reduce((a, r) => a + r.failures.timeouts, 0),
    },
    notes: [note],
  };
}

export interface PairSide {
  /** Instance id and row suffix, e.g. `carriers-1`. */
  id: string;
  label: string;
  settings: InstanceSettings;
  /** This side's own scenario when it differs from the pair's (e.g. reads sized to its own seed). */
  scenario?: BenchScenario;
}

export interface PairSpec {
  /** Ratio id, e.g. `growth-carriers`. */
  id: string;
  title: string;
  scenario: BenchScenario;
  /** The small side (denominator) and the large side (numerator). */
  small: PairSide;
  large: PairSide;
  connections?: number;
  rounds?: number;
  roundSeconds?: number;
}

/**
 * Latency of one scenario on two service instances that differ in one thing (20 carriers vs 1, a full
 * tariff schedule vs 100 lines), both running at the same time and measured in alternating rounds
 * (A B B A ...), so that whatever else the machine does hits both sides alike. The ratio is large / small
 * of the median p50 over rounds, at one connection: the cost of one request, not queueing.
 */
export async function measurePair(run: InstanceRun, spec: PairSpec): Promise<void> {
  // Many short rounds: noise from other work on the machine comes in bursts of seconds, and short
  // alternating rounds spread each burst over both sides instead of one.
  const rounds = spec.rounds ?? (run.options.quick ? 4 : 12);
  const roundSeconds = spec.roundSeconds ?? (run.options.quick ? 0.5 : 0.75);
  const connections = spec.connections ?? 1;
  const sides = [spec.small, spec.large];
  const runs: InstanceRun[] = [];
  try {
    // Both boot at once; a side that fails to start is stopped with the other in `finally`.
    // No background workers on the pair: a periodic job (quote expiry, tracking polls) landing on one
    // side would be counted as that side's cost. The main instance keeps them, as production does.
    const started = await Promise.allSettled(
      sides.map((side) => run.spawn(side.id, { ...side.settings, env: { ...side.settings.env, JOBS_ENABLED: 'false' } })),
    );
    for (const s of started) if (s.status === 'fulfilled') runs.push(s.value);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const loads: BenchLoad[] = [];
    for (let i = 0; i < sides.length; i++) {
      const load = await runs[i].prepare(sides[i].scenario ?? spec.scenario, `${spec.id}:${sides[i].id}`);
      if (!load) return;
      loads.push(load);
    }
    // Warm-up, then calibration. A fresh instance answers its first one or two thousand quotes at up
    // to twice the CPU of later ones (V8 has not yet optimised the request path), and one connection
    // reaches that many only after several seconds, fewer on the slower side: a short warm-up at one
    // connection counted part of the warm-up in the rounds, more of it on the large side. So each side
    // is first driven with 8 connections; then, alone at the measured connections, it is calibrated:
    // each round sends a fixed number of requests (about `roundSeconds` worth, at least 15), so that a
    // slow side still yields whole samples per round.
    const perRound: number[] = [];
    for (let i = 0; i < sides.length; i++) {
      await runLoad({ baseUrl: runs[i].service.baseUrl, load: loads[i], connections: Math.max(8, connections), durationSeconds: run.options.quick ? 1.5 : 4 });
      const calibration = await runLoad({ baseUrl: runs[i].service.baseUrl, load: loads[i], connections, durationSeconds: run.options.quick ? 0.5 : 1 });
      perRound.push(Math.max(15, Math.round(calibration.rps * roundSeconds)));
      await runs[i].service.resetPeak();
    }
    const profiled = await Promise.all(runs.map((r, i) => r.startProfile(`${spec.id}:${sides[i].id}`)));
    await Promise.all(runs.map((r) => r.service.startLoopMonitor()));
    const results: LoadResult[][] = [[], []];
    const cpuSeconds = [0, 0];
    const dbSeconds: (number | undefined)[] = [0, 0];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        // Metered per round: the other side's rounds (and its backends) must not count here.
        const meter = new CpuMeter(runs[i].service.pid, runs[i].databaseName);
        await meter.start();
        const res = await runLoad({ baseUrl: runs[i].service.baseUrl, load: loads[i], connections, amount: perRound[i] });
        const cost = await meter.stop(1);
        results[i].push(res);
        cpuSeconds[i] += (cost.serviceMsPerRequest ?? NaN) / 1000;
        dbSeconds[i] = cost.databaseMsPerRequest === undefined ? undefined : dbSeconds[i]! + cost.databaseMsPerRequest / 1000;
      }
    }
    const loops = await Promise.all(runs.map((r) => r.service.stopLoopMonitor()));
    for (let i = 0; i < sides.length; i++) if (profiled[i]) await runs[i].finishProfile(`${spec.id}:${sides[i].id}`);
    const rows: ScenarioFigures[] = [];
    for (let i = 0; i < sides.length; i++) {
      const peak = (await runs[i].service.memory()).peakRss / 1048576;
      const ok = results[i].reduce((a, x) => a + x.ok, 0);
      const cpu: CpuCost = {
        serviceMsPerRequest: ok ? (cpuSeconds[i] * 1000) / ok : undefined,
        databaseMsPerRequest: ok && dbSeconds[i] !== undefined ? (dbSeconds[i]! * 1000) / ok : undefined,
      };
      const row = foldRounds(`${spec.id}:${sides[i].id}`, `${spec.scenario.title} [${sides[i].label}]`, sides[i].id, results[i], peak, cpu, `median of ${rounds} alternating rounds of about ${roundSeconds}s`);
      Object.assign(row, loopFigures(loops[i], ok));
      const failed = results[i].reduce((a, x) => a + x.requests - x.ok, 0);
      if (!results[i].some((x) => x.ok > 0)) run.report.errors.push(`${spec.id}/${sides[i].id}: no successful response`);
      if (failed > 0) run.report.errors.push(`${spec.id}/${sides[i].id}: ${failed} unsuccessful responses ${JSON.stringify(row.failures.statusCodes)}`);
      run.report.scenarios.push(row);
      rows.push(row);
      run.log(`  ${row.id}: p50 ${row.latencyMs.p50.toFixed(2)} ms, p99 ${row.latencyMs.p99.toFixed(2)} ms (${connections} connection), GC ${row.gc!.msPerRequest.toFixed(2)} ms/req in ${row.gc!.count} collections (longest ${row.gc!.maxPauseMs.toFixed(1)} ms)`);
    }
    ratioOf(run.report, {
      id: spec.id,
      title: spec.title,
      unit: 'ms p50',
      numerator: { label: spec.large.label, value: rows[1].latencyMs.p50 },
      denominator: { label: spec.small.label, value: rows[0].latencyMs.p50 },
    });
    // The same comparison in service CPU per request: what the latency ratio would be on an idle machine.
    ratioOf(run.report, {
      id: `${spec.id}-cpu`,
      title: `${spec.title} (service CPU per request)`,
      unit: 'CPU ms/req',
      numerator: { label: spec.large.label, value: rows[1].cpuMsPerRequest.service },
      denominator: { label: spec.small.label, value: rows[0].cpuMsPerRequest.service },
    });
    const r = run.report.ratios.find((x) => x.id === spec.id);
    if (r) run.log(`  ${spec.id}: ${r.ratio.toFixed(2)}`);
  } finally {
    for (const r of runs) await r.stop();
  }
}

export interface SoakSpec {
  scenario: BenchScenario;
  /** Checkpoints in successful requests, ascending (e.g. 10 000 and 100 000). */
  checkpoints: number[];
  connections?: number;
  /** Longest the whole soak may take; a slow service is stopped there and the count reached is reported. */
  maxSeconds?: number;
}

/**
 * Sends the scenario `checkpoints[last]` times in a row and reads the service's memory at each
 * checkpoint: RSS as the kernel sees it, then a full GC and the V8 heap in use. A leak shows as RSS and
 * heap that keep growing with the count; a healthy service levels off after warm-up.
 */
export async function soak(run: InstanceRun, spec: SoakSpec): Promise<void> {
  const load = await run.prepare(spec.scenario, 'growth-memory');
  if (!load) return;
  await run.service.resetPeak();
  let done = 0;
  const connections = spec.connections ?? load.connections ?? 32;
  const started = Date.now();
  const rounds: LoadResult[] = [];
  const meter = new CpuMeter(run.service.pid, run.databaseName);
  await meter.start();
  let cpu: CpuCost = {};
  const last = spec.checkpoints[spec.checkpoints.length - 1];
  run.report.settings.soakQuotes = last;
  for (const target of spec.checkpoints) {
    const left = spec.maxSeconds ? spec.maxSeconds - (Date.now() - started) / 1000 : undefined;
    if (left !== undefined && left <= 0) break;
    const res = await runLoad({ baseUrl: run.service.baseUrl, load, connections, amount: target - done, maxSeconds: left });
    rounds.push(res);
    done += res.ok;
    if (target === last || done < target) cpu = await meter.stop(done);
    // Let in-flight work (queued jobs, sockets) settle before reading.
    await new Promise((r) => setTimeout(r, 1000));
    const before = await run.service.memory();
    const heap = await run.service.collectGarbage();
    const after = await run.service.memory();
    run.report.memory.push({
      quotes: done,
      rssMb: before.rss / 1048576,
      rssAfterGcMb: after.rss / 1048576,
      heapUsedMb: heap.heapUsed / 1048576,
    });
    run.log(
      `  after ${done.toLocaleString('en-US')} quotes (${((Date.now() - started) / 1000).toFixed(0)}s): RSS ${(before.rss / 1048576).toFixed(0)} MB, after GC ${(after.rss / 1048576).toFixed(0)} MB, heap ${(heap.heapUsed / 1048576).toFixed(1)} MB`,
    );
    if (done < target) {
      run.report.errors.push(`growth-memory: the soak reached ${done.toLocaleString('en-US')} of ${target.toLocaleString('en-US')} quotes within its ${spec.maxSeconds} s limit`);
      break;
    }
  }
  if (cpu.serviceMsPerRequest === undefined) cpu = await meter.stop(done);
  const peak = (await run.service.memory()).peakRss / 1048576;
  const row = foldRounds('growth-memory:soak', `${spec.scenario.title} x ${done.toLocaleString('en-US')}`, run.id, rounds, peak, cpu, 'latency: median of the checkpoint segments');
  const failed = rounds.reduce((a, x) => a + x.requests - x.ok, 0);
  if (failed > 0) run.report.errors.push(`growth-memory: ${failed} unsuccessful responses ${JSON.stringify(row.failures.statusCodes)}`);
  run.report.scenarios.push(row);
  const first = run.report.memory[0];
  const final = run.report.memory[run.report.memory.length - 1];
  if (first && final && final !== first) {
    ratioOf(run.report, {
      id: 'growth-memory',
      title: `service RSS after ${final.quotes.toLocaleString('en-US')} vs ${first.quotes.toLocaleString('en-US')} quotes`,
      unit: 'MB',
      numerator: { label: `${Math.round(final.quotes / 1000)}k`, value: final.rssMb },
      denominator: { label: `${Math.round(first.quotes / 1000)}k`, value: first.rssMb },
    });
  }
}
