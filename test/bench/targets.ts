import type { BenchReport, ScenarioFigures, TargetCheck } from './bench-report';

/**
 * The speed targets for a 2-core machine. Each is checked on figures of one run; a target whose
 * scenario could not run is N/A (and the skip reason is in the table), never a silent pass.
 */
export function evaluateTargets(report: BenchReport): TargetCheck[] {
  const s = (id: string): ScenarioFigures | undefined => report.scenarios.find((x) => x.id === id);
  const ratio = (id: string) => report.ratios.find((r) => r.id === id);
  const checks: TargetCheck[] = [];
  const check = (id: string, title: string, target: string, measured: string | undefined, pass: boolean | undefined) =>
    checks.push({ id, title, target, measured: measured ?? 'not measured', result: pass === undefined ? 'N/A' : pass ? 'PASS' : 'MISS' });
  const ms = (x: number) => `${x.toFixed(2)} ms`;

  const floor = s('floor');
  const quotes = s('quotes');
  const q = ratio('quotes-vs-floor');
  check(
    'quotes-throughput',
    'quote req/s vs floor req/s (32 connections)',
    '>= 0.25',
    q ? `${q.ratio.toFixed(3)} (${quotes!.rps.toFixed(0)} / ${floor!.rps.toFixed(0)} req/s)` : undefined,
    q ? q.ratio >= 0.25 : undefined,
  );
  check('quotes-p99', 'quote p99 latency (32 connections)', '< 25 ms', quotes && ms(quotes.latencyMs.p99), quotes && quotes.latencyMs.p99 < 25);

  // A label request may carry several parcels' labels: count labels, not requests.
  const labels = (x?: ScenarioFigures) => (x ? (x.unitsPerSecond ?? x.rps) : undefined);
  const pdf = labels(s('label-pdf'));
  check('label-pdf', 'PDF labels rendered per second', '>= 100 /s', pdf === undefined ? undefined : `${pdf.toFixed(0)} /s`, pdf === undefined ? undefined : pdf >= 100);
  const zpl = labels(s('label-zpl'));
  check('label-zpl', 'ZPL labels rendered per second', '>= 2,000 /s', zpl === undefined ? undefined : `${zpl.toFixed(0)} /s`, zpl === undefined ? undefined : zpl >= 2000);

  const ingest = s('tracking-ingest');
  const eps = ingest?.unitsPerSecond;
  check('tracking-ingest', 'tracking events ingested per second (10 per request)', '>= 2,000 /s', eps === undefined ? undefined : `${eps.toFixed(0)} /s`, eps === undefined ? undefined : eps >= 2000);
  // Latency targets of reads are judged at half the saturation rate (see saturationThenHalfLoad).
  const paced = (id: string) => s(`${id}@half-load`) ?? s(id);
  const timeline = paced('tracking-timeline');
  check('tracking-timeline-p99', 'timeline read p99 at half load', '< 10 ms', timeline && `${ms(timeline.latencyMs.p99)} at ${timeline.rps.toFixed(0)} req/s`, timeline && timeline.latencyMs.p99 < 10);

  for (const id of ['public-page', 'public-json']) {
    const p = paced(id);
    check(`${id}-p99`, `${id === 'public-page' ? 'public tracking page (HTML)' : 'public tracking JSON'} p99 at half load`, '< 10 ms', p && `${ms(p.latencyMs.p99)} at ${p.rps.toFixed(0)} req/s`, p && p.latencyMs.p99 < 10);
  }

  const soakEnd = report.memory[report.memory.length - 1];
  for (const [id, title, limit] of [
    ['growth-carriers', 'quote latency, 20 vs 1 rate-card carriers', 1.5],
    ['growth-tariff', 'landed-cost latency, full vs 100-line schedule', 1.5],
    ['growth-timeline', 'timeline read latency, 1M vs 10k stored events', 1.5],
    ['growth-memory', 'service RSS after 100k vs 10k quotes', 1.2],
  ] as const) {
    const r = ratio(id);
    if (id === 'growth-memory' && r && soakEnd && soakEnd.quotes < Number(report.settings.soakQuotes ?? 100_000)) {
      // A soak cut short by its time limit proves nothing about 100k quotes.
      check(id, title, `<= ${limit}`, `${r.ratio.toFixed(2)} after only ${soakEnd.quotes.toLocaleString('en-US')} quotes (time limit)`, false);
      continue;
    }
    check(id, title, `<= ${limit}`, r && r.ratio.toFixed(2), r && r.ratio <= limit);
  }

  const peaks = report.scenarios.map((x) => x.peakRssMb).concat(report.memory.map((m) => m.rssMb));
  const peak = peaks.length ? Math.max(...peaks) : undefined;
  check('peak-rss', 'peak RSS of the service, any scenario', '< 400 MB', peak === undefined ? undefined : `${peak.toFixed(0)} MB`, peak === undefined ? undefined : peak < 400);
  return checks;
}
