import type { DangerousGoodSpec } from '../shipment-spec';
import type { DangerousGoodsCategory, DangerousGoodsRule } from './rate-card-definition';

const LITHIUM_UN_NUMBERS = new Set(['UN3090', 'UN3091', 'UN3480', 'UN3481']);

/**
 * Lithium cells and batteries shipped under section II of PI965-PI970: excepted from most of the
 * dangerous-goods rules (no shipper's declaration), so carriers accept and charge them apart.
 */
export function isLithiumSectionII(dg: DangerousGoodSpec): boolean {
  return LITHIUM_UN_NUMBERS.has(dg.unNumber) && dg.section === 'II';
}

export function inCategory(dg: DangerousGoodSpec, category: DangerousGoodsCategory | { unNumbers: string[] }): boolean {
  if (typeof category === 'object') return category.unNumbers.includes(dg.unNumber);
  switch (category) {
    case 'any':
      return true;
    case 'lithium-section-ii':
      return isLithiumSectionII(dg);
    case 'fully-regulated':
      return !isLithiumSectionII(dg);
  }
}

/** A dangerous good matches a rule when every field the rule lists matches. */
export function matchesRule(dg: DangerousGoodSpec, rule: DangerousGoodsRule): boolean {
  if (rule.unNumbers && !rule.unNumbers.includes(dg.unNumber)) return false;
  if (rule.classes && !rule.classes.includes(dg.class) && !rule.classes.includes(dg.class.split('.')[0])) return false;
  if (rule.packingInstructions && (!dg.packingInstruction || !rule.packingInstructions.includes(dg.packingInstruction))) return false;
  if (rule.sections && (!dg.section || !rule.sections.includes(dg.section))) return false;
  if (rule.packingGroups && (!dg.packingGroup || !rule.packingGroups.includes(dg.packingGroup))) return false;
  if (rule.maxQuantity !== undefined && (dg.quantity ?? 1) > rule.maxQuantity) return false;
  return true;
}

/** Human description of a dangerous good for exclusion messages: "UN3480 class 9 PI965 section IB". */
export function describeDangerousGood(dg: DangerousGoodSpec): string {
  return [dg.unNumber, `class ${dg.class}`, dg.packingInstruction, dg.section && `section ${dg.section}`].filter(Boolean).join(' ');
}
