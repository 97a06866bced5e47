import { promises as fs } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** A rate-card carrier found in the real `carriers/` folder. */
interface SourceCarrier {
  id: string;
  dir: string;
}

/** The rate-card carriers of a carriers folder (API carriers are left out: they are not table-priced). */
export async function rateCardCarriers(carriersDir: string): Promise<SourceCarrier[]> {
  const found: SourceCarrier[] = [];
  for (const entry of (await fs.readdir(carriersDir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
    const dir = path.join(carriersDir, entry.name);
    try {
      const doc = YAML.parse(await fs.readFile(path.join(dir, 'carrier.yaml'), 'utf8')) as { id?: string; adapter?: string };
      if (doc?.adapter === 'rate-card' && doc.id) found.push({ id: doc.id, dir });
    } catch {
      // not a carrier folder
    }
  }
  return found;
}

/**
 * Writes a carriers folder with exactly `count` rate-card carriers for the growth benchmark: the real
 * ones first (`first` leads), then copies of them under new ids (`<id>-copy<n>`), so that the service
 * loads and rates `count` carriers whose tables are real-sized. Returns the ids written.
 */
export async function writeCarrierSet(carriersDir: string, target: string, count: number, first?: string): Promise<string[]> {
  const sources = await rateCardCarriers(carriersDir);
  if (!sources.length) throw new Error(`no rate-card carriers in ${carriersDir}`);
  if (first) {
    const i = sources.findIndex((s) => s.id === first);
    if (i > 0) sources.unshift(...sources.splice(i, 1));
  }
  await fs.rm(target, { recursive: true, force: true });
  await fs.mkdir(target, { recursive: true });
  // Files beside the carrier folders (e.g. weekends.csv) are shared by all carriers: keep them.
  for (const entry of await fs.readdir(carriersDir, { withFileTypes: true })) {
    if (entry.isFile()) await fs.copyFile(path.join(carriersDir, entry.name), path.join(target, entry.name));
  }
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const source = sources[n % sources.length];
    const round = Math.floor(n / sources.length);
    const id = round === 0 ? source.id : `${source.id}-copy${round}`;
    const dir = path.join(target, id);
    await fs.cp(source.dir, dir, { recursive: true });
    if (id !== source.id) {
      // Edit through the YAML document so that comments and layout survive.
      const file = path.join(dir, 'carrier.yaml');
      const doc = YAML.parseDocument(await fs.readFile(file, 'utf8'));
      doc.set('id', id);
      doc.set('name', `${String(doc.get('name'))} (copy ${round})`);
      await fs.writeFile(file, doc.toString());
    }
    ids.push(id);
  }
  return ids;
}
