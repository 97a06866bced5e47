import { Controller, HttpCode, Logger, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { Clock } from '../platform/clock/clock';
import { AppError } from '../platform/errors/app-error';
import { CarrierPushRegistry } from './carrier-push.registry';
import type { PushBatch } from './carrier-push';
import { TrackingIngestionService, type IngestRequest } from './tracking-ingestion.service';

/**
 * Carrier pushes. The signature is checked on the raw bytes before the body is trusted; a push id seen
 * before is acknowledged without effect (carriers re-send); all parcels of a push are stored in one
 * transaction together with the push receipt.
 */
@ApiTags('Tracking')
@Controller('v1/carriers/:carrier/webhooks')
export class CarrierWebhookController {
  private readonly logger = new Logger(CarrierWebhookController.name);

  constructor(
    private readonly catalog: CarrierCatalog,
    private readonly pushes: CarrierPushRegistry,
    private readonly ingestion: TrackingIngestionService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ description: 'Accepted (or recognised as a re-sent push)' })
  async receive(@Param('carrier') carrierId: string, @Req() req: FastifyRequest & { rawBody?: Buffer }): Promise<{ accepted: boolean; duplicate: boolean; parcels: number; events: number }> {
    const carrier = this.catalog.get(carrierId);
    const handler = carrier ? this.pushes.handlerFor(carrier) : undefined;
    // Same answer for an unknown carrier and one without a push channel: nothing to learn by probing.
    if (!carrier || !handler) throw new AppError(404, 'NOT_FOUND', 'No webhook is configured for this carrier');
    const rawBody = req.rawBody ?? Buffer.alloc(0);
    const verdict = handler.verify(carrier, { rawBody, headers: req.headers, now: this.clock.now() });
    if (!verdict.ok) {
      this.logger.warn(`refused a push for ${carrier.id}: ${verdict.reason}`);
      throw new AppError(401, verdict.reason === 'stale_timestamp' ? 'STALE_WEBHOOK' : 'INVALID_SIGNATURE', verdict.reason === 'stale_timestamp' ? 'The push timestamp is outside the replay window' : 'The push signature does not verify');
    }
    let batches: PushBatch[];
    try {
      batches = handler.parse(carrier, req.body);
    } catch (e) {
      throw AppError.validation([{ path: 'body', message: (e as Error).message.slice(0, 300) }], 'The push body cannot be read');
    }
    const requests: IngestRequest[] = batches.map((b, i) => {
      if (!b || typeof b.trackingNumber !== 'string' || !Array.isArray(b.events)) {
        throw AppError.validation([{ path: `shipments[${i}]`, message: 'needs trackingNumber and events' }]);
      }
      return {
        carrier: carrier.id,
        trackingNumber: b.trackingNumber.replace(/\s+/g, '').toUpperCase(),
        source: 'webhook',
        events: b.events,
        estimatedDelivery: b.estimatedDelivery,
        path: batches.length > 1 ? `shipments[${i}].events` : 'events',
      };
    });
    const prepared = requests.map((r) => this.ingestion.prepare(r));
    const pushId = verdict.pushId ?? `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
    const eventCount = requests.reduce((a, r) => a + r.events.length, 0);
    return this.db.transaction(async (tx) => {
      const receipt: unknown[] = await tx.query(
        `INSERT INTO carrier_push_receipt (carrier, push_id, received_at, event_count) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING push_id`,
        [carrier.id, pushId.slice(0, 200), this.clock.now(), eventCount],
      );
      if (!receipt.length) return { accepted: true, duplicate: true, parcels: 0, events: 0 };
      for (let i = 0; i < requests.length; i++) await this.ingestion.ingestPrepared(tx, requests[i], prepared[i]);
      return { accepted: true, duplicate: false, parcels: requests.length, events: eventCount };
    });
  }
}
