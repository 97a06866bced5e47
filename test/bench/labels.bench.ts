import { renderLabelsPdf } from '../../src/documents/labels/label-pdf.renderer';
import { renderLabelsZpl } from '../../src/documents/labels/label-zpl.renderer';
import type { LabelData } from '../../src/documents/labels/label.types';

/**
 * Label rendering alone (no HTTP, no database), on one process: how many 4x6 PDF labels and ZPL
 * labels per second the renderers produce, each label with its own tracking number (so no barcode is
 * reused). Run alone: `node test/bench/labels.bench.mjs [seconds]`.
 */
export interface LabelRenderBenchResult {
  scenario: string;
  seconds: number;
  pdfLabelsPerSecond: number;
  zplLabelsPerSecond: number;
  /** Labels per second when 10 labels go into one document (batch printing). */
  pdfLabelsPerSecondBatched: number;
  /**
   * The same per second of this process's CPU time (user + system): what one process does on a core of
   * its own, independent of other load on a shared machine.
   */
  pdfLabelsPerCpuSecond: number;
  zplLabelsPerCpuSecond: number;
  pdfLabelsPerCpuSecondBatched: number;
}

function label(i: number): LabelData {
  return {
    carrierName: 'Deutsche Post DHL',
    serviceName: 'DHL Paket International',
    trackingNumber: `CX${String(10_000_000 + i).padStart(8, '0')}${i % 10}DE`,
    shipFrom: { name: 'Max Mustermann', company: 'Acme GmbH', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE' },
    shipTo: { name: 'Jane Doe', street1: '350 Fifth Avenue', street2: 'Suite 4100', city: 'New York', region: 'NY', postalCode: '10118', country: 'US', countryName: 'United States' },
    weightKg: 2.5,
    piece: { index: 1, count: 1 },
    shipDate: '2026-11-27',
    reference: `ORDER-${i}`,
    routingCode: '5',
    marks: ['SIGNATURE'],
  };
}

async function rate(seconds: number, work: (i: number) => Promise<number> | number): Promise<{ wall: number; cpu: number }> {
  // Warm-up: JIT and font metrics.
  for (let i = 0; i < 50; i++) await work(i);
  let labels = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let i = 1000;
  while (process.hrtime.bigint() < end) labels += await work(i++);
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  return { wall: labels / wallSeconds, cpu: labels / ((cpu.user + cpu.system) / 1e6) };
}

export async function runLabelRenderBench(seconds = 5): Promise<LabelRenderBenchResult> {
  const pdf = await rate(seconds, async (i) => (await renderLabelsPdf([label(i)], '4x6')).length && 1);
  const zpl = await rate(seconds, (i) => renderLabelsZpl([label(i)], 203).length && 1);
  const batched = await rate(seconds, async (i) => (await renderLabelsPdf(Array.from({ length: 10 }, (_, k) => label(i * 10 + k)), '4x6')).length && 10);
  return {
    scenario: 'label rendering, one process',
    seconds,
    pdfLabelsPerSecond: pdf.wall,
    zplLabelsPerSecond: zpl.wall,
    pdfLabelsPerSecondBatched: batched.wall,
    pdfLabelsPerCpuSecond: pdf.cpu,
    zplLabelsPerCpuSecond: zpl.cpu,
    pdfLabelsPerCpuSecondBatched: batched.cpu,
  };
}
