import path from 'node:path';
import { loadReferenceData } from './reference-data.loader';

const root = path.resolve(__dirname, '../..');

describe('tariffs/reference/countries.csv (the shipped country names)', () => {
  let names: Map<string, string>;
  beforeAll(async () => {
    const reference = await loadReferenceData(path.join(root, 'tariffs'), root);
    names = new Map([...['US', 'GB', 'BA', 'DE', 'CI', 'HK'].map((c) => [c, reference.countries.get(c)!.name] as const)]);
  });

  it.each([
    ['US', 'United States'],
    ['GB', 'United Kingdom'],
    ['BA', 'Bosnia & Herzegovina'],
    ['DE', 'Germany'],
    ['CI', 'Côte d’Ivoire'],
  ])('%s is named %s, the full English name a label prints', (code, name) => expect(names.get(code)).toBe(name));
});
