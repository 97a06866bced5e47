import type { BenchReport } from './bench-report';

const n = (x: number | undefined, digits = 1): string =>
  x === undefined || x === null || Number.isNaN(x) ? '-' : x >= 1000 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits);

/**
 * The figures of a run as Markdown tables, written to `bench-results/latest.md` for the README's
 * "Performance" section (pasted by hand: the README is shared, and figures go in with their date).
 */
export function renderMarkdown(r: BenchReport): string {
  const out: string[] = [];
  out.push(
    `Run ${r.date.slice(0, 16).replace('T', ' ')} UTC, \`${r.command}\`, ${r.machine.cpus} x ${r.machine.cpuModel}, ` +
      `Node ${r.machine.node}, PostgreSQL ${r.machine.postgres} (${r.machine.database}), commit ${r.git.commit.slice(0, 10)}, ` +
      `load average ${r.machine.loadAverage?.start.toFixed(1) ?? '?'} at the start and ${r.machine.loadAverage?.end?.toFixed(1) ?? '?'} at the end, ${String(r.settings.wallSecondsIncludingBuild ?? '?')} s with the build.`,
    '',
    '| scenario | conn | req/s | units/s | p50 ms | p99 ms | p99 ms in service | service loop delay max ms | CPU ms/req (service + db) | peak RSS MB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
  );
  for (const s of r.scenarios) {
    out.push(
      `| ${s.id}${s.phase === 'main' ? '' : ` (${s.phase})`} | ${s.connections} | ${n(s.rps)} | ${s.unit ? `${n(s.unitsPerSecond)} ${s.unit}` : ''} | ${n(s.latencyMs.p50, 2)} | ${n(s.latencyMs.p99, 2)} | ${n(s.servedMs?.p99, 2)} | ${n(s.eventLoopDelayMs?.max, 1)} | ${n(s.cpuMsPerRequest.service, 2)} + ${n(s.cpuMsPerRequest.database, 2)} | ${n(s.peakRssMb, 0)} |`,
    );
  }
  for (const s of r.skipped) out.push(`| ${s.id} | | skipped: ${s.reason.replace(/\|/g, '/').slice(0, 80)} | | | | | | | |`);
  if (r.ratios.length) {
    out.push('', '| ratio | value | from |', '|---|--:|---|');
    for (const x of r.ratios) out.push(`| ${x.title} | ${x.ratio.toFixed(2)} | ${x.numerator.label} ${n(x.numerator.value, 2)} / ${x.denominator.label} ${n(x.denominator.value, 2)} ${x.unit} |`);
  }
  if (r.memory.length) {
    out.push('', '| quotes served | RSS MB | RSS after GC MB | V8 heap used after GC MB |', '|--:|--:|--:|--:|');
    for (const m of r.memory) out.push(`| ${m.quotes.toLocaleString('en-US')} | ${n(m.rssMb, 0)} | ${n(m.rssAfterGcMb, 0)} | ${n(m.heapUsedMb, 1)} |`);
  }
  if (r.targets.length) {
    out.push('', '| target | required | measured | result |', '|---|---|---|---|');
    for (const t of r.targets) out.push(`| ${t.title} | ${t.target} | ${t.measured} | ${t.result} |`);
  }
  const pm = r.storage.perMillionParcels ?? {};
  if (Object.keys(r.sizing).length) {
    out.push('', 'Sizing figures from this run:', '');
    for (const [k, v] of Object.entries(r.sizing)) out.push(`- ${k}: ${typeof v === 'number' ? n(v, 2) : String(v)}`);
    if (Object.keys(pm).length) out.push(`- database GB per million parcels: ${Object.entries(pm).map(([k, v]) => `${k.replace(/Gb$/, '')} ${v.toFixed(2)}`).join(', ')}`);
    for (const a of r.storage.assumptions ?? []) out.push(`- assumes ${a}`);
  }
  return out.join('\n') + '\n';
}
