import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequireScopes } from '../auth/auth.decorators';
import { Clock } from '../platform/clock/clock';
import { AppError } from '../platform/errors/app-error';
import { ShipmentsService } from '../shipments/shipments.service';
import type { RawTrackingEvent } from './domain/event-normalisation';
import type { TrackingStatus } from './domain/tracking-status';
import { SHIPMENT_DIRECTORY, type ShipmentDirectory } from './shipment-directory';
import { WarehouseScanDto } from './tracking-event.dto';
import { TrackingIngestionService, type IngestResult } from './tracking-ingestion.service';
import { TrackingReadService, type TimelineView } from './tracking-read.service';

/** What each warehouse scan means in the unified model. */
const SCAN_MEANING: Record<string, { status: TrackingStatus; substatus: string; description: string }> = {
  picked: { status: 'label_created', substatus: 'label_created', description: 'Picked in the warehouse' },
  packed: { status: 'label_created', substatus: 'awaiting_dropoff', description: 'Packed, waiting for the carrier' },
  handed_to_carrier: { status: 'in_transit', substatus: 'picked_up', description: 'Handed to the carrier' },
  held: { status: 'exception', substatus: 'other', description: 'Held in the warehouse' },
  returned_to_warehouse: { status: 'return_to_sender', substatus: 'returned', description: 'Back in the warehouse (returned by the carrier)' },
  received_return: { status: 'delivered', substatus: 'delivered', description: 'Return received in the warehouse' },
};

@ApiTags('Tracking')
@Controller('v1/shipments/:id')
export class ShipmentTrackingController {
  constructor(
    private readonly reads: TrackingReadService,
    private readonly ingestion: TrackingIngestionService,
    @Inject(SHIPMENT_DIRECTORY) private readonly shipments: ShipmentDirectory,
    private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
    private readonly handOvers: ShipmentsService,
  ) {}

  @Get('tracking')
  @RequireScopes('shipments')
  @ApiOkResponse({ description: 'The whole timeline of the shipment in occurrence order, its customer returns included' })
  tracking(@Param('id') id: string): Promise<TimelineView> {
    return this.reads.shipmentTimeline(id);
  }

  @Post('events')
  @HttpCode(201)
  @RequireScopes('shipments')
  @ApiCreatedResponse({ description: 'The scan recorded on each parcel it applies to' })
  async scan(@Param('id') id: string, @Body() body: WarehouseScanDto): Promise<{ shipmentId: string; results: IngestResult[] }> {
    const shipment = await this.shipments.findById(id);
    if (!shipment) throw AppError.notFound('Shipment');
    const numbers = body.trackingNumber ? [body.trackingNumber] : shipment.trackingNumbers;
    if (body.trackingNumber && !shipment.trackingNumbers.includes(body.trackingNumber)) {
      throw AppError.validation([{ path: 'trackingNumber', message: 'is not a parcel of this shipment' }]);
    }
    const meaning = SCAN_MEANING[body.type];
    const occurredAt = body.occurredAt ?? this.clock.now().toISOString();
    const requests = numbers.map((trackingNumber) => {
      const event: RawTrackingEvent = {
        eventId: body.scanId ? `scan:${body.scanId}:${trackingNumber}` : undefined,
        code: `scan.${body.type}`,
        status: meaning.status,
        substatus: meaning.substatus,
        description: body.description ?? meaning.description,
        occurredAt,
        location: body.location,
      };
      return { carrier: shipment.carrier, trackingNumber, source: 'scan' as const, events: [event], shipmentId: shipment.id };
    });
    const prepared = requests.map((r) => this.ingestion.prepare(r));
    // All parcels of the scan or none.
    const ingest = async (tx: EntityManager) => {
      const out: IngestResult[] = [];
      for (let i = 0; i < requests.length; i++) out.push(await this.ingestion.ingestPrepared(tx, requests[i], prepared[i]));
      return out;
    };
    // A hand-over is the shipment's too (handedOverAt, no more voiding): the print station's path.
    const results =
      body.type === 'handed_to_carrier' ? await this.handOvers.handOver(shipment.id, scanInstant(occurredAt, this.clock.now()), ingest) : await this.db.transaction(ingest);
    return { shipmentId: shipment.id, results };
  }
}

/** The scan's instant when its time names an offset (validated by then); else when it was recorded. */
function scanInstant(occurredAt: string, recordedAt: Date): Date {
  const at = /(Z|[+-]\d{2}:?\d{2})$/i.test(occurredAt) ? new Date(occurredAt) : recordedAt;
  return Number.isNaN(at.getTime()) ? recordedAt : at;
}
