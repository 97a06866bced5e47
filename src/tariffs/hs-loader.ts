import path from 'node:path';
import { loadCsvFile } from '../platform/data-files/csv-file';
import type { DataFileProblem } from '../platform/data-files/data-file-problem';
import { HsEntry, HsNomenclature } from './hs-nomenclature';

interface HsRow {
  section: string;
  hscode: string;
  description: string;
  parent: string;
  level: number;
}

export const HS_ROW_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['section', 'hscode', 'description', 'parent', 'level'],
  properties: {
    section: { type: 'string', pattern: '^([IVXL]+|TOTAL)$' },
    hscode: { type: 'string', pattern: '^(\\d{2}|\\d{4}|\\d{6}|TOTAL)$' },
    description: { type: 'string', minLength: 1 },
    parent: { type: 'string', pattern: '^(\\d{2}|\\d{4}|TOTAL)$' },
    level: { type: 'integer', enum: [2, 4, 5, 6] },
  },
} as const;

/** Loads `hs/harmonized-system.csv` from the tariffs folder. */
export async function loadHsNomenclature(
  tariffsDir: string,
  baseDir: string,
): Promise<{ nomenclature: HsNomenclature; problems: DataFileProblem[] }> {
  const file = path.join(tariffsDir, 'hs', 'harmonized-system.csv');
  const { rows, problems } = await loadCsvFile<HsRow>(file, HS_ROW_SCHEMA, baseDir);
  const entries: HsEntry[] = [];
  for (const { line, record } of rows) {
    if (record.hscode === 'TOTAL') continue;
    const expected = record.hscode.length;
    if (record.level !== expected) {
      problems.push({
        file: path.relative(baseDir, file),
        line,
        field: 'level',
        message: `is ${record.level} but code ${record.hscode} has ${expected} digits`,
      });
      continue;
    }
    entries.push({
      code: record.hscode,
      description: record.description,
      level: record.level as 2 | 4 | 6,
      parent: record.parent === 'TOTAL' ? null : record.parent,
      section: record.section,
    });
  }
  // Entries are listed parents first in the source; sort to be safe so inherited wording is found.
  entries.sort((a, b) => a.level - b.level);
  return { nomenclature: new HsNomenclature(entries), problems };
}
