import currency from 'currency.js';
import type { Money } from '../../money/money';
import type { CustomsFormRules, CustomsTerritory, TerritoryPart } from './customs-rules';

export type CustomsDocumentType = 'commercial_invoice' | 'cn22' | 'cn23';

export interface CustomsDocumentsInput {
  shipFrom: { country: string; postalCode?: string };
  shipTo: { country: string; postalCode?: string };
  /** Postal services (UPU designated operators) declare on CN 22/CN 23; couriers on a commercial invoice. */
  mode: 'postal' | 'courier';
  /** Value of the contents. */
  value: Money;
  totalWeightKg: number;
  parcelCount: number;
}

export interface CustomsDocumentsDecision {
  /** True when the parcel leaves one customs (or fiscal) territory for another. */
  crossesBorder: boolean;
  documents: CustomsDocumentType[];
  /** Why, for logs and API answers: `DE -> FR inside eu`, `value 420.00 EUR above CN 22 limit 350 EUR`. */
  reasons: string[];
}

/** Recent answers per territory table, by country and postal code (bounded: postal codes are many). */
const recentTerritories = new WeakMap<CustomsTerritory[], Map<string, string>>();
const RECENT_MAX = 5000;

/** Where an address lies: a customs territory's id, or `country:XX` for a country on its own. */
export function territoryOf(address: { country: string; postalCode?: string }, territories: CustomsTerritory[]): string {
  // A quote asks this for every carrier it rates; the answer depends only on country and postal code.
  let recent = recentTerritories.get(territories);
  if (!recent) recentTerritories.set(territories, (recent = new Map()));
  const key = `${address.country}|${address.postalCode ?? ''}`;
  let found = recent.get(key);
  if (found === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    found = findTerritory(address, territories);
    recent.set(key, found);
  }
  return found;
}

function findTerritory(address: { country: string; postalCode?: string }, territories: CustomsTerritory[]): string {
  const postal = (address.postalCode ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  const inPart = (p: TerritoryPart) => p.country === address.country && postal !== '' && p.postalCodePrefixes.some((prefix) => postal.startsWith(prefix));
  // A part named explicitly (e.g. Buesingen, German but in Swiss customs) wins over a whole country.
  for (const t of territories) {
    if (t.include.some((i) => 'postalCodePrefixes' in i && inPart(i))) return t.id;
  }
  for (const t of territories) {
    const excludedPart = t.exclude?.find(inPart);
    if (excludedPart) continue;
    if (t.include.some((i) => 'countries' in i && i.countries.includes(address.country))) return t.id;
  }
  for (const t of territories) {
    const excludedPart = t.exclude?.find(inPart);
    if (excludedPart) return `part:${excludedPart.country}:${excludedPart.name}`;
  }
  return `country:${address.country}`;
}

/**
 * Which customs papers a shipment needs. None inside one territory (DE -> FR, or DE -> DE). Crossing a
 * border, a courier needs a commercial invoice; a postal item needs a CN 22 when its value is within
 * the CN 22 limit and it weighs at most the small-packet limit, otherwise a CN 23 with a commercial
 * invoice (customs ask for one with every CN 23 of goods).
 */
export function requiredCustomsDocuments(
  input: CustomsDocumentsInput,
  rules: CustomsFormRules,
  /** Converts an amount between currencies (the exchange-rate table); without it only listed currencies compare. */
  convert?: (amount: string, from: string, to: string) => string,
): CustomsDocumentsDecision {
  const from = territoryOf(input.shipFrom, rules.customsTerritories);
  const to = territoryOf(input.shipTo, rules.customsTerritories);
  if (from === to) {
    return { crossesBorder: false, documents: [], reasons: [`${input.shipFrom.country} -> ${input.shipTo.country} inside ${from}`] };
  }
  const reasons = [`${input.shipFrom.country} (${from}) -> ${input.shipTo.country} (${to}) crosses a customs border`];
  if (input.mode === 'courier') return { crossesBorder: true, documents: ['commercial_invoice'], reasons };

  const cn22 = rules.postalDeclarations.cn22;
  const limits = [cn22.maxValue, ...cn22.equivalents];
  let value = input.value;
  let limit = limits.find((m) => m.currency === value.currency);
  for (const candidate of limit || !convert ? [] : limits) {
    if (!convert) break;
    try {
      value = { amount: convert(input.value.amount, input.value.currency, candidate.currency), currency: candidate.currency };
      limit = candidate;
      break;
    } catch {
      // No rate for this currency; try the next equivalent.
    }
  }
  if (!limit) {
    reasons.push(`no CN 22 limit known in ${input.value.currency}: CN 23`);
    return { crossesBorder: true, documents: ['cn23', 'commercial_invoice'], reasons };
  }
  const overValue = currency(value.amount).value > currency(limit.amount).value;
  const overWeight = input.totalWeightKg > cn22.maxWeightKg;
  if (overValue) reasons.push(`value ${value.amount} ${value.currency} above the CN 22 limit ${limit.amount} ${limit.currency}`);
  if (overWeight) reasons.push(`weight ${input.totalWeightKg} kg above the CN 22 limit ${cn22.maxWeightKg} kg`);
  if (input.parcelCount > 1) reasons.push('more than one parcel: CN 23');
  if (overValue || overWeight || input.parcelCount > 1) return { crossesBorder: true, documents: ['cn23', 'commercial_invoice'], reasons };
  return { crossesBorder: true, documents: ['cn22'], reasons };
}
