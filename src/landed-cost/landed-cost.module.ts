import { Global, Module } from '@nestjs/common';
import { LandedCostController } from './landed-cost.controller';
import { LandedCostService } from './landed-cost.service';

/**
 * Landed cost: `POST /v1/landed-cost` and `LandedCostService` for the rating engine and bookings.
 * Global so that any room can inject the service without importing the module.
 */
@Global()
@Module({
  controllers: [LandedCostController],
  providers: [LandedCostService],
  exports: [LandedCostService],
})
export class LandedCostModule {}
