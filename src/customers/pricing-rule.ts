import type { Money } from '../money/money';

/**
 * A negotiated price adjustment for one B2B customer: a markup or a discount, as a percentage of the
 * shipping price or a fixed amount, for all carriers, one carrier, or one carrier's service.
 */
export interface PricingRule {
  id: string;
  customerId: string;
  /** Carrier id; null = every carrier. */
  carrier: string | null;
  /** Service code of `carrier`; null = every service of the carrier. */
  service: string | null;
  type: 'markup' | 'discount';
  /** Percentage of the shipping price (e.g. 12.5); exactly one of `percent` and `amount` is set. */
  percent: number | null;
  amount: Money | null;
  description: string | null;
}

/**
 * The rule that applies to a carrier service: the most specific one (service, then carrier, then
 * customer-wide). Rules do not stack, so "15 % off everything, but DHL Express Worldwide at cost plus
 * 5 EUR" is two rules and reads as it says. Scopes are unique per customer, so there is never a tie.
 */
export function selectRule(rules: readonly PricingRule[], carrier: string, service: string): PricingRule | undefined {
  let best: PricingRule | undefined;
  let bestRank = -1;
  for (const r of rules) {
    if (r.carrier !== null && r.carrier !== carrier) continue;
    if (r.service !== null && r.service !== service) continue;
    const rank = r.service !== null ? 2 : r.carrier !== null ? 1 : 0;
    if (rank > bestRank) {
      best = r;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The signed adjustment a rule makes to a shipping price (both in the quote currency at working
 * precision): positive for a markup, negative for a discount. A discount never takes the price below
 * zero. `fixed` is the rule's fixed amount already converted to the quote currency.
 */
export function ruleAdjustment(rule: PricingRule, shipping: number, fixed?: number): number {
  const size = rule.percent !== null ? (shipping * rule.percent) / 100 : (fixed ?? 0);
  return rule.type === 'markup' ? size : -Math.min(size, shipping);
}

export function describeRule(rule: PricingRule): string {
  const size = rule.percent !== null ? `${rule.percent}%` : `${rule.amount!.amount} ${rule.amount!.currency}`;
  const scope = rule.service ? `${rule.carrier} ${rule.service}` : rule.carrier ? `${rule.carrier}` : 'all carriers';
  return `${rule.description ?? (rule.type === 'markup' ? 'Customer markup' : 'Customer discount')} (${size}, ${scope})`;
}
