import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataFileError } from '../platform/data-files/data-file-problem';
import type { DutyExpression } from './duty-expression';
import { loadLandedCostRules } from './landed-cost-rules.loader';

const root = path.resolve(__dirname, '../..');

describe('loadLandedCostRules', () => {
  it('loads the real tariffs folder', async () => {
    const rules = await loadLandedCostRules(path.join(root, 'tariffs'), root);
    for (const c of ['US', 'GB', 'CA', 'AU', 'JP', 'CH', 'NO', 'CN', 'SG', 'BR', 'MX', 'IN', 'DE', 'FR', 'SE', 'PL']) expect(rules.forCountry(c)).toBeDefined();
    expect(rules.forCountry('FR')!.countries).toHaveLength(27);
    expect(rules.schedule('EU')!.size).toBeGreaterThan(10000);
    expect(rules.warnings.length).toBeGreaterThan(0);
  });

  it('parses each distinct duty expression once and keeps every line\'s own fields', async () => {
    const rules = await loadLandedCostRules(path.join(root, 'tariffs'), root);
    const lines = rules.schedule('EU')!.allLines();
    const byText = new Map<string, DutyExpression>();
    for (const l of lines) {
      const first = byText.get(l.expression.text) ?? l.expression;
      byText.set(l.expression.text, first);
      expect(l.expression).toBe(first);
    }
    expect(byText.size).toBeLessThan(lines.length / 10);
    const line = lines.find((l) => l.code === '61091000')!;
    expect(line).toMatchObject({ code: '61091000', validFrom: '2020-01-01', origins: [], file: 'tariffs/duty/EU/cn-cet-2020.csv' });
    expect(line.expression.text).toBe('12.0%');
    expect(line.source).toMatch(/^EU Common External Tariff/);
    // A header source is a string of its own, not a piece of the file's text.
    expect(line.source).not.toContain('\n');
  });

  it('reports a bad duty expression on every line that has it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-duty-'));
    try {
      await fs.mkdir(path.join(dir, 'duty', 'XX'), { recursive: true });
      await fs.writeFile(
        path.join(dir, 'duty', 'XX', 'lines.csv'),
        ['# Source: test', '# Currency: EUR', 'code,expression,validFrom', '610910,"9% (01 JAN-31 XYZ)",2020-01-01', '610920,12%,2020-01-01', '610990,"9% (01 JAN-31 XYZ)",2020-01-01', '611010,12%,2020-01-01'].join('\n'),
      );
      const error = (await loadLandedCostRules(dir, dir).catch((e) => e)) as DataFileError;
      expect(error).toBeInstanceOf(DataFileError);
      expect(error.problems.filter((p) => p.field === 'expression').map((p) => p.line)).toEqual([4, 6]);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('lists every problem with file, line and field', async () => {
    const error = (await loadLandedCostRules(path.join(root, 'test/fixtures/landed-cost/bad-tariffs'), root).catch((e) => e)) as DataFileError;
    expect(error).toBeInstanceOf(DataFileError);
    const rules = 'test/fixtures/landed-cost/bad-tariffs/rules/XX.yaml';
    const duty = 'test/fixtures/landed-cost/bad-tariffs/duty/XX/lines.csv';
    const tax = 'test/fixtures/landed-cost/bad-tariffs/tax/vat-rates.csv';
    expect(error.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: rules, line: 8, field: 'records[0].basis', message: expect.stringMatching(/must be one of "CIF", "FOB"/) }),
        expect.objectContaining({ file: rules, field: 'records[2].type' }),
        expect.objectContaining({ file: rules, field: 'records[3].colour', message: 'unknown field' }),
        expect.objectContaining({ file: duty, line: 1, message: expect.stringMatching(/Currency/) }),
        expect.objectContaining({ file: duty, line: 4, field: 'code' }),
        expect.objectContaining({ file: tax, line: 3, field: 'hs', message: expect.stringMatching(/needs the HS prefixes/) }),
        expect.objectContaining({ file: tax, line: 4, field: 'percent' }),
      ]),
    );
  });

  it('cross-checks what the schema cannot see', async () => {
    const error = (await loadLandedCostRules(path.join(root, 'test/fixtures/landed-cost/bad-tariffs'), root).catch((e) => e)) as DataFileError;
    const yy = 'test/fixtures/landed-cost/bad-tariffs/rules/YY.yaml';
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { file: yy, field: 'records[0].validTo', message: 'is before validFrom' },
        { file: yy, field: 'records[0].amount', message: 'a fee needs an amount or a percent' },
        { file: yy, field: 'records[1].id', message: `yy-fee is also used in ${yy}` },
        { file: yy, field: 'records[1].countries', message: 'FR is not one of this file\'s countries' },
        { file: yy, field: 'schedule', message: 'no folder tariffs/duty/ZZ' },
      ]),
    );
    expect(error.problems.some((p) => p.message.includes('"then" schema'))).toBe(false);
  });
});
