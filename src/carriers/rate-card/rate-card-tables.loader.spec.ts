import path from 'node:path';
import { loadCarrierCatalog } from '../carrier-catalog.loader';
import { CARRIER_KINDS } from '../carrier-kinds';
import { DataFileError, type DataFileProblem } from '../../platform/data-files/data-file-problem';

const root = path.resolve(__dirname, '../../..');
const dir = 'test/fixtures/carriers-bad-tables/broken-card';

describe('rate-card tables are cross-checked at boot', () => {
  let problems: DataFileProblem[];
  beforeAll(async () => {
    const error = await loadCarrierCatalog(path.join(root, 'test/fixtures/carriers-bad-tables'), CARRIER_KINDS, root).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DataFileError);
    problems = (error as DataFileError).problems;
  });

  it('stops at schema problems of carrier.yaml, reported with their line', () => {
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: `${dir}/carrier.yaml`, line: 8, field: 'trackingNumber.countryCode', message: 'is required' })]));
    expect(problems.every((p) => p.file === `${dir}/carrier.yaml`)).toBe(true);
  });
});

describe('rate-card table problems, each with file, line and field', () => {
  let problems: DataFileProblem[];
  beforeAll(async () => {
    const { loadRateCardTables } = await import('./rate-card-tables.loader');
    const { parseYamlText } = await import('../../platform/data-files/yaml-file');
    const { RATE_CARD_SCHEMA } = await import('./rate-card.kind');
    const { readFileSync } = await import('node:fs');
    // The YAML with its schema mistake fixed, so the table checks run.
    const text = readFileSync(path.join(root, dir, 'carrier.yaml'), 'utf8').replace('serviceIndicator: CX }', 'serviceIndicator: CX, countryCode: DE }');
    const parsed = parseYamlText<Record<string, unknown>>(text, `${dir}/carrier.yaml`, RATE_CARD_SCHEMA);
    expect(parsed.problems).toEqual([]);
    const definition = { ...parsed.value, dir: path.join(root, dir), raw: parsed.value, tables: {} } as never;
    problems = (await loadRateCardTables(definition, root)).problems;
  });

  const z = `${dir}/zones.csv`;
  const r = `${dir}/rates.csv`;
  const tr = `${dir}/transit.csv`;
  const y = `${dir}/carrier.yaml`;
  it.each<[string, Partial<Omit<DataFileProblem, 'message'>> & { message: RegExp }]>([
    ['a table without its source', { file: z, line: 1, message: /Source/ }],
    ['a table without a date', { file: z, line: 1, message: /date/ }],
    ['a country listed twice', { file: z, line: 4, field: 'country', message: /FR is listed twice \(also line 3\)/ }],
    ['overlapping postcode ranges', { file: z, line: 7, field: 'postcodeFrom', message: /ES 07000-07999 overlaps 07-07 \(line 6\)/ }],
    ['a range backwards', { file: z, line: 8, field: 'postcodeTo', message: /must not come before postcodeFrom 09/ }],
    ['a price falling with weight', { file: r, line: 5, field: 'price', message: /9\.00 at 2 kg is less than 10\.00 at 1 kg/ }],
    ['a weight break twice', { file: r, line: 6, field: 'maxKg', message: /2 kg twice/ }],
    ['a row without a price', { file: r, line: 7, field: 'price', message: /needs a price/ }],
    ['a zone that is not in the zone map', { file: r, line: 8, field: 'zone', message: /zone "MARS" is not in/ }],
    ['transit days backwards', { file: tr, line: 4, field: 'maxDays', message: /not be less than minDays/ }],
    ['transit for an unknown service', { file: tr, line: 5, field: 'service', message: /unknown service "express"/ }],
    ['a service whose table does not exist', { file: y, line: 36, field: 'services[1].pricing.table', message: /no rows for table "nowhere"/ }],
    ['a priced zone without transit days', { file: y, line: 28, field: 'services[0].code', message: /zone US has prices but no transit days/ }],
    ['sides not listed longest first', { file: y, line: 32, field: 'services[0].limits.maxDimensionsCm', message: /longest side first/ }],
    ['a surcharge needing a missing file', { file: y, line: 11, field: 'files.remoteAreas', message: /required/ }],
    ['a surcharge for an unknown service', { file: y, line: 26, field: 'surcharges[1].services[0]', message: /unknown service "night-express"/ }],
    ['fuel dates out of order', { file: y, line: 16, field: 'fuel[1].from', message: /must come after 2026-11-01/ }],
    ['DDP without its fee', { file: y, line: 9, field: 'ddp.ddpFee', message: /required when DDP is supported/ }],
  ])('%s', (_name, expected) => {
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ ...expected, message: expect.stringMatching(expected.message) })]));
  });
});
