import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ecbDate, formatEcbCsv, mergeSnapshots, parseEcbCsv } from './fx-ecb-csv';

const fixtures = path.join(__dirname, '../../test/fixtures/landed-cost/fx');

describe('ECB reference-rate CSV', () => {
  it('reads the history layout, skipping N/A columns', () => {
    const r = parseEcbCsv(readFileSync(path.join(fixtures, 'eurofxref-hist-sample.csv'), 'utf8'), 'hist.csv', 'ecb');
    expect(r.problems).toEqual([]);
    expect(r.snapshots.map((s) => s.date)).toEqual(['2025-04-17', '2025-04-22', '2025-04-23', '2025-04-24', '2025-04-25']);
    const last = r.snapshots.at(-1)!;
    expect(last.perEur.get('USD')).toBe('1.1357');
    expect(last.perEur.get('JPY')).toBe('162.8');
    expect(last.perEur.has('CYP')).toBe(false);
  });

  it('reads the one-day layout with its spaces and long date', () => {
    const r = parseEcbCsv(readFileSync(path.join(fixtures, 'eurofxref-daily-sample.csv'), 'utf8'), 'daily.csv', 'ecb');
    expect(r.problems).toEqual([]);
    expect(r.snapshots).toHaveLength(1);
    expect(r.snapshots[0].date).toBe('2024-06-28');
    expect(r.snapshots[0].perEur.get('GBP')).toBe('0.84638');
  });

  it.each([
    ['25 April 2025', '2025-04-25'],
    ['1 January 2026', '2026-01-01'],
    ['2026-02-30', undefined],
    ['31 Smarch 2026', undefined],
  ])('reads the date %s as %s', (text, iso) => {
    expect(ecbDate(text)).toBe(iso);
  });

  it('reports every bad cell, a missing source and repeated days', () => {
    const text = 'Date,USD,GBP\n2025-04-25,1.13,0.85\n2025-04-24,1.1,abc\n2025-13-01,1.1,0.8\n2025-04-25,1.2,0.8\n2025-04-26,0,0.8\n';
    const r = parseEcbCsv(text, 'bad.csv');
    expect(r.problems).toEqual([
      { file: 'bad.csv', line: 3, field: 'GBP', message: expect.stringMatching(/pattern/) },
      { file: 'bad.csv', line: 1, message: expect.stringMatching(/Source/) },
      { file: 'bad.csv', line: 4, field: 'Date', message: 'is not a date: 2025-13-01' },
      { file: 'bad.csv', line: 5, field: 'Date', message: '2025-04-25 is already given on line 2' },
      { file: 'bad.csv', line: 6, field: 'USD', message: 'must be a positive rate' },
    ]);
  });

  it('writes what it reads (round trip) and merges new days over old', () => {
    const text = '# Source: ecb\nDate,GBP,USD\n2025-04-25,0.8531,1.1357\n2025-04-24,0.855,N/A\n';
    const r = parseEcbCsv(text, 'x.csv');
    expect(formatEcbCsv(r.snapshots, ['Source: ecb'])).toBe(text);
    const merged = mergeSnapshots(r.snapshots, [{ date: '2025-04-24', source: 'ecb', perEur: new Map([['USD', '1.1376']]) }]);
    expect(merged.map((s) => [s.date, s.perEur.get('USD')])).toEqual([
      ['2025-04-24', '1.1376'],
      ['2025-04-25', '1.1357'],
    ]);
  });
});
