import fc from 'fast-check';
import { adValoremPercent, evaluateDuty, isFullySupported, parseDutyExpression } from './duty-expression';

const q = { value: 100, netKg: 10, items: 3, litres: 2, alcoholPercent: 40 };
const same = (a: number) => a;
const eurToGbp = (a: number, c: string) => (c === 'EUR' ? a * 0.85 : a);

describe('duty expressions', () => {
  it.each([
    // text, amount for value 100, 10 kg, 3 items, 2 litres at 40% vol
    ['12%', 12],
    ['Free', 0],
    ['0.0%', 0],
    ['3.50 EUR / 100 kg', 0.35],
    ['85 EUR / tonne', 0.85],
    ['2 EUR / item', 6],
    ['30 EUR / 1000 items', 0.09],
    ['0.8 EUR / pair', 2.4],
    ['10 EUR / hl', 0.2],
    ['1 EUR / % vol / hl', 0.8],
    ['4.4¢/kg', 0.44],
    ['6.3¢/liter', 0.126],
    ['$1.20/L', 2.4],
    ['12% + 3.5 EUR / 100 kg', 12.35],
    ['90¢/pr. + 20%', 22.7],
    ['8% MIN 2 EUR / item', 8],
    ['1% MIN 2 EUR / item', 6],
    ['30% MAX 2 EUR / item', 6],
    ['8% MIN 2 EUR / item MAX 5 EUR / item', 8],
    ['1% MIN 2 EUR / item MAX 5 EUR / item', 6],
    ['20% MIN 2 EUR / item MAX 5 EUR / item', 15],
    ['7.2 MIN 0.36 EUR/100 kg', 7.2],
    ['12.00% MIN 0.40 EUR / 100 kg', 12],
  ])('%s = %d', (text, amount) => {
    expect(evaluateDuty(parseDutyExpression(text), '2026-05-01', q, same).amount).toBeCloseTo(amount, 9);
  });

  it('converts specific amounts into the customs currency', () => {
    expect(evaluateDuty(parseDutyExpression('3.5 EUR / 100 kg'), '2026-05-01', { ...q, netKg: 100 }, eurToGbp).amount).toBeCloseTo(2.975, 9);
  });

  it.each([
    ['2026-02-01', 9.6],
    ['2026-04-15', 13.6],
    ['2026-12-15', 9.6],
  ])('picks the season in force on %s', (date, amount) => {
    const e = parseDutyExpression('9.60% MIN 1.1 €/100 kg/net (01 JAN-14 APR, 01-31 DEC), 13.60% MIN 1.6€/100kg/net (15 APR-30 NOV)');
    expect(evaluateDuty(e, date, q, same).amount).toBeCloseTo(amount, 9);
  });

  it('keeps components it cannot compute and says so', () => {
    const e = parseDutyExpression('9% +  EA MAX 18.7%  + ADSZ');
    const r = evaluateDuty(e, '2026-05-01', q, same);
    expect(r.amount).toBeCloseTo(9, 9);
    expect(r.notes).toEqual([expect.stringMatching(/"EA"/), expect.stringMatching(/"ADSZ"/)]);
    expect(isFullySupported(e)).toBe(false);
  });

  it('reports missing quantities instead of guessing silently', () => {
    expect(evaluateDuty(parseDutyExpression('3.5 EUR / 100 kg'), '2026-05-01', { value: 100, items: 1 }, same).notes).toEqual([expect.stringMatching(/weight unknown/)]);
    expect(evaluateDuty(parseDutyExpression('10 EUR / hl'), '2026-05-01', { value: 100, items: 1, netKg: 50 }, same)).toEqual({
      amount: 5,
      notes: [expect.stringMatching(/estimated from the weight/)],
    });
  });

  it('knows the ad valorem rate of simple expressions only', () => {
    expect(adValoremPercent(parseDutyExpression('8.5%'), '2026-01-01')).toBe(8.5);
    expect(adValoremPercent(parseDutyExpression('8% MIN 2 EUR / item'), '2026-01-01')).toBeUndefined();
  });

  it('rejects empty text and unreadable seasons', () => {
    expect(() => parseDutyExpression(' ')).toThrow(/empty/);
    expect(() => parseDutyExpression('5% (01 JAN-31 XYZ)')).toThrow(/cannot read the days/);
  });

  it('MIN never lowers and MAX never raises the amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 50 }), (value, pct, floor) => {
        const base = (value * pct) / 100;
        const min = evaluateDuty(parseDutyExpression(`${pct}% MIN ${floor} EUR / item`), '2026-01-01', { value, items: 1 }, same).amount;
        const max = evaluateDuty(parseDutyExpression(`${pct}% MAX ${floor} EUR / item`), '2026-01-01', { value, items: 1 }, same).amount;
        return min >= base - 1e-9 && min >= floor - 1e-9 && max <= base + 1e-9 && max <= floor + 1e-9;
      }),
    );
  });
});
