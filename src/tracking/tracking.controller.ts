import { Body, Controller, Get, HttpCode, Inject, OnModuleInit, Param, Post, Query, Req } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { RequireScopes } from '../auth/auth.decorators';
import { AppConfig } from '../platform/config/app-config';
import { AppError, type ErrorDetail } from '../platform/errors/app-error';
import { CsvUploadQuery, IngestTrackingEventsDto } from './tracking-event.dto';
import { parseTrackingCsv } from './tracking-csv.parser';
import { TrackingIngestionService, type IngestResult } from './tracking-ingestion.service';
import { TrackingReadService, type TimelineView } from './tracking-read.service';

@ApiTags('Tracking')
@Controller()
export class TrackingController implements OnModuleInit {
  constructor(
    private readonly ingestion: TrackingIngestionService,
    private readonly reads: TrackingReadService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HttpAdapterHost) private readonly host: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  /** Carrier event files are uploaded as `text/csv`; Fastify only parses JSON and text/plain by itself. */
  onModuleInit(): void {
    const fastify = this.host.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (fastify && !fastify.hasContentTypeParser('text/csv')) {
      fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: this.config.BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));
    }
  }

  @Post('v1/tracking-events')
  @HttpCode(200)
  @RequireScopes('tracking:write')
  @ApiOkResponse({ description: 'What became of each event (created, updated or duplicate) and the derived status' })
  ingest(@Body() body: IngestTrackingEventsDto): Promise<IngestResult> {
    return this.ingestion.ingest({
      carrier: body.carrier,
      trackingNumber: body.trackingNumber,
      source: 'api',
      events: body.events,
      estimatedDelivery: body.estimatedDelivery,
    });
  }

  @Post('v1/tracking-events/csv')
  @HttpCode(200)
  @RequireScopes('tracking:write')
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'A carrier event file: header row, then one event per row. Columns: trackingNumber, occurredAt (required); eventId, code, status, substatus, reason, description, utcOffset, occurredAtUtc, city, region, postalCode, country. Lines starting with # are comments. All rows are stored or none.',
    schema: { type: 'string', example: 'trackingNumber,code,description,occurredAt,city,country\nCX123456785DE,SRTED,Sorted,2026-11-20T09:15:00,Leipzig,DE' },
  })
  async uploadCsv(@Query() query: CsvUploadQuery, @Req() req: FastifyRequest): Promise<{ carrier: string; rows: number; parcels: number; created: number; updated: number; duplicates: number; statusChanges: number; results: IngestResult[] }> {
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^text\/(csv|plain)\b/i.test(contentType)) {
      throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the event file as text/csv');
    }
    const text = typeof req.body === 'string' ? req.body : '';
    const { parcels, rows, problems } = parseTrackingCsv(text);
    const details: ErrorDetail[] = [...problems];
    const prepared = parcels.map((p) => {
      try {
        return this.ingestion.prepare({ carrier: query.carrier, trackingNumber: p.trackingNumber, source: 'csv', events: p.events, path: 'events' });
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        // Report problems by file line, the way a person fixing the file looks for them.
        for (const d of e.details) {
          const m = /^events\[(\d+)\]\.(.+)$/.exec(d.path);
          details.push(m ? { path: `line ${p.lines[Number(m[1])]}.${m[2]}`, message: d.message } : d);
        }
        return [];
      }
    });
    if (details.length) throw AppError.validation(details, 'The event file has problems; nothing was stored');
    const results = await this.db.transaction(async (tx) => {
      const out: IngestResult[] = [];
      for (let i = 0; i < parcels.length; i++) {
        out.push(await this.ingestion.ingestPrepared(tx, { carrier: query.carrier, trackingNumber: parcels[i].trackingNumber, source: 'csv', events: parcels[i].events }, prepared[i]));
      }
      return out;
    });
    return {
      carrier: query.carrier,
      rows,
      parcels: parcels.length,
      created: results.reduce((a, r) => a + r.created, 0),
      updated: results.reduce((a, r) => a + r.updated, 0),
      duplicates: results.reduce((a, r) => a + r.duplicates, 0),
      statusChanges: results.filter((r) => r.statusChanged).length,
      results,
    };
  }

  @Get('v1/trackers/:carrier/:trackingNumber')
  @RequireScopes('shipments', 'tracking:write')
  @ApiOkResponse({ description: 'The timeline of one parcel by carrier and tracking number, linked to a shipment or not' })
  tracker(@Param('carrier') carrier: string, @Param('trackingNumber') trackingNumber: string): Promise<TimelineView> {
    return this.reads.trackerTimeline(carrier, trackingNumber.replace(/\s+/g, '').toUpperCase());
  }
}
