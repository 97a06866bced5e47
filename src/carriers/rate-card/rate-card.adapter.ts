import { Inject, Injectable } from '@nestjs/common';
import { CUSTOMS_FORM_RULES, type CustomsFormRules } from '../../documents/customs/customs-rules';
import { territoryOf } from '../../documents/customs/customs-document-rules';
import { ExchangeRateTable } from '../../money/exchange-rates';
import { ReferenceData } from '../../tariffs/reference-data';
import type { BookingRequest, BookingResult, CallContext, CarrierAdapter, CarrierRate, RateResult, ServiceExclusion } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import type { ShipmentSpec } from '../shipment-spec';
import { RateCardBooking } from './rate-card-booking';
import type { RateCardCarrier } from './rate-card-definition';
import type { RateCardTables } from './rate-card-tables';
import { priceService } from './service-charges';
import { checkEligibility, isExclusion, type ToCarrierCurrency } from './service-eligibility';

/**
 * Prices carriers that publish rate cards instead of a rating API, from the tables loaded at boot
 * (`carriers/<id>/`). Rating is pure computation over precomputed tables: no I/O per call.
 */
@Injectable()
export class RateCardAdapter implements CarrierAdapter {
  readonly code = 'rate-card';

  constructor(
    private readonly reference: ReferenceData,
    private readonly fx: ExchangeRateTable,
    private readonly booking: RateCardBooking,
    @Inject(CUSTOMS_FORM_RULES) private readonly customs: CustomsFormRules,
  ) {}

  enabled(): boolean {
    return true;
  }

  async rate(definition: CarrierDefinition, shipment: ShipmentSpec, ctx: CallContext): Promise<RateResult> {
    return this.rateServices(definition, shipment, ctx);
  }

  /** Synchronous core of `rate()`, also used to re-price one service (`services` limits the list). */
  rateServices(definition: CarrierDefinition, shipment: ShipmentSpec, ctx: CallContext, services?: string[]): RateResult {
    if (ctx.signal.aborted) throw new CarrierError(definition.id, 'TIMEOUT', 'the time budget was spent before rating started');
    const carrier = definition as RateCardCarrier;
    const tables = definition.tables as unknown as RateCardTables;
    const toCarrierCurrency: ToCarrierCurrency = (amount, code) => this.fx.convert(amount, code, carrier.currency, shipment.shipDate).value;
    const territories = this.customs.customsTerritories;
    const crossesBorder = territoryOf(shipment.shipFrom, territories) !== territoryOf(shipment.shipTo, territories);
    const rates: CarrierRate[] = [];
    const excluded: ServiceExclusion[] = [];
    for (const service of carrier.services) {
      if (services && !services.includes(service.code)) continue;
      const eligible = checkEligibility(carrier, tables, service, shipment, toCarrierCurrency, crossesBorder);
      if (isExclusion(eligible)) {
        excluded.push(eligible);
        continue;
      }
      const priced = priceService(carrier, tables, service, shipment, eligible, toCarrierCurrency, this.reference.currencies);
      if ('reason' in priced) {
        excluded.push(priced);
        continue;
      }
      rates.push({
        service: service.code,
        serviceName: service.name,
        currency: carrier.currency,
        charges: priced.charges,
        transit: { ...eligible.transit },
        zone: eligible.zone,
        chargeableWeightKg: priced.chargeableWeightKg,
        bookingRef: {
          zone: eligible.zone,
          chargeableWeightKg: priced.chargeableWeightKg,
          fuelPercent: priced.fuelPercent,
          ...(eligible.temperatureRange && { temperatureRange: eligible.temperatureRange.code }),
          ...(eligible.palletTypes && { palletTypes: eligible.palletTypes.map((p) => p.code) }),
        },
      });
    }
    return { rates, excluded };
  }

  book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult> {
    return this.booking.book(carrier, request, ctx);
  }

  cancel(carrier: CarrierDefinition, booking: { trackingNumber: string; carrierShipmentId?: string }, ctx: CallContext): Promise<void> {
    return this.booking.cancel(carrier, booking, ctx);
  }
}
