import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadCsvFile } from '../platform/data-files/csv-file';
import { DataFileError, DataFileProblem } from '../platform/data-files/data-file-problem';
import { loadYamlFile } from '../platform/data-files/yaml-file';
import { sourceFromComments } from '../money/fx-ecb-csv';
import { type DutyExpression, DutyExpressionError, parseDutyExpression } from './duty-expression';
import type { DestinationRules, RuleRecord, TariffLine, TaxRateRow, WarningRule } from './landed-cost-rules';
import { DESTINATION_FILE_SCHEMA, TARIFF_LINE_SCHEMA, TAX_RATE_SCHEMA, WARNINGS_FILE_SCHEMA } from './landed-cost-rules.schema';
import { LandedCostRules } from './landed-cost-rule-set';
import { TariffSchedule } from './tariff-schedule';
import { TaxRateTable } from './tax-rate-table';

type RawRecord = Record<string, unknown> & { id: string; type: string; validFrom: string; validTo?: string };
interface RawDestination {
  id: string;
  name: string;
  countries: string[];
  schedule?: string;
  currency?: string;
  records: RawRecord[];
}
interface RawLine {
  code: string;
  expression: string;
  validFrom: string;
  validTo?: string;
  origins?: string;
  program?: string;
  description?: string;
  source?: string;
}

const WARNINGS_FILE = 'warnings.yaml';

async function loadWarnings(dir: string, baseDir: string, problems: DataFileProblem[]): Promise<WarningRule[]> {
  const file = path.join(dir, WARNINGS_FILE);
  try {
    await fs.access(file);
  } catch {
    return [];
  }
  const { value, problems: ps } = await loadYamlFile<{ records: WarningRule[] }>(file, WARNINGS_FILE_SCHEMA, baseDir);
  problems.push(...ps);
  return value?.records ?? [];
}

async function listFiles(dir: string, ext: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter((n) => n.endsWith(ext)).sort().map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

function parseExpr(text: string, problems: DataFileProblem[], where: { file: string; line?: number; field: string }) {
  try {
    return parseDutyExpression(text);
  } catch (e) {
    if (e instanceof DutyExpressionError) problems.push({ ...where, message: e.message });
    else throw e;
    return undefined;
  }
}

async function loadDestinations(dir: string, baseDir: string, problems: DataFileProblem[]): Promise<DestinationRules[]> {
  const out: DestinationRules[] = [];
  const ids = new Map<string, string>();
  for (const file of await listFiles(dir, '.yaml')) {
    if (path.basename(file) === WARNINGS_FILE) continue;
    const rel = path.relative(baseDir, file);
    const { value, problems: ps } = await loadYamlFile<RawDestination>(file, DESTINATION_FILE_SCHEMA, baseDir);
    // Ajv adds a summary line for every failed if/then branch; the branch's own errors say more.
    problems.push(...ps.filter((p) => !p.message.includes('"then" schema')));
    if (!value) continue;
    const records: RuleRecord[] = [];
    value.records.forEach((r, i) => {
      const field = `records[${i}]`;
      const other = ids.get(r.id);
      if (other) problems.push({ file: rel, field: `${field}.id`, message: `${r.id} is also used in ${other}` });
      ids.set(r.id, rel);
      if (r.validTo && r.validTo < r.validFrom) problems.push({ file: rel, field: `${field}.validTo`, message: 'is before validFrom' });
      if (Array.isArray(r.countries)) for (const c of r.countries as string[]) if (!value.countries.includes(c)) problems.push({ file: rel, field: `${field}.countries`, message: `${c} is not one of this file's countries` });
      if (r.type === 'additional_duty') {
        const rate = parseExpr(String(r.rate), problems, { file: rel, field: `${field}.rate` });
        if (rate) records.push({ ...(r as object), rate } as RuleRecord);
        return;
      }
      if (r.type === 'fee' && r.amount === undefined && r.percent === undefined) {
        problems.push({ file: rel, field: `${field}.amount`, message: 'a fee needs an amount or a percent' });
      }
      records.push(r as unknown as RuleRecord);
    });
    out.push({ id: value.id, name: value.name, countries: value.countries, schedule: value.schedule, currency: value.currency, file: rel, records });
  }
  const seen = new Map<string, string>();
  for (const d of out) {
    for (const c of d.countries) {
      if (seen.has(c)) problems.push({ file: d.file, field: 'countries', message: `${c} is also covered by ${seen.get(c)}` });
      seen.set(c, d.file);
    }
  }
  return out;
}

/**
 * Values that repeat across the lines of a schedule (duty expressions such as `0.0%` or `Free`, dates,
 * programmes) are kept once: a full national schedule has tens of thousands of lines but a few hundred
 * distinct expressions. Parsed expressions are never modified after loading, so lines can share them.
 */
class ScheduleValues {
  private readonly expressions = new Map<string, DutyExpression>();
  private readonly strings = new Map<string, string>();

  expression(text: string, problems: DataFileProblem[], where: { file: string; line?: number; field: string }): DutyExpression | undefined {
    const known = this.expressions.get(text);
    if (known) return known;
    const parsed = parseExpr(text, problems, where);
    if (parsed) this.expressions.set(text, parsed);
    return parsed;
  }

  string<T extends string | undefined>(value: T): T {
    if (value === undefined) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }
}

/** Lines without origins (every general line) share one empty list. */
const NO_ORIGINS: string[] = Object.freeze([]) as unknown as string[];

/**
 * A copy of `text` that does not point into a larger string. A regular expression match or `trim()` of
 * a line read from a file can keep the whole file's text alive for as long as the match is referenced.
 */
function ownString(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

async function loadSchedules(dir: string, baseDir: string, problems: DataFileProblem[]): Promise<Map<string, TariffSchedule>> {
  const out = new Map<string, TariffSchedule>();
  const values = new ScheduleValues();
  let folders: string[] = [];
  try {
    folders = (await fs.readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    return out;
  }
  for (const folder of folders) {
    const lines: TariffLine[] = [];
    let currency: string | undefined;
    for (const file of await listFiles(path.join(dir, folder), '.csv')) {
      const rel = path.relative(baseDir, file);
      const { rows, headerComments, problems: ps } = await loadCsvFile<RawLine>(file, TARIFF_LINE_SCHEMA, baseDir);
      problems.push(...ps);
      const commentSource = sourceFromComments(headerComments);
      const fileSource = commentSource === undefined ? undefined : ownString(commentSource);
      const cur = headerComments.map((c) => /^currency:\s*([A-Z]{3})\s*$/i.exec(c.trim())?.[1]).find(Boolean);
      if (!cur) problems.push({ file: rel, line: 1, message: 'needs a "# Currency: XXX" comment line (the currency of its specific duties)' });
      else if (currency && cur !== currency) problems.push({ file: rel, line: 1, message: `currency ${cur} differs from ${currency} in the same schedule` });
      else currency = cur;
      for (const { line, record } of rows) {
        const source = values.string(record.source) ?? fileSource;
        if (!source) {
          problems.push({ file: rel, line, field: 'source', message: 'is required (or a "# Source:" comment line)' });
          continue;
        }
        if (record.validTo && record.validTo < record.validFrom) problems.push({ file: rel, line, field: 'validTo', message: 'is before validFrom' });
        const expression = values.expression(record.expression, problems, { file: rel, line, field: 'expression' });
        if (!expression) continue;
        const origins = record.origins ? record.origins.split(' ') : NO_ORIGINS;
        if (record.code === '*' && !origins.length) {
          problems.push({ file: rel, line, field: 'code', message: '"*" is only allowed on preferential lines (with origins)' });
          continue;
        }
        lines.push({
          code: record.code,
          expression,
          validFrom: values.string(record.validFrom),
          validTo: values.string(record.validTo),
          origins,
          program: values.string(record.program),
          description: record.description,
          source,
          file: rel,
          line,
        });
      }
    }
    out.set(folder, new TariffSchedule(folder, currency ?? 'EUR', lines));
  }
  return out;
}

async function loadTaxRates(file: string, baseDir: string, problems: DataFileProblem[]): Promise<TaxRateTable> {
  const { rows, problems: ps } = await loadCsvFile<Omit<TaxRateRow, 'hs'> & { hs?: string }>(file, TAX_RATE_SCHEMA, baseDir);
  problems.push(...ps);
  const rel = path.relative(baseDir, file);
  const out: TaxRateRow[] = [];
  for (const { line, record } of rows) {
    if (record.kind !== 'standard' && !record.hs) problems.push({ file: rel, line, field: 'hs', message: `a ${record.kind} rate needs the HS prefixes it applies to` });
    out.push({ ...record, hs: record.hs ? record.hs.split(' ') : [] });
  }
  return new TaxRateTable(out);
}

/**
 * Loads the landed-cost rules from `tariffs/`: destination rule files (`rules/*.yaml`; `rules/warnings.yaml`
 * holds product warnings for every destination), duty schedules
 * (`duty/<SCHEDULE>/*.csv`) and VAT/GST rates (`tax/vat-rates.csv`). Throws one DataFileError with
 * every problem found.
 */
export async function loadLandedCostRules(tariffsDir: string, baseDir = process.cwd()): Promise<LandedCostRules> {
  const problems: DataFileProblem[] = [];
  const [destinations, schedules, taxRates, warnings] = await Promise.all([
    loadDestinations(path.join(tariffsDir, 'rules'), baseDir, problems),
    loadSchedules(path.join(tariffsDir, 'duty'), baseDir, problems),
    loadTaxRates(path.join(tariffsDir, 'tax', 'vat-rates.csv'), baseDir, problems),
    loadWarnings(path.join(tariffsDir, 'rules'), baseDir, problems),
  ]);
  for (const d of destinations) {
    if (d.schedule && !schedules.has(d.schedule)) problems.push({ file: d.file, field: 'schedule', message: `no folder tariffs/duty/${d.schedule}` });
  }
  if (problems.length) throw new DataFileError(problems);
  return new LandedCostRules(destinations, schedules, taxRates, warnings);
}
