import { Module, type Type } from '@nestjs/common';
import type { CarrierAdapter } from './carrier-adapter';
import { CARRIER_ADAPTERS, CarrierAdapterRegistry } from './carrier-adapter.registry';
import { CarriersController } from './carriers.controller';
import { FakeCarrierAdapter } from './fake/fake-carrier.adapter';
import { FedexAdapter } from './fedex/fedex.adapter';
import { CarrierHttpFactory } from './http/carrier-http.factory';
import { MydhlAdapter } from './mydhl/mydhl.adapter';
import { RateCardAdapter } from './rate-card/rate-card.adapter';
import { RateCardBooking } from './rate-card/rate-card-booking';
import { UpsAdapter } from './ups/ups.adapter';

/**
 * Every carrier adapter, collected under the CARRIER_ADAPTERS token. To add one, append its class
 * here (one line); a carrier.yaml whose `adapter` equals the class's `code` then takes part in
 * quotes, booking and tracking. Put helper classes it needs into `providers` below.
 */
export const CARRIER_ADAPTER_CLASSES: Type<CarrierAdapter>[] = [RateCardAdapter, FakeCarrierAdapter, MydhlAdapter, UpsAdapter, FedexAdapter];

@Module({
  controllers: [CarriersController],
  providers: [
    RateCardBooking,
    CarrierHttpFactory,
    ...CARRIER_ADAPTER_CLASSES,
    { provide: CARRIER_ADAPTERS, useFactory: (...adapters: CarrierAdapter[]) => adapters, inject: CARRIER_ADAPTER_CLASSES },
    CarrierAdapterRegistry,
  ],
  exports: [CARRIER_ADAPTERS, CarrierAdapterRegistry, RateCardAdapter, RateCardBooking, MydhlAdapter, UpsAdapter, FedexAdapter],
})
export class CarriersModule {}
