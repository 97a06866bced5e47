import { describeRule, PricingRule, ruleAdjustment, selectRule } from './pricing-rule';

const rule = (r: Partial<PricingRule>): PricingRule => ({
  id: r.id ?? 'r',
  customerId: 'acme',
  carrier: null,
  service: null,
  type: 'discount',
  percent: 10,
  amount: null,
  description: null,
  ...r,
});

describe('selectRule', () => {
  const rules = [
    rule({ id: 'all', percent: 5 }),
    rule({ id: 'dhl', carrier: 'dhl-express', percent: 10 }),
    rule({ id: 'dhl-ww', carrier: 'dhl-express', service: 'express-worldwide', type: 'markup', percent: null, amount: { amount: '5.00', currency: 'EUR' } }),
  ];
  it.each([
    ['dhl-express', 'express-worldwide', 'dhl-ww'],
    ['dhl-express', 'express-1200', 'dhl'],
    ['asendia', 'epaq-plus', 'all'],
  ])('%s %s -> %s', (carrier, service, id) => {
    expect(selectRule(rules, carrier, service)?.id).toBe(id);
  });

  it('none when nothing matches', () => {
    expect(selectRule([rule({ carrier: 'dhl-freight' })], 'asendia', 'epaq-plus')).toBeUndefined();
    expect(selectRule([], 'asendia', 'epaq-plus')).toBeUndefined();
  });
});

describe('ruleAdjustment', () => {
  it.each<[string, Partial<PricingRule>, number, number | undefined, number]>([
    ['percentage discount', { type: 'discount', percent: 12.5 }, 80, undefined, -10],
    ['percentage markup', { type: 'markup', percent: 15 }, 80, undefined, 12],
    ['fixed markup in the quote currency', { type: 'markup', percent: null, amount: { amount: '5.00', currency: 'EUR' } }, 80, 5.43, 5.43],
    ['fixed discount', { type: 'discount', percent: null, amount: { amount: '5.00', currency: 'EUR' } }, 80, 5, -5],
    ['a discount never goes below zero', { type: 'discount', percent: null, amount: { amount: '50.00', currency: 'EUR' } }, 30, 50, -30],
    ['100 % discount', { type: 'discount', percent: 100 }, 30, undefined, -30],
  ])('%s', (_name, r, shipping, fixed, expected) => {
    expect(ruleAdjustment(rule(r), shipping, fixed)).toBeCloseTo(expected, 9);
  });
});

describe('describeRule', () => {
  it('names the size and the scope', () => {
    expect(describeRule(rule({ carrier: 'dhl-express', percent: 12 }))).toBe('Customer discount (12%, dhl-express)');
    expect(describeRule(rule({ type: 'markup', percent: null, amount: { amount: '5.00', currency: 'EUR' }, description: 'Handling' }))).toBe('Handling (5.00 EUR, all carriers)');
  });
});
