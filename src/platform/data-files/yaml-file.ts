import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import type { DataFileProblem } from './data-file-problem';
import { compileSchema, errorMessage, errorPath, pathToField, reportableErrors } from './schema-validator';

export interface LoadedYaml<T> {
  value: T | undefined;
  problems: DataFileProblem[];
}

/**
 * Reads a YAML file and validates it against a JSON Schema. Every problem is reported with the file
 * (relative to `baseDir`), the line of the offending node and the field path.
 * `value` is undefined when there was any problem.
 */
export async function loadYamlFile<T>(file: string, schema: object, baseDir = process.cwd()): Promise<LoadedYaml<T>> {
  const rel = path.relative(baseDir, file) || file;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    return { value: undefined, problems: [{ file: rel, message: `cannot read file: ${(e as Error).message}` }] };
  }
  return parseYamlText<T>(text, rel, schema);
}

export function parseYamlText<T>(text: string, rel: string, schema: object): LoadedYaml<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      value: undefined,
      problems: doc.errors.map((e) => ({
        file: rel,
        line: e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
  const validate = compileSchema(schema);
  if (validate(value)) return { value: value as T, problems: [] };
  const problems = reportableErrors(validate.errors).map((e) => {
    const p = errorPath(e);
    // Point at the node itself when it exists, else at its parent (a missing field).
    let node: unknown = doc.getIn(p, true);
    if (!isNode(node)) node = doc.getIn(p.slice(0, -1), true);
    const offset = isNode(node) && node.range ? node.range[0] : 0;
    return { file: rel, line: lineCounter.linePos(offset).line, field: pathToField(p) || undefined, message: errorMessage(e) };
  });
  return { value: undefined, problems: dedupe(problems) };
}

function dedupe(ps: DataFileProblem[]): DataFileProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.line}|${p.field}|${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
