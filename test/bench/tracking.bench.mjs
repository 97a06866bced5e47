#!/usr/bin/env node
// The tracking benchmark alone: ingestion rate and timeline reads at 10 thousand and 1 million events.
//   DATABASE_URL=postgres://user@127.0.0.1:5432/postgres node test/bench/tracking.bench.mjs [--quick]
// (or `node scripts/launch.mjs bench-tracking` is not needed: any PostgreSQL server works; a database
// is created on it and left for inspection). Builds nothing: run `npm run build` first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTs } from './require-ts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
if (!process.env.DATABASE_URL) {
  console.error('set DATABASE_URL to a PostgreSQL server the bench may create a database on');
  process.exit(2);
}
const quick = process.argv.includes('--quick');
const { runTrackingBench } = requireTs(path.join(here, 'tracking.bench.ts'));
const r = await runTrackingBench({ root, serverUrl: process.env.DATABASE_URL, seconds: quick ? 3 : 10, large: quick ? 100_000 : 1_000_000, log: (m) => console.log(`[tracking] ${m}`) });
console.log(`floor GET /health: p50 ${r.floor.p50Ms.toFixed(2)} ms, p99 ${r.floor.p99Ms.toFixed(2)} ms`);
console.log(`ingestion: ${r.ingest.eventsPerSecond.toFixed(0)} events/s (target >= 2000), p99 ${r.ingest.p99Ms.toFixed(1)} ms`);
for (const t of r.timeline) console.log(`timeline, ${t.storedEvents} events stored: p50 ${t.p50Ms.toFixed(2)} ms, p99 ${t.p99Ms.toFixed(2)} ms (target < 10)`);
console.log(`growth p99 ${r.growthRatioP99.toFixed(2)}x, p50 ${r.growthRatioP50.toFixed(2)}x (target <= 1.5)`);
console.log(JSON.stringify(r));
