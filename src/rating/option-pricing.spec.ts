import fc from 'fast-check';
import type { ChargeLine } from '../carriers/carrier-adapter';
import type { PricingRule } from '../customers/pricing-rule';
import type { CurrencyTable } from '../money/money';
import { priceOption } from './option-pricing';

const currencies: CurrencyTable = { minorUnits: (c) => ({ JPY: 0, KWD: 3 })[c as 'JPY' | 'KWD'] ?? 2, has: () => true };
const lines: ChargeLine[] = [
  { type: 'base', code: 'base', amount: '104.13' },
  { type: 'surcharge', code: 'remote', amount: '24.00' },
  { type: 'fuel', code: 'fuel', amount: '31.71' },
];
const rule = (r: Partial<PricingRule>): PricingRule => ({ id: 'r', customerId: 'c', carrier: null, service: null, type: 'discount', percent: 10, amount: null, description: null, ...r });

describe('priceOption', () => {
  it.each<[string, string, string, Partial<PricingRule> | undefined, number | undefined, string[], string]>([
    ['same currency', '1', 'EUR', undefined, undefined, ['104.13', '24.00', '31.71'], '159.84'],
    // Each line converted and rounded on its own: 118.26 + 27.26 + 36.01.
    ['converted per line', '1.1357', 'USD', undefined, undefined, ['118.26', '27.26', '36.01'], '181.53'],
    ['yen have no minor unit', '162.8', 'JPY', undefined, undefined, ['16952', '3907', '5162'], '26021'],
    ['dinar have three', '0.3312', 'KWD', undefined, undefined, ['34.488', '7.949', '10.502'], '52.939'],
    ['percentage discount on the converted total', '1', 'EUR', { percent: 10 }, undefined, ['104.13', '24.00', '31.71', '-15.98'], '143.86'],
    ['fixed markup converted before', '1.1357', 'USD', { type: 'markup', percent: null, amount: { amount: '5.00', currency: 'EUR' } }, 5.6785, ['118.26', '27.26', '36.01', '5.68'], '187.21'],
    ['a discount stops at zero', '1', 'EUR', { percent: null, amount: { amount: '500.00', currency: 'EUR' } }, 500, ['104.13', '24.00', '31.71', '-159.84'], '0.00'],
  ])('%s', (_name, rate, currency, r, fixed, amounts, total) => {
    const p = priceOption({ lines, rate, currency, currencies, rule: r && rule(r), ruleFixedInQuote: fixed });
    expect(p.charges.map((c) => c.amount.amount)).toEqual(amounts);
    expect(p.total).toEqual({ amount: total, currency });
  });

  it('names the rule on its line', () => {
    const p = priceOption({ lines, rate: '1', currency: 'EUR', currencies, rule: rule({ carrier: 'dhl-express', percent: 12.5, description: 'Frame contract' }) });
    expect(p.charges.at(-1)).toEqual({ type: 'discount', code: 'customer-discount', description: 'Frame contract (12.5%, dhl-express)', amount: { amount: '-19.98', currency: 'EUR' } });
  });

  it('property: the lines always add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000_000 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
        (cents, rateMillionths, currency, percentHundredths) => {
          const ls: ChargeLine[] = cents.map((c, i) => ({ type: i === 0 ? 'base' : 'surcharge', code: `c${i}`, amount: (c / 100).toFixed(2) }));
          const r = percentHundredths === undefined ? undefined : rule({ type: percentHundredths % 2 ? 'markup' : 'discount', percent: percentHundredths / 100 });
          const p = priceOption({ lines: ls, rate: String(rateMillionths / 1e6), currency, currencies, rule: r });
          const digits = currencies.minorUnits(currency);
          const sum = p.charges.reduce((s, c) => s + Math.round(Number(c.amount.amount) * 10 ** digits), 0);
          expect(Math.round(Number(p.total.amount) * 10 ** digits)).toBe(sum);
          expect(Number(p.total.amount)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
