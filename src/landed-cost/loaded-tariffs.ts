import path from 'node:path';
import { ExchangeRateTable, type GivenRate } from '../money/exchange-rates';
import { loadExchangeRates } from '../money/exchange-rates.loader';
import type { ReferenceData } from '../tariffs/reference-data';
import { loadReferenceData } from '../tariffs/reference-data.loader';
import { LandedCostEngine } from './landed-cost-engine';
import type { LandedCostRules } from './landed-cost-rule-set';
import { loadLandedCostRules } from './landed-cost-rules.loader';

/** A `tariffs/` folder loaded outside Nest: for specs, the benchmark and command-line tools. */
export interface LoadedTariffs {
  rules: LandedCostRules;
  fx: ExchangeRateTable;
  reference: ReferenceData;
  /** An engine over these tariffs with the caller's rates laid over the table. */
  engine(given?: GivenRate[], rules?: LandedCostRules): LandedCostEngine;
}

export async function loadTariffs(root = path.resolve(__dirname, '../..')): Promise<LoadedTariffs> {
  const dir = path.join(root, 'tariffs');
  const [rules, fx, reference] = await Promise.all([loadLandedCostRules(dir, root), loadExchangeRates(dir, root), loadReferenceData(dir, root)]);
  return {
    rules,
    fx,
    reference,
    engine: (given = [], r = rules) =>
      new LandedCostEngine({ rules: r, rates: fx.withGivenRates(given), currencies: reference.currencies, hs: reference.hs, countries: reference.countries }),
  };
}
