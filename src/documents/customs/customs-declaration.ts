import { CurrencyTable, Money, round, sum, toMoney } from '../../money/money';
import { localityLines } from '../../addresses/address-format';

export interface TaxIdentifier {
  /** `eori`, `vat`, `ioss`, `ein`, `gst`, `abn`, ... */
  type: string;
  value: string;
}

export interface CustomsParty {
  name?: string;
  company?: string;
  street1?: string;
  street2?: string;
  street3?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country: string;
  countryName?: string;
  phone?: string;
  email?: string;
  taxIds: TaxIdentifier[];
}

export interface CustomsItem {
  description: string;
  hsCode: string;
  originCountry: string;
  quantity: number;
  unitValue: Money;
  unitWeightKg?: number;
  sku?: string;
}

/** The customs categories of the UPU forms; a commercial invoice prints the same as "reason for export". */
export type ExportReason = 'sale' | 'gift' | 'sample' | 'documents' | 'return' | 'repair' | 'other';

export const EXPORT_REASON_TEXT: Record<ExportReason, string> = {
  sale: 'Sale of goods',
  gift: 'Gift',
  sample: 'Commercial sample',
  documents: 'Documents',
  return: 'Returned goods',
  repair: 'Repair or warranty',
  other: 'Other',
};

/**
 * What customs papers say about a shipment: the parties with their tax ids, the terms and every item.
 * One declaration renders as a commercial invoice, a CN 22 or a CN 23.
 */
export interface CustomsDeclaration {
  /** Invoice number, e.g. the shipment id. */
  number: string;
  /** ISO date of the invoice (the ship date). */
  date: string;
  exporter: CustomsParty;
  importer: CustomsParty;
  incoterm: string;
  reason: ExportReason;
  /** Currency of every value on the document. */
  currency: string;
  items: CustomsItem[];
  shipping?: Money;
  insurance?: Money;
  carrierName: string;
  serviceName: string;
  trackingNumbers: string[];
  parcelCount: number;
  grossWeightKg: number;
  reference?: string;
  /** Name printed under the declaration (the exporter's contact when not given). */
  signatory?: string;
}

export interface DeclarationTotals {
  lineTotals: Money[];
  goods: Money;
  netWeightKg: number;
  invoiceTotal: Money;
}

/**
 * Line totals rounded to the currency's minor units, then summed (the service's rounding rule: round
 * each component, then add). The invoice total adds shipping and insurance when they are given.
 */
export function declarationTotals(d: CustomsDeclaration, currencies: CurrencyTable): DeclarationTotals {
  const lines = d.items.map((item) => round(Number(item.unitValue.amount) * item.quantity, d.currency, currencies));
  const goods = sum(lines, d.currency, currencies);
  const extras = [d.shipping, d.insurance].filter((m): m is Money => !!m).map((m) => round(m.amount, d.currency, currencies));
  const netWeightKg = d.items.reduce((acc, i) => acc + (i.unitWeightKg ?? 0) * i.quantity, 0);
  return {
    lineTotals: lines.map((l) => toMoney(l, d.currency, currencies)),
    goods: toMoney(goods, d.currency, currencies),
    netWeightKg: Math.round(netWeightKg * 1000) / 1000,
    invoiceTotal: toMoney(sum([goods, ...extras], d.currency, currencies), d.currency, currencies),
  };
}

export function partyLines(p: CustomsParty): string[] {
  return [p.company, p.name, p.street1, p.street2, p.street3, ...localityLines(p.country, p), p.countryName ?? p.country].filter((l): l is string => !!l);
}

export function taxIdLine(id: TaxIdentifier): string {
  return `${id.type.toUpperCase()}: ${id.value}`;
}
