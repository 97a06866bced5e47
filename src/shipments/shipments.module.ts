import { Module } from '@nestjs/common';
import { CarriersModule } from '../carriers/carriers.module';
import { DocumentsModule } from '../documents/documents.module';
import { RatingModule } from '../rating/rating.module';
import { BatchService } from './batches/batch.service';
import { BatchesController } from './batches/batches.controller';
import { BookingService } from './booking.service';
import { ManifestService } from './manifests/manifest.service';
import { ManifestsController } from './manifests/manifests.controller';
import { IdempotencyStore } from './idempotency.store';
import { ShipmentDocumentsService } from './shipment-documents.service';
import { ShipmentLifecycle } from './shipment-lifecycle';
import { ShipmentStore } from './shipment.store';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsService } from './shipments.service';

/**
 * Booking, labels, customs documents, cancel and find. Rooms above (tracking, returns, warehouse)
 * use `BookingService.book` (returns pass `direction: 'return'`), `ShipmentsService`,
 * `ShipmentDocumentsService` and register on `ShipmentLifecycle`.
 */
@Module({
  imports: [CarriersModule, DocumentsModule, RatingModule],
  controllers: [ShipmentsController, BatchesController, ManifestsController],
  providers: [BatchService, BookingService, ManifestService, IdempotencyStore, ShipmentStore, ShipmentsService, ShipmentDocumentsService, ShipmentLifecycle],
  exports: [BatchService, BookingService, ShipmentStore, ShipmentsService, ShipmentDocumentsService, ShipmentLifecycle, DocumentsModule],
})
export class ShipmentsModule {}
