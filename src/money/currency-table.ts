import path from 'node:path';
import { loadCsvFile } from '../platform/data-files/csv-file';
import type { DataFileProblem } from '../platform/data-files/data-file-problem';
import type { CurrencyTable } from './money';

interface CurrencyRow {
  code: string;
  name: string;
  minorUnits: number;
}

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'minorUnits'],
  properties: {
    code: { type: 'string', pattern: '^[A-Z]{3}$' },
    name: { type: 'string' },
    minorUnits: { type: 'integer', minimum: 0, maximum: 4 },
  },
} as const;

export class IsoCurrencyTable implements CurrencyTable {
  constructor(private readonly units: ReadonlyMap<string, { name: string; minorUnits: number }>) {}

  minorUnits(code: string): number {
    const entry = this.units.get(code);
    if (!entry) throw new Error(`unknown currency ${code}`);
    return entry.minorUnits;
  }

  has(code: string): boolean {
    return this.units.has(code);
  }

  name(code: string): string | undefined {
    return this.units.get(code)?.name;
  }

  codes(): string[] {
    return [...this.units.keys()];
  }
}

/** Loads `reference/currencies.csv` from the tariffs folder. */
export async function loadCurrencyTable(
  tariffsDir: string,
  baseDir: string,
): Promise<{ table: IsoCurrencyTable; problems: DataFileProblem[] }> {
  const file = path.join(tariffsDir, 'reference', 'currencies.csv');
  const { rows, problems } = await loadCsvFile<CurrencyRow>(file, SCHEMA, baseDir);
  const map = new Map<string, { name: string; minorUnits: number }>();
  for (const { record } of rows) map.set(record.code, { name: record.name, minorUnits: record.minorUnits });
  return { table: new IsoCurrencyTable(map), problems };
}
