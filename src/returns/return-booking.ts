import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingService, type BookingOutcome } from '../shipments/booking.service';
import type { CreateShipmentDto } from '../shipments/dto/shipment-request.dto';
import type { ShipmentView } from '../shipments/dto/shipment-view.dto';
import { ShipmentStore, type ShipmentWithStatus } from '../shipments/shipment.store';
import { ShipmentsService } from '../shipments/shipments.service';
import type { ReturnItem } from './domain/return-items';

export interface ReturnLabelRequest {
  original: ShipmentWithStatus;
  items: ReturnItem[];
  carrier: string;
  service: string;
  parcels: CreateShipmentDto['parcels'];
  rma: string;
  labelFormat?: 'pdf' | 'zpl';
  labelSize?: '4x6' | 'a6' | 'a4';
}

/**
 * How returns use the shipments room: read the original shipment, book the return shipment through
 * the one booking path (idempotent, customs papers decided there), void a return label.
 */
@Injectable()
export class ReturnBooking {
  constructor(
    private readonly store: ShipmentStore,
    private readonly booking: BookingService,
    private readonly shipments: ShipmentsService,
  ) {}

  original(id: string, tx?: EntityManager): Promise<ShipmentWithStatus | undefined> {
    return this.store.findById(id, tx);
  }

  /** Locks the original shipment's row so that two returns of it check quantities one after the other. */
  async lockOriginal(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`SELECT id FROM shipment WHERE id = $1 FOR UPDATE`, [id]);
  }

  /**
   * Books the return: from the buyer (the original's ship-to) back to the merchant (its ship-from),
   * the returned items with their original customs data, and the customs reason "return" so that an
   * international return travels as returned goods.
   */
  book(req: ReturnLabelRequest, owner: string, idempotencyKey: string): Promise<BookingOutcome> {
    const o = req.original;
    const body = {
      carrier: req.carrier,
      service: req.service,
      reference: req.rma,
      shipFrom: o.shipTo,
      shipTo: o.shipFrom,
      parcels: req.parcels,
      items: req.items.map((i) => ({
        ...(i.sku ? { sku: i.sku } : {}),
        description: i.description,
        hsCode: i.hsCode,
        originCountry: i.originCountry,
        quantity: i.quantity,
        unitValue: i.unitValue,
        ...(i.unitWeightKg !== undefined ? { unitWeight: { value: i.unitWeightKg, unit: 'kg' } } : {}),
      })),
      incoterm: 'DAP',
      customs: { reason: 'return' },
      labelFormat: req.labelFormat ?? o.labelFormat,
      labelSize: req.labelSize ?? o.labelSize,
    } as unknown as CreateShipmentDto;
    return this.booking.book(body, { owner, idempotencyKey, direction: 'return', returnOf: o.id });
  }

  async view(id: string): Promise<ShipmentView | undefined> {
    const s = await this.store.findById(id);
    return s ? this.shipments.view(s) : undefined;
  }

  cancel(id: string): Promise<ShipmentView> {
    return this.shipments.cancel(id);
  }
}
