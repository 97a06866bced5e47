import { parse } from 'csv-parse/sync';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DataFileProblem } from './data-file-problem';
import { compileSchema, errorMessage, errorPath, pathToField, reportableErrors } from './schema-validator';

export interface CsvRow<T> {
  line: number;
  record: T;
}

export interface LoadedCsv<T> {
  rows: CsvRow<T>[];
  /** Lines starting with `#` before the header: the file's source and date notes. */
  headerComments: string[];
  problems: DataFileProblem[];
}

/**
 * Reads a CSV file with a header row and validates every row against a JSON Schema (cells are
 * coerced to the schema's types; empty cells are dropped so that optional columns may be blank).
 * Lines starting with `#` are comments. Problems carry the file line of the row and the column.
 */
export async function loadCsvFile<T>(file: string, rowSchema: object, baseDir = process.cwd()): Promise<LoadedCsv<T>> {
  const rel = path.relative(baseDir, file) || file;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return { rows: [], headerComments: [], problems: [{ file: rel, message: `cannot read file: ${(e as Error).message}` }] };
  }
  return parseCsvText<T>(text, rel, rowSchema);
}

export function parseCsvText<T>(text: string, rel: string, rowSchema: object): LoadedCsv<T> {
  // csv-parse counts a CRLF after LF-ended comment lines as two lines: one line ending for all.
  text = text.replace(/\r\n?/g, '\n');
  const headerComments = text
    .split(/\r?\n/)
    .filter((l) => l.startsWith('#'))
    .map((l) => l.replace(/^#\s?/, ''));
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      columns: true,
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (e) {
    const err = e as { lines?: number; message: string };
    return { rows: [], headerComments, problems: [{ file: rel, line: err.lines, message: `CSV syntax: ${err.message}` }] };
  }
  const validate = compileSchema(rowSchema, true);
  const rows: CsvRow<T>[] = [];
  const problems: DataFileProblem[] = [];
  for (const { record, info } of parsed) {
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) if (v !== '') clean[k] = v;
    if (validate(clean)) {
      rows.push({ line: info.lines, record: clean as T });
    } else {
      for (const e of reportableErrors(validate.errors)) {
        problems.push({ file: rel, line: info.lines, field: pathToField(errorPath(e)) || undefined, message: errorMessage(e) });
      }
    }
  }
  return { rows, headerComments, problems };
}
