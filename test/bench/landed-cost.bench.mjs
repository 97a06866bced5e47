#!/usr/bin/env node
// Runs the landed-cost engine benchmark alone: node test/bench/landed-cost.bench.mjs [iterations]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTs } from './require-ts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { runLandedCostBench } = requireTs(path.join(here, 'landed-cost.bench.ts'));
const iterations = Number(process.argv[2] ?? 20000);
const r = await runLandedCostBench({ iterations });
console.log(`landed cost, ${r.scenario}, ${r.iterations} estimates per schedule`);
console.log(`  full EU schedule (${r.fullScheduleLines} lines): median ${r.medianFullUs} us, p95 ${r.p95FullUs} us`);
console.log(`  100-line schedule (${r.smallScheduleLines} lines): median ${r.medianSmallUs} us, p95 ${r.p95SmallUs} us`);
console.log(`  ratio full / 100 lines: ${r.ratio} (target <= 1.5); median target < 1000 us`);
console.log(JSON.stringify(r));
