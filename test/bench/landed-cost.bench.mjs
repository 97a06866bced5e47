#!/usr/bin/env node
// Runs the landed-cost engine benchmark alone: node test/bench/landed-cost.bench.mjs [iterations]
// The TypeScript is compiled on the fly with @swc/core (a dev dependency), as scripts/import-tariff.mjs does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');
const Module = require('node:module');
Module._extensions['.ts'] = (mod, filename) => {
  const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  mod._compile(code, filename);
};

const here = path.dirname(fileURLToPath(import.meta.url));
const { runLandedCostBench } = require(path.join(here, 'landed-cost.bench.ts'));
const iterations = Number(process.argv[2] ?? 20000);
const r = await runLandedCostBench({ iterations });
console.log(`landed cost, ${r.scenario}, ${r.iterations} estimates per schedule`);
console.log(`  full EU schedule (${r.fullScheduleLines} lines): median ${r.medianFullUs} us, p95 ${r.p95FullUs} us`);
console.log(`  100-line schedule (${r.smallScheduleLines} lines): median ${r.medianSmallUs} us, p95 ${r.p95SmallUs} us`);
console.log(`  ratio full / 100 lines: ${r.ratio} (target <= 1.5); median target < 1000 us`);
console.log(JSON.stringify(r));
