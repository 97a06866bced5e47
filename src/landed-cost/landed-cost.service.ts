import { Inject, Injectable } from '@nestjs/common';
import { CUSTOMS_FORM_RULES, type CustomsFormRules } from '../documents/customs/customs-rules';
import { ExchangeRateTable } from '../money/exchange-rates';
import { ReferenceData } from '../tariffs/reference-data';
import { LandedCostEngine, type PreparedEstimate } from './landed-cost-engine';
import { LandedCostRules } from './landed-cost-rule-set';
import type { LandedCostInput, LandedCostResult } from './landed-cost.types';

/**
 * Duties, taxes and fees for a cart: the entry point for `POST /v1/landed-cost`, the rating engine
 * (every quote option) and bookings. Synchronous and free of I/O: the rules, rates and reference data
 * were loaded at boot.
 */
@Injectable()
export class LandedCostService {
  constructor(
    private readonly rules: LandedCostRules,
    private readonly fx: ExchangeRateTable,
    private readonly reference: ReferenceData,
    @Inject(CUSTOMS_FORM_RULES) private readonly customs: CustomsFormRules,
  ) {}

  /**
   * @throws AppError 400 `VALIDATION_FAILED` listing every problem (unknown HS codes with suggestions,
   * unknown countries or currencies, currencies without a rate).
   */
  estimate(input: LandedCostInput): LandedCostResult {
    return this.engineFor(input).estimate(input);
  }

  /** The estimate up to the carrier fees, finished once per carrier (see `LandedCostEngine.prepare`). */
  prepare(input: LandedCostInput): PreparedEstimate {
    return this.engineFor(input).prepare(input);
  }

  private engineFor(input: LandedCostInput): LandedCostEngine {
    return new LandedCostEngine({
      rules: this.rules,
      rates: this.fx.withGivenRates(input.exchangeRates ?? []),
      currencies: this.reference.currencies,
      hs: this.reference.hs,
      countries: this.reference.countries,
      territories: this.customs.customsTerritories,
    });
  }
}
