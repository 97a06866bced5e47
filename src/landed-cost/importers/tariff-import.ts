import { promises as fs } from 'node:fs';
import path from 'node:path';
import { importEuTaric } from './eu-taric.importer';
import type { ImportedLine, ImportResult } from './imported-line';
import { importUkTradeTariff } from './uk-trade-tariff.importer';
import { importUsitcHts } from './usitc-hts.importer';

export type TariffImporter = 'usitc-hts' | 'eu-taric' | 'uk-tariff';

const TARGETS: Record<TariffImporter, { file: string; currency: string; source: string }> = {
  'usitc-hts': { file: 'tariffs/duty/US/hts-import.csv', currency: 'USD', source: 'USITC Harmonized Tariff Schedule JSON export (https://hts.usitc.gov), public domain' },
  'eu-taric': { file: 'tariffs/duty/EU/taric-import.csv', currency: 'EUR', source: 'EU TARIC monthly extraction, Duties (https://circabc.europa.eu/w/browse/0e5f18c2-4b2f-42e9-aed4-dfe50ae1263b), European Commission reuse policy' },
  'uk-tariff': { file: 'tariffs/duty/GB/uk-tariff-import.csv', currency: 'GBP', source: 'UK Trade Tariff API (https://www.trade-tariff.service.gov.uk/uk/api/v2/commodities), Open Government Licence v3.0' },
};

function csvCell(v: string | undefined): string {
  if (v === undefined || v === '') return '';
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Writes imported lines as a duty schedule file with its source, currency and retrieval date. */
export function formatDutyCsv(lines: ImportedLine[], source: string, currency: string, retrievedAt: string): string {
  const head = [
    '# Duty lines written by scripts/import-tariff.mjs; do not edit by hand (re-run the importer).',
    `# Source: ${source}`,
    `# Currency: ${currency}`,
    `# Retrieved: ${retrievedAt}`,
    'code,expression,validFrom,validTo,origins,program,description',
  ];
  const body = [...lines]
    .sort((a, b) => a.code.localeCompare(b.code) || a.origins.join(' ').localeCompare(b.origins.join(' ')) || a.validFrom.localeCompare(b.validFrom))
    .map((l) => [l.code, l.expression, l.validFrom, l.validTo, l.origins.join(' '), l.program, l.description].map(csvCell).join(','));
  return `${[...head, ...body].join('\n')}\n`;
}

/** Runs one importer over its input files and writes the schedule file under `tariffs/duty/`. */
export async function runTariffImport(
  kind: TariffImporter,
  opts: { inputs: string[]; out?: string; retrievedAt: string; validFrom: string; root: string },
): Promise<{ out: string; lines: number; skipped: number; warnings: string[] }> {
  const target = TARGETS[kind];
  if (!target) throw new Error(`unknown importer ${kind}`);
  const results: ImportResult[] = [];
  for (const file of opts.inputs) {
    const text = await fs.readFile(file, 'utf8');
    if (kind === 'usitc-hts') results.push(importUsitcHts(JSON.parse(text), opts.validFrom));
    else if (kind === 'eu-taric') results.push(importEuTaric(text));
    else {
      const json = JSON.parse(text) as unknown;
      results.push(importUkTradeTariff(Array.isArray(json) ? json : [json]));
    }
  }
  const lines = results.flatMap((r) => r.lines);
  const out = opts.out ?? path.join(opts.root, target.file);
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, formatDutyCsv(lines, target.source, target.currency, opts.retrievedAt));
  return { out, lines: lines.length, skipped: results.reduce((a, r) => a + r.skipped, 0), warnings: results.flatMap((r) => r.warnings) };
}
