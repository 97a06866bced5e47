#!/usr/bin/env node
// The carrier adapter overhead benchmark alone (no database, no build needed):
//   node test/bench/carrier-adapters.bench.mjs [--quick] [--iterations N]
// Rates DE->US through the MyDHL, UPS and FedEx adapters against the local emulators and compares
// each call with the raw HTTP round trip of the same request. Target: at most a few ms per carrier.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTs } from './require-ts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const n = args.indexOf('--iterations');
const iterations = n >= 0 ? Number(args[n + 1]) : quick ? 300 : 2000;
const { runCarrierAdapterBench } = requireTs(path.join(here, 'carrier-adapters.bench.ts'));
const r = await runCarrierAdapterBench({ root, iterations, log: (m) => console.log(`[carriers] ${m}`) });
console.log('');
console.log('carrier  raw p50  adapter p50  wall overhead (paired median)  CPU raw  CPU adapter  CPU overhead  raw p99  adapter p99   (ms)');
for (const c of r.carriers) {
  console.log(
    `${c.carrier.padEnd(7)}  ${String(c.rawMs.p50).padStart(7)}  ${String(c.adapterMs.p50).padStart(11)}  ${String(c.overheadMs.pairedMedian).padStart(29)}  ${String(c.cpuMs.raw).padStart(7)}  ${String(c.cpuMs.adapter).padStart(11)}  ${String(c.cpuMs.overhead).padStart(12)}  ${String(c.rawMs.p99).padStart(7)}  ${String(c.adapterMs.p99).padStart(11)}`,
  );
}
console.log(`fan-out (3 carriers at once): raw p50 ${r.fanOut.rawMs.p50} ms, adapters p50 ${r.fanOut.adapterMs.p50} ms, overhead ${r.fanOut.overheadMs} ms`);
const worst = Math.max(...r.carriers.map((c) => c.cpuMs.overhead));
const worstWall = Math.max(...r.carriers.map((c) => c.overheadMs.pairedMedian));
console.log(`target: at most 3 ms per carrier beyond the round trip: ${worst <= 3 ? 'PASS' : 'MISS'} (worst CPU overhead ${worst} ms; worst wall overhead ${worstWall} ms on this machine's load)`);
console.log(JSON.stringify(r));
