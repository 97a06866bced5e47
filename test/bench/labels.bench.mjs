#!/usr/bin/env node
// Runs the label rendering benchmark alone: node test/bench/labels.bench.mjs [seconds per format]
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
const { runLabelRenderBench } = require(path.join(here, 'labels.bench.ts'));
const seconds = Number(process.argv[2] ?? 5);
const r = await runLabelRenderBench(seconds);
console.log(`${r.scenario}, ${r.seconds} s per format`);
console.log(`  PDF 4x6, one label per document: ${r.pdfLabelsPerSecond.toFixed(0)} labels/s wall, ${r.pdfLabelsPerCpuSecond.toFixed(0)} per CPU second (target >= 100)`);
console.log(`  PDF 4x6, ten labels per document: ${r.pdfLabelsPerSecondBatched.toFixed(0)} labels/s wall, ${r.pdfLabelsPerCpuSecondBatched.toFixed(0)} per CPU second`);
console.log(`  ZPL II 203 dpi: ${r.zplLabelsPerSecond.toFixed(0)} labels/s wall, ${r.zplLabelsPerCpuSecond.toFixed(0)} per CPU second (target >= 2000)`);
console.log(JSON.stringify(r));
