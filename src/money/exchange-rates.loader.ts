import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DataFileProblem } from '../platform/data-files/data-file-problem';
import { DataFileError } from '../platform/data-files/data-file-problem';
import { ExchangeRateTable } from './exchange-rates';
import { FxSnapshot, parseEcbCsv } from './fx-ecb-csv';

/**
 * Loads every `*.csv` in `tariffs/fx/` (ECB euro reference-rate layout, each with a `# Source:` line).
 * A day given in two files is an error: which one wins would otherwise depend on file order.
 */
export async function loadExchangeRates(tariffsDir: string, baseDir = process.cwd()): Promise<ExchangeRateTable> {
  const dir = path.join(tariffsDir, 'fx');
  const problems: DataFileProblem[] = [];
  let names: string[] = [];
  try {
    names = (await fs.readdir(dir)).filter((n) => n.endsWith('.csv')).sort();
  } catch (e) {
    problems.push({ file: path.relative(baseDir, dir), message: `cannot read folder: ${(e as Error).message}` });
  }
  const all: FxSnapshot[] = [];
  const firstFile = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const rel = path.relative(baseDir, file);
    const parsed = parseEcbCsv(await fs.readFile(file, 'utf8'), rel);
    problems.push(...parsed.problems);
    for (const s of parsed.snapshots) {
      const other = firstFile.get(s.date);
      if (other) problems.push({ file: rel, message: `rates for ${s.date} are also in ${other}` });
      else firstFile.set(s.date, rel);
      all.push(s);
    }
  }
  if (!problems.length && all.length === 0) problems.push({ file: path.relative(baseDir, dir), message: 'no exchange-rate tables' });
  if (problems.length) throw new DataFileError(problems);
  return new ExchangeRateTable(all);
}
