import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCsvText } from '../../platform/data-files/csv-file';
import { TARIFF_LINE_SCHEMA } from '../landed-cost-rules.schema';
import { importEuTaric } from './eu-taric.importer';
import { formatDutyCsv, runTariffImport } from './tariff-import';
import { importUkTradeTariff } from './uk-trade-tariff.importer';
import { importUsitcHts } from './usitc-hts.importer';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/landed-cost/importers');
const read = (f: string) => fs.readFile(path.join(fixtures, f), 'utf8');

describe('USITC HTS JSON importer', () => {
  it('takes column 1 rates and maps the special column to origins', async () => {
    const r = importUsitcHts(JSON.parse(await read('hts-sample.json')), '2026-01-01');
    expect(r.lines.filter((l) => !l.origins.length).map((l) => [l.code, l.expression])).toEqual([
      ['61091000', '16.5%'],
      ['22042150', '6.3¢/liter'],
    ]);
    const usmca = r.lines.find((l) => l.code === '61091000' && l.origins.includes('MX'))!;
    expect(usmca).toMatchObject({ expression: 'Free', program: expect.stringContaining('USMCA') });
    expect(usmca.origins).toEqual(expect.arrayContaining(['AU', 'CA', 'KR', 'CR', 'SG']));
    expect(r.skipped).toBe(1);
    expect(r.warnings[0]).toMatch(/6402.99.31/);
  });
});

describe('EU TARIC duties importer', () => {
  it('keeps third-country duties and single-country preferences', async () => {
    const r = importEuTaric(await read('taric-duties-sample.csv'));
    expect(r.lines.map((l) => [l.code, l.expression, l.origins.join(' '), l.validFrom, l.validTo])).toEqual([
      ['6109100010', '12.0 %', '', '2021-01-01', undefined],
      ['6109100010', '0.0 %', 'JP', '2021-01-01', undefined],
      ['07049010', '12.0 % MIN 0.40 EUR / 100 kg', '', '2021-01-01', '2030-12-31'],
      ['22042106', '32.00 EUR / hl', '', '2021-01-01', undefined],
      // Kept: the engine reports entry prices as not computed rather than dropping the line.
      ['07099990', 'Entry Price', '', '2021-01-01', undefined],
    ]);
    expect(r.skipped).toBe(0);
  });
});

describe('UK Trade Tariff API importer', () => {
  it('reads the flat commodity document', async () => {
    const r = importUkTradeTariff([JSON.parse(await read('uk-commodity-0702000007.json'))]);
    expect(r.lines.find((l) => !l.origins.length)).toMatchObject({ code: '0702000007', expression: '8.00 %', validFrom: '2021-01-01', validTo: '2021-05-14' });
    expect(r.lines.some((l) => l.origins.join() === 'CA')).toBe(true);
  });

  it('reads the JSON:API document', async () => {
    const r = importUkTradeTariff([JSON.parse(await read('uk-commodity-jsonapi.json'))]);
    expect(r.lines.map((l) => [l.code, l.expression, l.origins.join(' ')])).toEqual([
      ['6109100010', '12.00 %', ''],
      ['6109100010', '0.00 %', 'JP'],
    ]);
  });
});

describe('writing a schedule', () => {
  it('writes a file the schedule loader accepts, with source, currency and date', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-import-'));
    const out = path.join(dir, 'uk.csv');
    const r = await runTariffImport('uk-tariff', { inputs: [path.join(fixtures, 'uk-commodity-jsonapi.json')], out, retrievedAt: '2026-11-27', validFrom: '2026-11-27', root: dir });
    expect(r.lines).toBe(2);
    const text = await fs.readFile(out, 'utf8');
    expect(text).toMatch(/^# Source: UK Trade Tariff API/m);
    expect(text).toMatch(/^# Currency: GBP/m);
    const parsed = parseCsvText(text, 'uk.csv', TARIFF_LINE_SCHEMA);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(2);
    await fs.rm(dir, { recursive: true });
  });

  it('quotes cells that need it', () => {
    const text = formatDutyCsv([{ code: '61091000', expression: '12%', validFrom: '2026-01-01', origins: [], description: 'T-shirts, "basic"' }], 's', 'EUR', '2026-11-27');
    expect(text.trim().split('\n').at(-1)).toBe('61091000,12%,2026-01-01,,,,"T-shirts, ""basic"""');
  });
});
