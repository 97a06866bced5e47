import path from 'node:path';
import { loadCurrencyTable } from '../money/currency-table';
import { loadCsvFile } from '../platform/data-files/csv-file';
import { DataFileError } from '../platform/data-files/data-file-problem';
import { loadHsNomenclature } from './hs-loader';
import { Country, ReferenceData } from './reference-data';

const COUNTRY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['alpha2', 'alpha3', 'name'],
  properties: {
    alpha2: { type: 'string', pattern: '^[A-Z]{2}$' },
    alpha3: { type: 'string', pattern: '^[A-Z]{3}$' },
    // A name of two letters is a code or a short form ("US", "UK"): labels print this name.
    name: { type: 'string', minLength: 3 },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    continent: { type: 'string' },
    capital: { type: 'string' },
  },
} as const;

/** Loads every reference file; throws one DataFileError listing all problems. */
export async function loadReferenceData(tariffsDir: string, baseDir = process.cwd()): Promise<ReferenceData> {
  const [currencies, hs, countries] = await Promise.all([
    loadCurrencyTable(tariffsDir, baseDir),
    loadHsNomenclature(tariffsDir, baseDir),
    loadCsvFile<Country>(path.join(tariffsDir, 'reference', 'countries.csv'), COUNTRY_SCHEMA, baseDir),
  ]);
  const problems = [...currencies.problems, ...hs.problems, ...countries.problems];
  if (hs.nomenclature.size === 0 && hs.problems.length === 0) {
    problems.push({ file: path.relative(baseDir, path.join(tariffsDir, 'hs', 'harmonized-system.csv')), message: 'no HS entries' });
  }
  if (problems.length) throw new DataFileError(problems);
  const countryMap = new Map<string, Country>();
  for (const { record } of countries.rows) countryMap.set(record.alpha2, { ...record, currency: record.currency ?? '', continent: record.continent ?? '' });
  return new ReferenceData(currencies.table, countryMap, hs.nomenclature);
}
