import { Module, type Type } from '@nestjs/common';
import type { CarrierAdapter } from './carrier-adapter';
import { CARRIER_ADAPTERS, CarrierAdapterRegistry } from './carrier-adapter.registry';
import { CarriersController } from './carriers.controller';
import { FakeCarrierAdapter } from './fake/fake-carrier.adapter';
import { RateCardAdapter } from './rate-card/rate-card.adapter';
import { RateCardBooking } from './rate-card/rate-card-booking';

/**
 * Every carrier adapter, collected under the CARRIER_ADAPTERS token. To add one, append its class
 * here (one line); a carrier.yaml whose `adapter` equals the class's `code` then takes part in
 * quotes, booking and tracking. Put helper classes it needs into `providers` below.
 */
export const CARRIER_ADAPTER_CLASSES: Type<CarrierAdapter>[] = [RateCardAdapter, FakeCarrierAdapter];

@Module({
  controllers: [CarriersController],
  providers: [
    RateCardBooking,
    ...CARRIER_ADAPTER_CLASSES,
    { provide: CARRIER_ADAPTERS, useFactory: (...adapters: CarrierAdapter[]) => adapters, inject: CARRIER_ADAPTER_CLASSES },
    CarrierAdapterRegistry,
  ],
  exports: [CARRIER_ADAPTERS, CarrierAdapterRegistry, RateCardAdapter, RateCardBooking],
})
export class CarriersModule {}
