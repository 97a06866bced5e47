import type { TableSize } from './bench-database';
import type { LatencySummary, LoadResult } from './load-generator';

/** One measured scenario: a row of the table. */
export interface ScenarioFigures {
  id: string;
  title: string;
  /** Service instance (phase) it ran on, e.g. `main`, `carriers-20`. */
  phase: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  /** Units per second when a request carries several (events/s); else equal to rps. */
  unitsPerSecond?: number;
  unit?: string;
  latencyMs: LatencySummary;
  peakRssMb: number;
  /**
   * CPU time per successful request, from the kernel's accounting: the service process, and the
   * PostgreSQL backends of the bench database when the server runs on this machine. Unlike latency,
   * it hardly moves when other work shares the machine, so it is the figure to size with.
   */
  cpuMsPerRequest: { service?: number; database?: number };
  /**
   * How late the service's own event loop ran during the window (ms): a p99 latency far above this
   * max came from outside the service process (the database, the machine, the load generator).
   */
  eventLoopDelayMs?: { p99: number; max: number };
  /** Garbage collection in the service during the window: pauses per request and the longest one (ms). */
  gc?: { msPerRequest: number; maxPauseMs: number; count: number };
  /**
   * Time inside the service per request, from its headers parsed to its answer's last byte written
   * (ms): what the service itself added to the latency. The rest of a p99 above this one was spent
   * in the kernel, on the network or in the load generator.
   */
  servedMs?: { p50: number; p99: number; max: number };
  failures: LoadResult['failures'];
  notes?: string[];
}

export interface SkippedScenario {
  id: string;
  phase: string;
  reason: string;
}

/** A ratio the issue asks for (growth or relative speed). */
export interface RatioFigure {
  id: string;
  title: string;
  numerator: { label: string; value: number };
  denominator: { label: string; value: number };
  ratio: number;
  unit: string;
}

export interface TargetCheck {
  id: string;
  title: string;
  /** What was measured, e.g. "0.31 x floor, p99 18.2 ms". */
  measured: string;
  target: string;
  /** pass, miss, or n/a when the scenario could not run. */
  result: 'PASS' | 'MISS' | 'N/A';
}

export interface MemoryCheckpoint {
  quotes: number;
  /** RSS when the checkpoint was reached (what the kernel and a container limit see). */
  rssMb: number;
  /** RSS after a forced full garbage collection. */
  rssAfterGcMb?: number;
  /** V8 heap in use after that collection: what a leak would grow. */
  heapUsedMb?: number;
}

export interface BenchReport {
  date: string;
  command: string;
  durationSeconds: number;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryGb: number;
    os: string;
    node: string;
    postgres: string;
    database: 'embedded' | 'DATABASE_URL';
    /** 1-minute load average at the start and the end: above the CPU count, other work competed. */
    loadAverage?: { start: number; end?: number };
  };
  git: { commit: string; dirty: boolean };
  settings: Record<string, unknown>;
  scenarios: ScenarioFigures[];
  skipped: SkippedScenario[];
  ratios: RatioFigure[];
  memory: MemoryCheckpoint[];
  targets: TargetCheck[];
  storage: { tables: TableSize[]; perMillionParcels?: Record<string, number>; assumptions?: string[] };
  sizing: Record<string, unknown>;
  profiles: { phase: string; scenario: string; file: string; top: string[] }[];
  /** Full results of steps that measure in their own way (e.g. the carrier adapter bench), by step id. */
  details: Record<string, unknown>;
  errors: string[];
}

/** Adds a ratio of two figures when both were measured. */
export function ratioOf(
  report: BenchReport,
  spec: Omit<RatioFigure, 'numerator' | 'denominator' | 'ratio'> & {
    numerator: { label: string; value: number | undefined };
    denominator: { label: string; value: number | undefined };
  },
): void {
  const n = spec.numerator.value;
  const d = spec.denominator.value;
  if (n === undefined || d === undefined || !Number.isFinite(n) || !Number.isFinite(d) || d === 0) return;
  report.ratios.push({
    ...spec,
    numerator: { label: spec.numerator.label, value: n },
    denominator: { label: spec.denominator.label, value: d },
    ratio: n / d,
  });
}

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || Number.isNaN(n) ? '-' : n >= 1000 ? Math.round(n).toLocaleString('en-US') : n.toFixed(digits);

function table(rows: string[][], align: ('l' | 'r')[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

function failureText(f: ScenarioFigures['failures']): string {
  const codes = Object.entries(f.statusCodes).map(([c, n]) => `${n}x${c}`);
  if (f.errors) codes.push(`${f.errors} errors`);
  if (f.timeouts) codes.push(`${f.timeouts} timeouts`);
  return codes.join(' ');
}

/** The one table the bench prints, plus ratios, memory, targets and storage. */
export function renderReport(r: BenchReport): string {
  const out: string[] = [];
  out.push(
    `Parcelwise benchmark ${r.date}  (${r.machine.cpus} x ${r.machine.cpuModel}, Node ${r.machine.node}, PostgreSQL ${r.machine.postgres} ${r.machine.database}, commit ${r.git.commit.slice(0, 10)}${r.git.dirty ? '+dirty' : ''}, load average ${r.machine.loadAverage?.start.toFixed(1) ?? '?'} -> ${r.machine.loadAverage?.end?.toFixed(1) ?? '?'})`,
    '',
  );
  const rows: string[][] = [['scenario', 'phase', 'conn', 'req/s', 'units/s', 'p50 ms', 'p99 ms', 'max ms', 'in service p99 ms', 'loop max ms', 'CPU ms/req svc+db', 'peak RSS MB', 'failed']];
  for (const s of r.scenarios) {
    rows.push([
      s.id,
      s.phase,
      String(s.connections),
      fmt(s.rps),
      s.unit ? `${fmt(s.unitsPerSecond)} ${s.unit}` : '',
      fmt(s.latencyMs.p50, 2),
      fmt(s.latencyMs.p99, 2),
      fmt(s.latencyMs.max, 1),
      fmt(s.servedMs?.p99, 2),
      fmt(s.eventLoopDelayMs?.max, 1),
      `${fmt(s.cpuMsPerRequest.service, 2)} + ${fmt(s.cpuMsPerRequest.database, 2)}`,
      fmt(s.peakRssMb, 0),
      failureText(s.failures),
    ]);
  }
  for (const s of r.skipped) rows.push([s.id, s.phase, '', 'skipped', '', '', '', '', '', '', '', '', s.reason.slice(0, 90)]);
  out.push(table(rows, ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l']));

  if (r.ratios.length) {
    out.push('', 'Ratios');
    const rr: string[][] = [['ratio', 'numerator', 'denominator', 'value']];
    for (const x of r.ratios) {
      rr.push([
        `${x.id}: ${x.title}`,
        `${x.numerator.label} ${fmt(x.numerator.value, 2)} ${x.unit}`,
        `${x.denominator.label} ${fmt(x.denominator.value, 2)} ${x.unit}`,
        x.ratio.toFixed(2),
      ]);
    }
    out.push(table(rr, ['l', 'l', 'l', 'r']));
  }
  if (r.memory.length) {
    out.push('', 'Memory of the service during the quote soak');
    const mr: string[][] = [['quotes', 'RSS MB', 'RSS after GC MB', 'heap used after GC MB']];
    for (const m of r.memory) mr.push([m.quotes.toLocaleString('en-US'), fmt(m.rssMb, 0), fmt(m.rssAfterGcMb, 0), fmt(m.heapUsedMb, 1)]);
    out.push(table(mr, ['r', 'r', 'r', 'r']));
  }
  if (r.targets.length) {
    out.push('', 'Targets');
    const tr: string[][] = [['result', 'target', 'measured', 'required']];
    for (const t of r.targets) tr.push([t.result, t.title, t.measured, t.target]);
    out.push(table(tr, ['l', 'l', 'l', 'l']));
  }
  if (r.storage.tables.length) {
    out.push('', 'Storage (tables with indexes and TOAST, from this run)');
    const sr: string[][] = [['table', 'rows', 'MB', 'bytes/row']];
    for (const t of r.storage.tables.filter((t) => t.rows > 0).slice(0, 12)) {
      sr.push([t.table, t.rows.toLocaleString('en-US'), fmt(t.totalBytes / 1048576, 1), fmt(t.bytesPerRow, 0)]);
    }
    out.push(table(sr, ['l', 'r', 'r', 'r']));
  }
  if (Object.keys(r.sizing).length) {
    out.push('', 'Sizing');
    for (const [k, v] of Object.entries(r.sizing)) out.push(`  ${k}: ${typeof v === 'number' ? fmt(v, 2) : String(v)}`);
    const pm = r.storage.perMillionParcels ?? {};
    if (Object.keys(pm).length) out.push(`  database per million parcels (GB): ${Object.entries(pm).map(([k, v]) => `${k.replace(/Gb$/, '')} ${v.toFixed(2)}`).join(', ')}`);
    for (const a of r.storage.assumptions ?? []) out.push(`  assumes: ${a}`);
  }
  for (const p of r.profiles) {
    out.push('', `CPU profile ${p.phase}/${p.scenario}: ${p.file}`, ...p.top.map((l) => `  ${l}`));
  }
  if (r.errors.length) out.push('', 'Errors', ...r.errors.map((e) => `  ${e}`));
  return out.join('\n');
}
