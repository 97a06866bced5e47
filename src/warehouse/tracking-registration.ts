import { Injectable, OnModuleInit } from '@nestjs/common';
import { ShipmentLifecycle } from '../shipments/shipment-lifecycle';
import { TrackingService } from '../tracking/tracking.service';

/**
 * Starts tracking every booked shipment inside the booking's transaction (trackers for its parcels,
 * polling for API carriers). Tracking sits above shipments, so shipments cannot call it; this room,
 * above both, connects shipments' `onBooked` event to `TrackingService.registerShipment`.
 */
@Injectable()
export class ShipmentTrackingRegistration implements OnModuleInit {
  constructor(
    private readonly lifecycle: ShipmentLifecycle,
    private readonly tracking: TrackingService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.onBooked(async (tx, shipment) => {
      await this.tracking.registerShipment({ shipmentId: shipment.id, carrier: shipment.carrier, trackingNumbers: shipment.parcels.map((p) => p.trackingNumber) }, tx);
    });
  }
}
