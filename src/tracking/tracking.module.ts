import { Module } from '@nestjs/common';
import { CarriersModule } from '../carriers/carriers.module';
import { RatingModule } from '../rating/rating.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { CarrierPushRegistry } from './carrier-push.registry';
import { CarrierWebhookController } from './carrier-webhook.controller';
import { ReturnTimelineRegistry } from './return-timeline.registry';
import { SHIPMENT_DIRECTORY } from './shipment-directory';
import { ShipmentLifecycleBridge } from './shipment-lifecycle.bridge';
import { ShipmentTrackingController } from './shipment-tracking.controller';
import { SqlShipmentDirectory } from './sql-shipment.directory';
import { TrackingController } from './tracking.controller';
import { TrackingIngestionService } from './tracking-ingestion.service';
import { TrackingListeners } from './tracking-listeners';
import { TrackingPoller } from './tracking-poller';
import { TrackingReadService } from './tracking-read.service';
import { TrackingService } from './tracking.service';

/** Tracking: event ingestion from every source, status derivation, timelines, carrier polling. */
@Module({
  imports: [CarriersModule, RatingModule, ShipmentsModule, WebhooksModule],
  controllers: [TrackingController, ShipmentTrackingController, CarrierWebhookController],
  providers: [
    { provide: SHIPMENT_DIRECTORY, useClass: SqlShipmentDirectory },
    TrackingIngestionService,
    TrackingReadService,
    TrackingListeners,
    ReturnTimelineRegistry,
    CarrierPushRegistry,
    TrackingPoller,
    TrackingService,
    ShipmentLifecycleBridge,
  ],
  exports: [TrackingService, TrackingIngestionService, TrackingListeners, ReturnTimelineRegistry, CarrierPushRegistry, SHIPMENT_DIRECTORY],
})
export class TrackingModule {}
