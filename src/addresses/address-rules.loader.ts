import path from 'node:path';
import { loadCsvFile } from '../platform/data-files/csv-file';
import { DataFileError, DataFileProblem } from '../platform/data-files/data-file-problem';
import { AddressRules, PostalCodeRule, RegionRule } from './address-rules';

interface PostalRow {
  country: string;
  pattern: string;
  flags?: string;
  required: boolean;
  separator?: string;
  separatorAt?: number;
  example?: string;
}

interface RegionRow {
  country: string;
  code: string;
  name: string;
  aliases?: string;
  postalPrefixes?: string;
}

const POSTAL_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'pattern', 'required'],
  properties: {
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    pattern: { type: 'string', minLength: 1 },
    flags: { type: 'string', pattern: '^i?$' },
    required: { type: 'boolean' },
    separator: { enum: ['space', '-'] },
    separatorAt: { type: 'integer', minimum: -6, maximum: 6 },
    example: { type: 'string' },
  },
} as const;

const REGION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'code', 'name'],
  properties: {
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    code: { type: 'string', pattern: '^[A-Z0-9]{1,3}$' },
    name: { type: 'string', minLength: 1 },
    aliases: { type: 'string', pattern: '^[A-Z0-9]{1,6}( [A-Z0-9]{1,6})*$' },
    postalPrefixes: { type: 'string', pattern: '^[0-9A-Z]+(-[0-9]+)?( [0-9A-Z]+(-[0-9]+)?)*$' },
  },
} as const;

/** Reads `reference/postal-codes.csv` and `reference/regions.csv`; every problem is listed by file, line and field. */
export async function loadAddressRules(tariffsDir: string, baseDir = process.cwd()): Promise<AddressRules> {
  const postalFile = path.join(tariffsDir, 'reference', 'postal-codes.csv');
  const regionFile = path.join(tariffsDir, 'reference', 'regions.csv');
  const [postal, regions] = await Promise.all([
    loadCsvFile<PostalRow>(postalFile, POSTAL_SCHEMA, baseDir),
    loadCsvFile<RegionRow>(regionFile, REGION_SCHEMA, baseDir),
  ]);
  const problems: DataFileProblem[] = [...postal.problems, ...regions.problems];
  const postalRules: PostalCodeRule[] = [];
  for (const { line, record } of postal.rows) {
    try {
      postalRules.push({
        country: record.country,
        pattern: new RegExp(record.pattern, record.flags ?? ''),
        required: record.required,
        separator: record.separator === 'space' ? ' ' : record.separator,
        separatorAt: record.separatorAt,
        example: record.example,
      });
    } catch (e) {
      problems.push({ file: path.relative(baseDir, postalFile), line, field: 'pattern', message: `invalid regular expression: ${(e as Error).message}` });
    }
    if (record.example && postalRules.length && !postalRules[postalRules.length - 1].pattern.test(record.example)) {
      problems.push({ file: path.relative(baseDir, postalFile), line, field: 'example', message: `example "${record.example}" does not match the pattern` });
    }
  }
  const seen = new Set<string>();
  const regionRules: RegionRule[] = [];
  for (const { line, record } of regions.rows) {
    const key = `${record.country}-${record.code}`;
    if (seen.has(key)) problems.push({ file: path.relative(baseDir, regionFile), line, field: 'code', message: `duplicate region ${key}` });
    seen.add(key);
    regionRules.push({
      country: record.country,
      code: record.code,
      name: record.name,
      aliases: record.aliases ? record.aliases.split(' ') : [],
      postalPrefixes: (record.postalPrefixes ?? '')
        .split(' ')
        .filter(Boolean)
        .map((p) => {
          const m = /^(\d+)-(\d+)$/.exec(p);
          return m ? { from: Number(m[1]), to: Number(m[2]), width: m[1].length } : { prefix: p };
        }),
    });
  }
  if (problems.length) throw new DataFileError(problems);
  return new AddressRules(postalRules, regionRules);
}
