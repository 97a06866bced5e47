import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface TrimmedSchedule {
  /** The schedule file, relative to the tariffs folder (e.g. `duty/GB/ukgt-2021.csv`). */
  file: string;
  /** Data lines in the original file. */
  fullLines: number;
  /** Data lines kept. */
  keptLines: number;
}

/**
 * Copies a tariffs folder and cuts one national schedule down to `lines` data lines, keeping its comment
 * header (source and date) and column row, every line whose code shares a prefix with one of `keepCodes`
 * (the goods the benchmark order declares, so that both runs compute the same duties), then the first
 * other lines of the file. Everything else (rules, VAT, FX, HS) stays as it is.
 */
export async function writeTrimmedTariffs(
  tariffsDir: string,
  target: string,
  schedule: string,
  keepCodes: string[],
  lines = 100,
): Promise<TrimmedSchedule> {
  await fs.rm(target, { recursive: true, force: true });
  await fs.cp(tariffsDir, target, { recursive: true });
  const file = path.join(target, schedule);
  const text = await fs.readFile(file, 'utf8');
  const all = text.split(/\r?\n/);
  const head: string[] = [];
  let i = 0;
  while (i < all.length && (all[i].startsWith('#') || all[i].trim() === '')) head.push(all[i++]);
  head.push(all[i++]); // column names
  const data = all.slice(i).filter((l) => l.trim() !== '');
  const codes = keepCodes.map((c) => c.replace(/\D/g, ''));
  const codeOf = (l: string) => l.slice(0, l.indexOf(',')).replace(/\D/g, '');
  const related = (l: string) => {
    const c = codeOf(l);
    return codes.some((k) => c.startsWith(k) || k.startsWith(c));
  };
  const kept = data.filter(related);
  for (const l of data) {
    if (kept.length >= lines) break;
    if (!related(l)) kept.push(l);
  }
  // Keep the file's order (schedules are sorted by code; a loader may rely on it).
  const keep = new Set(kept);
  const body = data.filter((l) => keep.has(l));
  head.splice(head.length - 1, 0, `# Benchmark copy: cut to ${body.length} of ${data.length} lines by test/bench/tariff-sets.ts.`);
  await fs.writeFile(file, [...head, ...body, ''].join('\n'));
  return { file: schedule, fullLines: data.length, keptLines: body.length };
}
