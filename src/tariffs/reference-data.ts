import type { IsoCurrencyTable } from '../money/currency-table';
import type { HsNomenclature } from './hs-nomenclature';

export interface Country {
  alpha2: string;
  alpha3: string;
  name: string;
  currency: string;
  continent: string;
}

/** Reference data loaded from `tariffs/` at boot: currencies, countries and the HS nomenclature. */
export class ReferenceData {
  constructor(
    readonly currencies: IsoCurrencyTable,
    readonly countries: ReadonlyMap<string, Country>,
    readonly hs: HsNomenclature,
  ) {}
}
