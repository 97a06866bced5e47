import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DataFileError, DataFileProblem } from '../platform/data-files/data-file-problem';
import { loadYamlFile } from '../platform/data-files/yaml-file';
import { CarrierCatalog } from './carrier-catalog';
import type { CarrierDefinition } from './carrier-definition';
import type { CarrierKind } from './carrier-kind';

const ADAPTER_ONLY = { type: 'object', required: ['adapter'], properties: { adapter: { type: 'string' } } };

/**
 * Reads every `carriers/<id>/carrier.yaml`, validates it with the schema of the adapter it names and
 * lets that adapter load its tables. All problems of all files are collected and thrown together.
 * A folder whose name starts with `_` or `.` is skipped (drafts, shared notes).
 */
export async function loadCarrierCatalog(
  carriersDir: string,
  kinds: CarrierKind[],
  baseDir = process.cwd(),
): Promise<CarrierCatalog> {
  const byAdapter = new Map(kinds.map((k) => [k.adapter, k]));
  const problems: DataFileProblem[] = [];
  const carriers: CarrierDefinition[] = [];
  let entries: string[];
  try {
    entries = (await fs.readdir(carriersDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    throw new DataFileError([{ file: path.relative(baseDir, carriersDir) || carriersDir, message: `cannot read folder: ${(e as Error).message}` }]);
  }

  for (const name of entries) {
    const dir = path.join(carriersDir, name);
    const file = path.join(dir, 'carrier.yaml');
    const rel = path.relative(baseDir, file);
    const head = await loadYamlFile<{ adapter: string }>(file, ADAPTER_ONLY, baseDir);
    if (!head.value) {
      problems.push(...head.problems);
      continue;
    }
    const kind = byAdapter.get(head.value.adapter);
    if (!kind) {
      problems.push({ file: rel, field: 'adapter', message: `unknown adapter "${head.value.adapter}"; known: ${[...byAdapter.keys()].join(', ')}` });
      continue;
    }
    const loaded = await loadYamlFile<Omit<CarrierDefinition, 'dir' | 'raw' | 'tables'>>(file, kind.schema, baseDir);
    if (!loaded.value) {
      problems.push(...loaded.problems);
      continue;
    }
    if (loaded.value.id !== name) {
      problems.push({ file: rel, field: 'id', message: `must equal the folder name "${name}"` });
      continue;
    }
    const definition: CarrierDefinition = {
      ...loaded.value,
      dir,
      raw: loaded.value as unknown as Record<string, unknown>,
      tables: {},
    };
    const codes = new Set<string>();
    definition.services.forEach((s, i) => {
      if (codes.has(s.code)) problems.push({ file: rel, field: `services[${i}].code`, message: `duplicate service code "${s.code}"` });
      codes.add(s.code);
    });
    if (kind.loadTables) {
      const { tables, problems: tableProblems } = await kind.loadTables(definition, baseDir);
      problems.push(...tableProblems);
      definition.tables = tables;
    }
    carriers.push(definition);
  }
  if (problems.length) throw new DataFileError(problems);
  return new CarrierCatalog(carriers);
}
