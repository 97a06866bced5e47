#!/usr/bin/env node
// Runs the label rendering benchmark alone: node test/bench/labels.bench.mjs [seconds per format]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireTs } from './require-ts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { runLabelRenderBench } = requireTs(path.join(here, 'labels.bench.ts'));
const seconds = Number(process.argv[2] ?? 5);
const r = await runLabelRenderBench(seconds);
console.log(`${r.scenario}, ${r.seconds} s per format`);
console.log(`  PDF 4x6, one label per document: ${r.pdfLabelsPerSecond.toFixed(0)} labels/s wall, ${r.pdfLabelsPerCpuSecond.toFixed(0)} per CPU second (target >= 100)`);
console.log(`  PDF 4x6, ten labels per document: ${r.pdfLabelsPerSecondBatched.toFixed(0)} labels/s wall, ${r.pdfLabelsPerCpuSecondBatched.toFixed(0)} per CPU second`);
console.log(`  ZPL II 203 dpi: ${r.zplLabelsPerSecond.toFixed(0)} labels/s wall, ${r.zplLabelsPerCpuSecond.toFixed(0)} per CPU second (target >= 2000)`);
console.log(JSON.stringify(r));
