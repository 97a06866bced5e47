import path from 'node:path';
import { loadCsvFile } from '../platform/data-files/csv-file';
import { DataFileError, type DataFileProblem } from '../platform/data-files/data-file-problem';
import { WeekendTable, type Weekday } from './business-calendar';

const DAYS: Record<string, Weekday> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'days'],
  properties: {
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    days: { type: 'string', pattern: '^(mon|tue|wed|thu|fri|sat|sun)( (mon|tue|wed|thu|fri|sat|sun))*$' },
  },
} as const;

/** Reads `carriers/weekends.csv` (countries whose weekend is not Saturday and Sunday). A missing file means the default everywhere. */
export async function loadWeekendTable(carriersDir: string, baseDir = process.cwd()): Promise<WeekendTable> {
  const file = path.join(carriersDir, 'weekends.csv');
  const { rows, problems } = await loadCsvFile<{ country: string; days: string }>(file, ROW, baseDir);
  if (problems.length === 1 && problems[0].line === undefined && /ENOENT/.test(problems[0].message)) return new WeekendTable();
  const all: DataFileProblem[] = [...problems];
  const map = new Map<string, ReadonlySet<Weekday>>();
  for (const { line, record } of rows) {
    if (map.has(record.country)) all.push({ file: path.relative(baseDir, file), line, field: 'country', message: `${record.country} is listed twice` });
    map.set(record.country, new Set(record.days.split(' ').map((d) => DAYS[d])));
  }
  if (all.length) throw new DataFileError(all);
  return new WeekendTable(map);
}
