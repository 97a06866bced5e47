import path from 'node:path';
import { RunnerContext } from './bench-context';
import { BenchDatabase } from './bench-database';
import type { BenchLoad, BenchScenario } from './bench-scenario';
import { runLoad, type LoadResult } from './load-generator';
import { ServiceProcess } from './service-process';
import { healthFloorScenario } from './health-floor.scenario';
import { trackingIngestScenario, trackingTimelineScenario } from './tracking.scenario';

export interface TrackingBenchResult {
  /** GET /health at 1 connection, measured alongside: the framework floor on this machine at this moment. */
  floor: { p50Ms: number; p99Ms: number };
  ingest: { eventsPerSecond: number; requestsPerSecond: number; p50Ms: number; p99Ms: number; failures: LoadResult['failures'] };
  timeline: Array<{ storedEvents: number; p50Ms: number; p99Ms: number; rps: number }>;
  /** p99 at 1 million / p99 at 10 thousand (target <= 1.5). */
  growthRatioP99: number;
  growthRatioP50: number;
}

/**
 * The tracking benchmark on its own: one built service on a fresh database, ingestion load, then
 * timeline reads with 10 thousand and with 1 million stored events (seeded with SQL between the
 * two), each read load the same. `serverUrl` is any PostgreSQL the bench may create a database on.
 */
export async function runTrackingBench(opts: { root: string; serverUrl: string; seconds: number; large: number; log: (m: string) => void }): Promise<TrackingBenchResult> {
  const db = await BenchDatabase.create(opts.serverUrl);
  const adminKey = `pw_bench_${Date.now()}_0123456789abcdef`;
  const service = new ServiceProcess({
    root: opts.root,
    databaseUrl: db.url,
    adminKey,
    logFile: path.join(opts.root, 'bench-results', 'tracking-service.log'),
    env: { LOG_REQUESTS: 'false', LOG_LEVEL: 'warn' },
  });
  await service.start();
  const ctx = new RunnerContext({
    baseUrl: service.baseUrl,
    adminKey,
    databaseUrl: db.url,
    carriersDir: path.join(opts.root, 'carriers'),
    tariffsDir: path.join(opts.root, 'tariffs'),
    log: opts.log,
  });
  const measure = async (scenario: BenchScenario, connections: number): Promise<LoadResult> => {
    const load: BenchLoad = await scenario.prepare(ctx);
    const first = Array.isArray(load.requests) ? load.requests[0] : load.requests(0);
    const verdict = load.verify?.(await ctx.request(first));
    if (verdict !== undefined && verdict !== true) throw new Error(`${scenario.id}: ${verdict}`);
    await runLoad({ baseUrl: service.baseUrl, load, connections, durationSeconds: Math.max(2, Math.round(opts.seconds / 3)) });
    return runLoad({ baseUrl: service.baseUrl, load, connections, durationSeconds: opts.seconds });
  };
  try {
    // Reads at 10 thousand first, then the ingestion load, then reads again once 1 million are stored.
    const timeline: TrackingBenchResult['timeline'] = [];
    const read = async (stored: number) => {
      const r = await measure(trackingTimelineScenario(stored), 1);
      timeline.push({ storedEvents: stored, p50Ms: r.latency.p50, p99Ms: r.latency.p99, rps: r.rps });
      opts.log(`timeline with ${stored} events stored: p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, ${r.rps.toFixed(0)} req/s at 1 connection`);
    };
    const floor = await measure(healthFloorScenario, 1);
    opts.log(`floor GET /health: p50 ${floor.latency.p50.toFixed(2)} ms, p99 ${floor.latency.p99.toFixed(2)} ms`);
    await read(10_000);
    const ingest = await measure(trackingIngestScenario, 32);
    opts.log(`ingestion: ${(ingest.rps * 10).toFixed(0)} events/s (${ingest.rps.toFixed(0)} req/s), p50 ${ingest.latency.p50.toFixed(1)} ms, p99 ${ingest.latency.p99.toFixed(1)} ms, failures ${JSON.stringify(ingest.failures)}`);
    await read(opts.large);
    return {
      floor: { p50Ms: floor.latency.p50, p99Ms: floor.latency.p99 },
      ingest: { eventsPerSecond: ingest.rps * 10, requestsPerSecond: ingest.rps, p50Ms: ingest.latency.p50, p99Ms: ingest.latency.p99, failures: ingest.failures },
      timeline,
      growthRatioP99: timeline[1].p99Ms / timeline[0].p99Ms,
      growthRatioP50: timeline[1].p50Ms / timeline[0].p50Ms,
    };
  } finally {
    await service.stop();
    await ctx.close();
    await db.drop();
  }
}
