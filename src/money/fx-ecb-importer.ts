import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatProblem } from '../platform/data-files/data-file-problem';
import { FxSnapshot, formatEcbCsv, mergeSnapshots, parseEcbCsv } from './fx-ecb-csv';
import { unzipEntries } from './fx-zip';

export const ECB_SOURCE = 'https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html';

export interface EcbImportOptions {
  /** ECB files as downloaded: `eurofxref.csv`, `eurofxref-hist.csv` or their `.zip`. */
  inputs: string[];
  /** The table in `tariffs/fx/` to create or extend. */
  out: string;
  /** Keep only days on or after this ISO date (the history file goes back to 1999). */
  since?: string;
  /** ISO date the files were downloaded, written into the table's header. */
  retrievedAt: string;
}

export interface EcbImportResult {
  added: number;
  replaced: number;
  total: number;
  latest?: string;
}

async function readInputTexts(file: string): Promise<{ name: string; text: string }[]> {
  const buf = await fs.readFile(file);
  if (buf.readUInt32LE(0) === 0x04034b50) {
    return unzipEntries(buf)
      .filter((e) => e.name.toLowerCase().endsWith('.csv'))
      .map((e) => ({ name: `${file}:${e.name}`, text: e.data.toString('utf8') }));
  }
  return [{ name: file, text: buf.toString('utf8') }];
}

/**
 * Imports ECB euro reference-rate CSV files into a dated table under `tariffs/fx/`, merging with
 * what the table already holds (a day present in both takes the imported values).
 * @throws Error listing every problem in the inputs; nothing is written then.
 */
export async function importEcbRates(opts: EcbImportOptions): Promise<EcbImportResult> {
  const incoming: FxSnapshot[] = [];
  const problems: string[] = [];
  for (const input of opts.inputs) {
    for (const { name, text } of await readInputTexts(input)) {
      const parsed = parseEcbCsv(text, name, ECB_SOURCE);
      problems.push(...parsed.problems.map(formatProblem));
      incoming.push(...parsed.snapshots.filter((s) => !opts.since || s.date >= opts.since));
    }
  }
  let existing: FxSnapshot[] = [];
  try {
    const parsed = parseEcbCsv(await fs.readFile(opts.out, 'utf8'), opts.out);
    problems.push(...parsed.problems.map(formatProblem));
    existing = parsed.snapshots;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (problems.length) throw new Error(`cannot import:\n  - ${problems.join('\n  - ')}`);
  const had = new Set(existing.map((s) => s.date));
  const merged = mergeSnapshots(existing, incoming.map((s) => ({ ...s, source: ECB_SOURCE })));
  const header = [
    'Euro foreign exchange reference rates: units of each currency per 1 EUR, one row per TARGET working day.',
    `Source: ${ECB_SOURCE}`,
    `Retrieved: ${opts.retrievedAt}. Written by scripts/import-tariff.mjs ecb-rates; do not edit by hand.`,
    'Licence: ECB statistics may be reused free of charge provided the source is acknowledged.',
  ];
  await fs.mkdir(path.dirname(opts.out), { recursive: true });
  await fs.writeFile(opts.out, formatEcbCsv(merged, header));
  const replaced = new Set(incoming.filter((s) => had.has(s.date)).map((s) => s.date)).size;
  return { added: merged.length - existing.length, replaced, total: merged.length, latest: merged.at(-1)?.date };
}
