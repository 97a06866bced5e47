import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { DataFileError, DataFileProblem } from '../platform/data-files/data-file-problem';
import { pathToField } from '../platform/data-files/schema-validator';
import { loadYamlFile } from '../platform/data-files/yaml-file';
import { CarrierCatalog } from './carrier-catalog';
import type { CarrierDefinition } from './carrier-definition';
import type { CarrierKind } from './carrier-kind';

const ADAPTER_ONLY = { type: 'object', required: ['adapter'], properties: { adapter: { type: 'string' } } };

/**
 * Reads every `carriers/<id>/carrier.yaml`, validates it with the schema of the adapter it names and
 * lets that adapter load its tables. All problems of all files are collected and thrown together.
 * A folder whose name starts with `_` or `.` is skipped (drafts, shared notes).
 *
 * Return products (`returns`) are checked against the carrier's services and origins; a return label is
 * booked like any shipment, from the buyer's country (booking accepts a return product's pickup
 * countries, and the rating prices only its return lanes from there).
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
      // Rate-card tables also resolve `returns[].from: served` into the countries they price.
      const { tables, problems: tableProblems } = await kind.loadTables(definition, baseDir);
      problems.push(...tableProblems);
      definition.tables = tables;
    }
    if (definition.returns) {
      const lineOf = await yamlLocator(file);
      problems.push(...returnOfferProblems(definition).map((p) => ({ file: rel, line: lineOf(p.at), field: pathToField(p.at), message: p.message })));
    }
    carriers.push(definition);
  }
  if (problems.length) throw new DataFileError(problems);
  return new CarrierCatalog(carriers);
}

/**
 * What the schema cannot see in `returns`: the service must be the carrier's, returns go to its origins
 * (the merchant's country), and two offers of one service must not cover the same lane (which of them
 * prices it would then depend on their order).
 */
function returnOfferProblems(carrier: CarrierDefinition): { at: (string | number)[]; message: string }[] {
  const out: { at: (string | number)[]; message: string }[] = [];
  const codes = new Set(carrier.services.map((s) => s.code));
  const offers = carrier.returns ?? [];
  offers.forEach((offer, i) => {
    if (!codes.has(offer.service)) out.push({ at: ['returns', i, 'service'], message: `unknown service "${offer.service}"; the carrier has ${[...codes].join(', ')}` });
    if (!Array.isArray(offer.from)) out.push({ at: ['returns', i, 'from'], message: 'list the countries (only rate-card carriers can say "served")' });
    offer.to.forEach((country, j) => {
      if (!carrier.origins.includes(country)) out.push({ at: ['returns', i, 'to', j], message: `${country} is not among the carrier's origins (${carrier.origins.join(', ')}): returns are delivered to the merchant's country` });
    });
    offers.slice(0, i).forEach((earlier, k) => {
      if (earlier.service !== offer.service || !Array.isArray(earlier.from) || !Array.isArray(offer.from)) return;
      const from = offer.from.find((c) => earlier.from.includes(c));
      const to = offer.to.find((c) => earlier.to.includes(c));
      if (from && to) out.push({ at: ['returns', i, 'from'], message: `returns[${k}] already takes ${offer.service} returns from ${from} to ${to}` });
    });
  });
  return out;
}

/** Finds the line of a field in a YAML file, for problems found after schema validation. */
export async function yamlLocator(file: string): Promise<(p: (string | number)[]) => number | undefined> {
  try {
    const text = await fs.readFile(file, 'utf8');
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter });
    return (p) => {
      for (let n = p.length; n >= 0; n--) {
        const node = doc.getIn(p.slice(0, n), true);
        if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    };
  } catch {
    return () => undefined;
  }
}
