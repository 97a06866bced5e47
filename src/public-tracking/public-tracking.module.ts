import { Module } from '@nestjs/common';
import { CarriersModule } from '../carriers/carriers.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { TrackingModule } from '../tracking/tracking.module';
import { PublicPageFilter } from './public-page.filter';
import { PublicShipmentReader } from './public-shipment.reader';
import { PublicTrackingController } from './public-tracking.controller';
import { PublicTrackingMetrics } from './public-tracking.metrics';
import { PublicTrackingService } from './public-tracking.service';
import { PublicTrackingSource } from './public-tracking.source';
import { TrackingLinkController } from './tracking-link.controller';
import { TrackingPageController } from './tracking-page.controller';
import { TrackingRefresher } from './tracking-refresher';
import { TrackingSecretStore } from './tracking-secret.store';

/**
 * The buyer's tracking page (`/t/:token`), its JSON (`/v1/public/tracking/...`) and the merchant's
 * signed links. Sits on top of tracking and shipments and reads them through their services.
 */
@Module({
  imports: [CarriersModule, ShipmentsModule, TrackingModule],
  controllers: [PublicTrackingController, TrackingPageController, TrackingLinkController],
  providers: [PublicTrackingService, PublicTrackingMetrics, PublicTrackingSource, PublicShipmentReader, TrackingRefresher, TrackingSecretStore, PublicPageFilter],
  exports: [PublicTrackingService],
})
export class PublicTrackingModule {}
