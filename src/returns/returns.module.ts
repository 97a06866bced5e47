import { Module } from '@nestjs/common';
import { CarriersModule } from '../carriers/carriers.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { TrackingModule } from '../tracking/tracking.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { ReturnBooking } from './return-booking';
import { ReturnsController } from './returns.controller';
import { ReturnsService } from './returns.service';

/** Customer returns: RMAs, return labels through the shipments room, states following tracking. */
@Module({
  imports: [CarriersModule, ShipmentsModule, TrackingModule, WebhooksModule],
  controllers: [ReturnsController],
  providers: [ReturnBooking, ReturnsService],
  exports: [ReturnsService],
})
export class ReturnsModule {}
