/** One duty line produced by an importer, written to a `tariffs/duty/<SCHEDULE>/*.csv` file. */
export interface ImportedLine {
  code: string;
  expression: string;
  validFrom: string;
  validTo?: string;
  /** ISO origins of a preference (empty for the general rate). */
  origins: string[];
  program?: string;
  description?: string;
}

export interface ImportResult {
  lines: ImportedLine[];
  /** Rows left out, with why (rate text that is not an expression, groups of countries, ...). */
  skipped: number;
  warnings: string[];
}

/** `2021-01-01T00:00:00.000Z`, `01/01/2021` or `2021-01-01` to `2021-01-01`. */
export function isoDay(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const t = text.trim();
  let m = /^(\d{4}-\d{2}-\d{2})/.exec(t);
  if (m) return m[1];
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return undefined;
}

/** National codes with the zero pairs TARIC and the UK pad them with removed (`6109100000` -> `61091000`). */
export function trimCode(code: string): string {
  let c = code.replace(/\D/g, '');
  while (c.length > 6 && c.endsWith('00')) c = c.slice(0, -2);
  return c;
}
