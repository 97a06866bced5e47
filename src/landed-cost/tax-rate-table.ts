import { inForce, TaxRateRow } from './landed-cost-rules';

export interface ApplicableTaxRate {
  percent: number;
  kind: 'standard' | 'reduced' | 'zero';
  row: TaxRateRow;
}

/**
 * VAT/GST rates by country (and region where a country's rate differs by province), standard and
 * reduced by HS prefix, effective-dated.
 */
export class TaxRateTable {
  private readonly byCountry = new Map<string, TaxRateRow[]>();

  constructor(rows: TaxRateRow[]) {
    for (const r of rows) {
      const list = this.byCountry.get(r.country) ?? [];
      list.push(r);
      this.byCountry.set(r.country, list);
    }
  }

  has(country: string): boolean {
    return this.byCountry.has(country);
  }

  /**
   * The rate for a product: the reduced or zero row with the longest matching HS prefix, else the
   * standard rate. `region` selects a province's rows (added to the national ones by the caller).
   */
  rateFor(country: string, tax: string, hsCode: string, date: string, region?: string): ApplicableTaxRate | undefined {
    const rows = (this.byCountry.get(country) ?? []).filter((r) => r.tax === tax && (r.region ?? '') === (region ?? '') && inForce(r, date));
    let best: { row: TaxRateRow; len: number } | undefined;
    for (const r of rows) {
      if (r.kind === 'standard') continue;
      for (const p of r.hs) if (hsCode.startsWith(p) && (!best || p.length > best.len)) best = { row: r, len: p.length };
    }
    const row = best?.row ?? rows.find((r) => r.kind === 'standard');
    return row ? { percent: row.percent, kind: row.kind, row } : undefined;
  }

  /** Taxes a country (or one of its regions) levies, e.g. `gst` and `hst` for Canada, `vat` elsewhere. */
  taxesOf(country: string, date: string, region?: string): string[] {
    const rows = (this.byCountry.get(country) ?? []).filter((r) => (r.region ?? '') === (region ?? '') && inForce(r, date));
    return [...new Set(rows.map((r) => r.tax))];
  }
}
