import type { DestinationRules, WarningRule } from './landed-cost-rules';
import type { TariffSchedule } from './tariff-schedule';
import type { TaxRateTable } from './tax-rate-table';

/** Everything the engine knows about destinations, loaded once at boot. */
export class LandedCostRules {
  private readonly byCountry = new Map<string, DestinationRules>();

  constructor(
    readonly destinations: DestinationRules[],
    readonly schedules: ReadonlyMap<string, TariffSchedule>,
    readonly taxRates: TaxRateTable,
    /** Product warnings for every destination (`rules/warnings.yaml`). */
    readonly warnings: WarningRule[] = [],
  ) {
    for (const d of destinations) for (const c of d.countries) this.byCountry.set(c, d);
  }

  forCountry(country: string): DestinationRules | undefined {
    return this.byCountry.get(country);
  }

  schedule(id: string | undefined): TariffSchedule | undefined {
    return id ? this.schedules.get(id) : undefined;
  }
}
