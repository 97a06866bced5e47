import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFileError, type DataFileProblem } from '../platform/data-files/data-file-problem';
import { loadCarrierCatalog } from './carrier-catalog.loader';
import type { CarrierCatalog } from './carrier-catalog';
import { CARRIER_KINDS } from './carrier-kinds';

const root = path.resolve(__dirname, '../..');

describe('return products (carrier.yaml `returns`) of the shipped carriers', () => {
  let catalog: CarrierCatalog;
  beforeAll(async () => {
    catalog = await loadCarrierCatalog(path.join(root, 'carriers'), CARRIER_KINDS, root);
  });

  it('resolve `from: served` into the countries the tables price, outside the carrier origins', () => {
    const express = catalog.get('dhl-express')!;
    const offer = express.returns![0];
    expect(offer).toMatchObject({ service: 'express-worldwide', name: 'DHL Express Worldwide Import', to: ['DE'] });
    expect(offer.from).toEqual(expect.arrayContaining(['CA', 'US', 'FR', 'JP', 'AU']));
    expect(offer.from).not.toContain('DE');
    expect(offer.from).toEqual([...offer.from].sort());
  });

  it('leave origins as the file says: return pickup countries are the offers\' own', () => {
    const post = catalog.get('deutsche-post')!;
    expect(post.origins).toEqual(['DE']);
    expect(post.returns!.flatMap((o) => o.from)).toEqual(expect.arrayContaining(['FR', 'CH', 'NO']));
    expect(post.returns!.flatMap((o) => o.from)).not.toContain('US');
    expect(catalog.get('asendia')!.returns!.flatMap((o) => o.from)).toEqual(expect.arrayContaining(['CA', 'US']));
    expect(catalog.get('dhl-freight')).toMatchObject({ origins: ['DE'] });
    expect(catalog.get('dhl-freight')!.returns).toBeUndefined();
  });
});

describe('return products are checked at boot, each problem with its line', () => {
  let dir: string;
  let problems: DataFileProblem[];
  let yamlText: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'pw-returns-'));
    for (const id of ['asendia', 'dhl-freight', 'mydhl']) cpSync(path.join(root, 'carriers', id), path.join(dir, id), { recursive: true });
    const asendia = path.join(dir, 'asendia', 'carrier.yaml');
    yamlText = readFileSync(asendia, 'utf8').replace(
      /returns:\n(  .*\n)+/,
      [
        'returns:',
        '  - { service: epaq-express, name: Unknown, from: [CA], to: [DE] , pricing: { zone: pickup-country } }',
        '  - { service: epaq-plus, name: Wrong lanes, from: [DE, BR, CA], to: [FR], pricing: { zone: pickup-country } }',
        '  - { service: epaq-plus, name: Missing table, from: [US], to: [DE], pricing: { zone: pickup-country, table: epaq-returns } }',
        '  - { service: epaq-plus, name: Same lane again, from: [GB, US], to: [DE], pricing: { zone: pickup-country } }',
        '  - { service: epaq-plus, name: No pricing, from: [GB], to: [DE] }',
        '',
      ].join('\n'),
    );
    writeFileSync(asendia, yamlText);
    const freight = path.join(dir, 'dhl-freight', 'carrier.yaml');
    writeFileSync(
      freight,
      readFileSync(freight, 'utf8').replace('services:\n', 'returns:\n  - { service: euroconnect-pallet, name: Pallet returns, from: [FR], to: [DE], pricing: { zone: pickup-country } }\nservices:\n'),
    );
    const mydhl = path.join(dir, 'mydhl', 'carrier.yaml');
    writeFileSync(mydhl, readFileSync(mydhl, 'utf8').replace('services:\n', 'returns:\n  - { service: express-worldwide, name: Import Express, from: served, to: [DE] }\nservices:\n'));

    const error = await loadCarrierCatalog(dir, CARRIER_KINDS, dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileError);
    problems = (error as DataFileError).problems;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const lineOf = (text: string) => yamlText.split('\n').findIndex((l) => l.includes(text)) + 1;

  it('stops at a return product without pricing on a rate-card carrier, and at `served` on an API carrier', () => {
    // Schema problems come first: the file with one is not read further.
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'asendia/carrier.yaml', line: lineOf('No pricing'), field: 'returns[4].pricing', message: 'is required' }),
        expect.objectContaining({ file: 'mydhl/carrier.yaml', field: 'returns[0].from' }),
      ]),
    );
  });

  it.each<[string, Partial<Omit<DataFileProblem, 'message'>> & { message: RegExp }]>([
    ['a pallet service', { file: 'dhl-freight/carrier.yaml', field: 'returns[0].service', message: /priced per pallet/ }],
  ])('refuses %s', (_name, expected) => {
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ ...expected, message: expect.stringMatching(expected.message) })]));
  });

  describe('with the schema satisfied', () => {
    let fixed: DataFileProblem[];
    beforeAll(async () => {
      writeFileSync(path.join(dir, 'asendia', 'carrier.yaml'), yamlText.replace(/  - \{ service: epaq-plus, name: No pricing.*\n/, ''));
      rmSync(path.join(dir, 'mydhl'), { recursive: true, force: true });
      const error = await loadCarrierCatalog(dir, CARRIER_KINDS, dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      fixed = (error as DataFileError).problems.filter((p) => p.file === 'asendia/carrier.yaml');
    });

    it.each<[string, string, string, RegExp]>([
      ['an unknown service', 'Unknown', 'returns[0].service', /unknown service "epaq-express"/],
      ['a country among the origins', 'Wrong lanes', 'returns[1].from[0]', /DE is among the carrier's origins/],
      ['a country without a zone', 'Wrong lanes', 'returns[1].from[1]', /BR has no zone in asendia\/zones.csv/],
      ['a destination that is not an origin', 'Wrong lanes', 'returns[1].to[0]', /FR is not among the carrier's origins/],
      ['a missing rate table', 'Missing table', 'returns[2].pricing.table', /no rows for table "epaq-returns"/],
      ['a lane taken twice', 'Same lane again', 'returns[3].from', /returns\[2\] already takes epaq-plus returns from US to DE/],
    ])('%s', (_name, lineText, field, message) => {
      expect(fixed).toEqual(expect.arrayContaining([expect.objectContaining({ line: lineOf(lineText), field, message: expect.stringMatching(message) })]));
    });
  });
});
