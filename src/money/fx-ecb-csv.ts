import { parseCsvText } from '../platform/data-files/csv-file';
import type { DataFileProblem } from '../platform/data-files/data-file-problem';

/** One day's euro reference rates: units of each currency per 1 EUR. */
export interface FxSnapshot {
  /** ISO date the rates were published for. */
  date: string;
  /** Where the rates come from (a URL or a short description), from the file's `# Source:` line. */
  source: string;
  /** Currency code to units per 1 EUR, kept as the decimal string the publisher printed. */
  perEur: ReadonlyMap<string, string>;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

// The ECB publishes two CSV layouts: the history file (`2025-04-25`) and the one-day file
// (`25 April 2025`, with a space after every comma). Both end each line with a comma.
const DATE_PATTERN = '^(\\d{4}-\\d{2}-\\d{2}|\\d{1,2} [A-Za-z]+ \\d{4})$';

const ROW_SCHEMA = {
  type: 'object',
  required: ['Date'],
  properties: { Date: { type: 'string', pattern: DATE_PATTERN } },
  patternProperties: { '^[A-Z]{3}$': { type: 'string', pattern: '^(N/A|\\d+(\\.\\d+)?)$' } },
  additionalProperties: false,
} as const;

/** `25 April 2025` or `2025-04-25` to `2025-04-25`; undefined when it is no real date. */
export function ecbDate(text: string): string | undefined {
  let iso = text;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS.indexOf(m[2].toLowerCase());
    if (month < 0) return undefined;
    iso = `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  }
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** The value of a `# Source: ...` header comment, if any. */
export function sourceFromComments(comments: string[]): string | undefined {
  for (const c of comments) {
    const m = /^source:\s*(.+)$/i.exec(c.trim());
    if (m) return m[1].trim();
  }
  return undefined;
}

/**
 * Parses an ECB euro reference-rate CSV (history or one-day layout). `N/A` cells (currencies not
 * quoted that day, e.g. legacy ones) are left out. Every bad cell is reported with its line.
 */
export function parseEcbCsv(
  text: string,
  rel: string,
  defaultSource?: string,
): { snapshots: FxSnapshot[]; headerComments: string[]; problems: DataFileProblem[] } {
  const { rows, headerComments, problems } = parseCsvText<Record<string, string>>(text, rel, ROW_SCHEMA);
  const source = sourceFromComments(headerComments) ?? defaultSource;
  if (!source) problems.push({ file: rel, line: 1, message: 'needs a "# Source: ..." comment line before the header' });
  const snapshots: FxSnapshot[] = [];
  const seen = new Map<string, number>();
  for (const { line, record } of rows) {
    const date = ecbDate(record.Date);
    if (!date) {
      problems.push({ file: rel, line, field: 'Date', message: `is not a date: ${record.Date}` });
      continue;
    }
    if (seen.has(date)) {
      problems.push({ file: rel, line, field: 'Date', message: `${date} is already given on line ${seen.get(date)}` });
      continue;
    }
    seen.set(date, line);
    const perEur = new Map<string, string>();
    for (const [code, value] of Object.entries(record)) {
      if (code === 'Date' || value === 'N/A') continue;
      if (Number(value) <= 0) {
        problems.push({ file: rel, line, field: code, message: 'must be a positive rate' });
        continue;
      }
      perEur.set(code, value);
    }
    snapshots.push({ date, source: source ?? '', perEur });
  }
  snapshots.sort((a, b) => a.date.localeCompare(b.date));
  return { snapshots, headerComments, problems };
}

/**
 * Writes snapshots in the ECB history layout (newest first, one column per currency, `N/A` where a
 * day has no rate), after the given `#` comment lines.
 */
export function formatEcbCsv(snapshots: FxSnapshot[], headerComments: string[]): string {
  const codes = [...new Set(snapshots.flatMap((s) => [...s.perEur.keys()]))].sort();
  const lines = headerComments.map((c) => `# ${c}`);
  lines.push(['Date', ...codes].join(','));
  for (const s of [...snapshots].sort((a, b) => b.date.localeCompare(a.date))) {
    lines.push([s.date, ...codes.map((c) => s.perEur.get(c) ?? 'N/A')].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Merges newly imported days into existing ones: a day present in both takes the new values.
 */
export function mergeSnapshots(existing: FxSnapshot[], incoming: FxSnapshot[]): FxSnapshot[] {
  const byDate = new Map(existing.map((s) => [s.date, s]));
  for (const s of incoming) byDate.set(s.date, s);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
