import type { ChargeLine } from '../carriers/carrier-adapter';
import { describeRule, type PricingRule, ruleAdjustment } from '../customers/pricing-rule';
import { type CurrencyTable, type Money, roundAmount } from '../money/money';

/** A charge as a quote shows it: the line's amount in the quote currency. */
export interface QuoteCharge {
  type: ChargeLine['type'];
  code: string;
  description?: string;
  amount: Money;
}

export interface OptionPrice {
  charges: QuoteCharge[];
  total: Money;
  /** The total before the customer's rule, in the quote currency. */
  subtotal: Money;
}

/**
 * A carrier's price in the quote currency with the customer's rule applied.
 *
 * Rounding: each carrier line is converted at the exact rate and rounded to the quote currency's
 * minor units on its own (JPY to whole yen); the rule's adjustment is computed on the sum of those
 * rounded lines and rounded once more; the total is the sum of the rounded lines. So the lines
 * always add up to the total shown.
 */
export function priceOption(input: {
  lines: ChargeLine[];
  /** 1 unit of the carrier currency in the quote currency. */
  rate: string;
  currency: string;
  currencies: CurrencyTable;
  rule?: PricingRule;
  /** The rule's fixed amount converted to the quote currency (working precision). */
  ruleFixedInQuote?: number;
}): OptionPrice {
  const { currency, currencies } = input;
  const digits = currencies.minorUnits(currency);
  const money = (value: number): Money => ({ amount: roundAmount(value, digits).toFixed(digits), currency });
  const rate = Number(input.rate);
  const charges: QuoteCharge[] = input.lines.map((l) => ({
    type: l.type,
    code: l.code,
    ...(l.description !== undefined && { description: l.description }),
    // The line amounts have at most 4 decimals and rates 10 significant digits: a double's product is
    // exact well beyond the 6 working decimals that `round` looks at.
    amount: money(Number(l.amount) * rate),
  }));
  const subtotal = sumAmounts(charges, digits);
  if (input.rule) {
    const adjustment = ruleAdjustment(input.rule, subtotal, input.ruleFixedInQuote);
    if (adjustment !== 0) {
      charges.push({ type: input.rule.type, code: `customer-${input.rule.type}`, description: describeRule(input.rule), amount: money(adjustment) });
    }
  }
  return { charges, total: money(sumAmounts(charges, digits)), subtotal: money(subtotal) };
}

/** Sum of amounts already rounded to `digits` decimals, in integer minor units (no float drift). */
function sumAmounts(charges: QuoteCharge[], digits: number): number {
  const factor = 10 ** digits;
  return charges.reduce((acc, c) => acc + Math.round(Number(c.amount.amount) * factor), 0) / factor;
}
