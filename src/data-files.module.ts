import { DynamicModule, Global, Module } from '@nestjs/common';
import { AddressRules } from './addresses/address-rules';
import { CarrierCatalog } from './carriers/carrier-catalog';
import type { DataFiles } from './data-files';
import { CUSTOMS_FORM_RULES } from './documents/customs/customs-rules';
import { LandedCostRules } from './landed-cost/landed-cost-rule-set';
import { ExchangeRateTable } from './money/exchange-rates';
import { ReferenceData } from './tariffs/reference-data';
import { WeekendTable } from './rating/business-calendar';
import { EventCodeTables } from './tracking/domain/event-code-table';
import { TimeZoneTable } from './tracking/domain/time-zone-table';

/** Makes the data files loaded at boot available for injection. */
@Global()
@Module({})
export class DataFilesModule {
  static forRoot(data: DataFiles): DynamicModule {
    return {
      module: DataFilesModule,
      providers: [
        { provide: ReferenceData, useValue: data.reference },
        { provide: CarrierCatalog, useValue: data.carriers },
        { provide: ExchangeRateTable, useValue: data.fx },
        { provide: TimeZoneTable, useValue: data.tracking.timeZones },
        { provide: EventCodeTables, useValue: data.tracking.eventCodes },
        { provide: AddressRules, useValue: data.addresses },
        { provide: CUSTOMS_FORM_RULES, useValue: data.customsForms },
        { provide: LandedCostRules, useValue: data.landedCost },
        { provide: WeekendTable, useValue: data.weekends },
      ],
      exports: [ReferenceData, CarrierCatalog, ExchangeRateTable, TimeZoneTable, EventCodeTables, AddressRules, CUSTOMS_FORM_RULES, LandedCostRules, WeekendTable],
    };
  }
}
