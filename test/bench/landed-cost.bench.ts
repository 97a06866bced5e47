import path from 'node:path';
import { LandedCostRules } from '../../src/landed-cost/landed-cost-rule-set';
import type { LandedCostInput } from '../../src/landed-cost/landed-cost.types';
import { loadTariffs } from '../../src/landed-cost/loaded-tariffs';
import { TariffSchedule } from '../../src/landed-cost/tariff-schedule';

/**
 * The landed-cost engine alone (no HTTP, no Nest): median latency of one 20-line B2B order to Germany
 * with the full EU schedule loaded, and with the schedule cut to 100 lines (the order's own lines plus
 * the first others). The two are measured in alternating rounds so that machine noise hits both alike.
 *
 * Run alone: `node test/bench/landed-cost.bench.mjs` (prints the figures and a JSON line).
 */
export interface LandedCostBenchResult {
  scenario: string;
  iterations: number;
  fullScheduleLines: number;
  smallScheduleLines: number;
  /** Median microseconds per estimate. */
  medianFullUs: number;
  medianSmallUs: number;
  p95FullUs: number;
  p95SmallUs: number;
  /** medianFull / medianSmall; the target is at most 1.5. */
  ratio: number;
}

const CODES = [
  '6109100010', '61099020', '611020', '62046231', '640399', '64041100', '420221', '42029291', '330499', '33030010',
  '950300', '95030075', '851713', '847130', '85183000', '940360', '94016100', '711319', '490199', '21069092',
];

/** A 20-line B2B order (tariff rates apply: no low-value regime), priced partly in USD. */
export function benchOrder(): LandedCostInput {
  return {
    shipFrom: { country: 'CN' },
    shipTo: { country: 'DE' },
    items: CODES.map((hsCode, i) => ({
      description: `line ${i + 1}`,
      hsCode,
      originCountry: i % 4 === 0 ? 'VN' : 'CN',
      quantity: 1 + (i % 5),
      unitValue: { amount: (12.5 + i * 3.75).toFixed(2), currency: i % 3 === 0 ? 'USD' : 'EUR' },
      unitWeightKg: 0.2 + i * 0.05,
    })),
    shipping: { amount: '85.00', currency: 'EUR' },
    insurance: { amount: '12.00', currency: 'EUR' },
    incoterm: 'DAP',
    currency: 'EUR',
    mode: 'courier',
    date: '2026-11-27',
    importer: { type: 'business', taxIds: [{ type: 'eori', value: 'DE123456789012345' }] },
    carrierFees: { disbursementFee: { percent: 2, minimum: { amount: '10.00', currency: 'EUR' } } },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function runLandedCostBench(opts: { iterations?: number; rounds?: number; root?: string } = {}): Promise<LandedCostBenchResult> {
  const iterations = opts.iterations ?? 20000;
  const rounds = opts.rounds ?? 10;
  const tariffs = await loadTariffs(opts.root ?? path.resolve(__dirname, '../..'));
  const full = tariffs.rules.schedule('EU')!;
  const order = benchOrder();

  // The same schedule cut to 100 lines: every line related to the order's codes, then the first others.
  const allLines = full.allLines();
  const related = allLines.filter((l) => CODES.some((c) => l.code.startsWith(c) || c.startsWith(l.code)));
  const small = [...related, ...allLines.filter((l) => !related.includes(l)).slice(0, Math.max(0, 100 - related.length))];
  const schedules = new Map(tariffs.rules.schedules);
  schedules.set('EU', new TariffSchedule('EU', full.currency, small));
  const smallRules = new LandedCostRules(tariffs.rules.destinations, schedules, tariffs.rules.taxRates, tariffs.rules.warnings);

  const engines = { full: tariffs.engine(), small: tariffs.engine([], smallRules) };
  const a = engines.full.estimate(order);
  const b = engines.small.estimate(order);
  if (JSON.stringify(a.total) !== JSON.stringify(b.total)) throw new Error(`the two schedules disagree: ${a.total.amount} vs ${b.total.amount}`);

  const times: Record<'full' | 'small', number[]> = { full: [], small: [] };
  const per = Math.ceil(iterations / rounds);
  for (let w = 0; w < 2000; w++) {
    engines.full.estimate(order);
    engines.small.estimate(order);
  }
  for (let r = 0; r < rounds; r++) {
    for (const which of r % 2 === 0 ? (['full', 'small'] as const) : (['small', 'full'] as const)) {
      const engine = engines[which];
      for (let i = 0; i < per; i++) {
        const t0 = process.hrtime.bigint();
        engine.estimate(order);
        times[which].push(Number(process.hrtime.bigint() - t0) / 1000);
      }
    }
  }
  const f = times.full.sort((x, y) => x - y);
  const s = times.small.sort((x, y) => x - y);
  const medianFullUs = percentile(f, 50);
  const medianSmallUs = percentile(s, 50);
  return {
    scenario: '20-line B2B order CN->DE, engine only',
    iterations: f.length,
    fullScheduleLines: full.size,
    smallScheduleLines: small.length,
    medianFullUs: Math.round(medianFullUs * 10) / 10,
    medianSmallUs: Math.round(medianSmallUs * 10) / 10,
    p95FullUs: Math.round(percentile(f, 95) * 10) / 10,
    p95SmallUs: Math.round(percentile(s, 95) * 10) / 10,
    ratio: Math.round((medianFullUs / medianSmallUs) * 100) / 100,
  };
}
