import { AddressRules } from './addresses/address-rules';
import { loadAddressRules } from './addresses/address-rules.loader';
import { CarrierCatalog } from './carriers/carrier-catalog';
import { loadCarrierCatalog } from './carriers/carrier-catalog.loader';
import { CARRIER_KINDS } from './carriers/carrier-kinds';
import type { CustomsFormRules } from './documents/customs/customs-rules';
import { loadCustomsFormRules } from './documents/customs/customs-rules.loader';
import { LandedCostRules } from './landed-cost/landed-cost-rule-set';
import { loadLandedCostRules } from './landed-cost/landed-cost-rules.loader';
import { ExchangeRateTable } from './money/exchange-rates';
import { loadExchangeRates } from './money/exchange-rates.loader';
import type { AppConfig } from './platform/config/app-config';
import { DataFileError, DataFileProblem } from './platform/data-files/data-file-problem';
import { ReferenceData } from './tariffs/reference-data';
import { loadReferenceData } from './tariffs/reference-data.loader';
import type { WeekendTable } from './rating/business-calendar';
import { loadWeekendTable } from './rating/weekend-table.loader';
import { loadTrackingData, type TrackingData } from './tracking/tracking-data.loader';

/** Everything read from `carriers/` and `tariffs/` at boot. */
export interface DataFiles {
  reference: ReferenceData;
  carriers: CarrierCatalog;
  /** Dated euro reference-rate tables from `tariffs/fx/`. */
  fx: ExchangeRateTable;
  /** Landed-cost rules, duty schedules and VAT rates from `tariffs/`. */
  landedCost: LandedCostRules;
  /** Time zones and carrier event-code tables (`carriers/<id>/events.csv`). */
  tracking: TrackingData;
  /** Postal code formats and regions per country (`tariffs/reference/postal-codes.csv`, `regions.csv`). */
  addresses: AddressRules;
  /** Customs territories and CN 22/CN 23 limits (`tariffs/documents/customs-forms.yaml`). */
  customsForms: CustomsFormRules;
  /** Weekend days per country (`carriers/weekends.csv`), for delivery windows. */
  weekends: WeekendTable;
}

/**
 * Reads and validates every data file before the service starts. Problems from all folders are
 * reported together in one DataFileError, so an operator fixes them in one pass.
 */
export async function loadDataFiles(config: AppConfig, baseDir = process.cwd()): Promise<DataFiles> {
  const [reference, carriers, fx, tracking, addresses, customsForms, landedCost, weekends] = await Promise.allSettled([
    loadReferenceData(config.tariffsDir, baseDir),
    loadCarrierCatalog(config.carriersDir, CARRIER_KINDS, baseDir),
    loadExchangeRates(config.tariffsDir, baseDir),
    loadTrackingData(config, baseDir),
    loadAddressRules(config.tariffsDir, baseDir),
    loadCustomsFormRules(config.tariffsDir, baseDir),
    loadLandedCostRules(config.tariffsDir, baseDir),
    loadWeekendTable(config.carriersDir, baseDir),
  ]);
  const problems: DataFileProblem[] = [];
  for (const r of [reference, carriers, fx, tracking, addresses, customsForms, landedCost, weekends]) {
    if (r.status === 'rejected') {
      if (r.reason instanceof DataFileError) problems.push(...r.reason.problems);
      else throw r.reason;
    }
  }
  if (problems.length) throw new DataFileError(problems);
  return {
    reference: (reference as PromiseFulfilledResult<ReferenceData>).value,
    carriers: (carriers as PromiseFulfilledResult<CarrierCatalog>).value,
    fx: (fx as PromiseFulfilledResult<ExchangeRateTable>).value,
    tracking: (tracking as PromiseFulfilledResult<TrackingData>).value,
    addresses: (addresses as PromiseFulfilledResult<AddressRules>).value,
    customsForms: (customsForms as PromiseFulfilledResult<CustomsFormRules>).value,
    landedCost: (landedCost as PromiseFulfilledResult<LandedCostRules>).value,
    weekends: (weekends as PromiseFulfilledResult<WeekendTable>).value,
  };
}
