import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireScopes } from '../auth/auth.decorators';
import { AppError } from '../platform/errors/app-error';
import { BookingService } from './booking.service';
import { CreateShipmentDto } from './dto/shipment-request.dto';
import { LabelQuery, ListShipmentsQuery } from './dto/shipment-query.dto';
import { ShipmentListView, ShipmentView } from './dto/shipment-view.dto';
import { requireIdempotencyKey } from './idempotency-key';
import { ShipmentDocumentsService } from './shipment-documents.service';
import { ShipmentsService } from './shipments.service';

const SHIPMENT_ID = /^shp_[0-9a-z]{26}$/;
const DOCUMENT_TYPES = ['commercial_invoice', 'cn22', 'cn23'];

@ApiTags('Shipments')
@Controller('v1/shipments')
export class ShipmentsController {
  constructor(
    private readonly booking: BookingService,
    private readonly shipments: ShipmentsService,
    private readonly documents: ShipmentDocumentsService,
  ) {}

  @Post()
  @RequireScopes('shipments')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'One per booking; a retry with the same key and body returns the first response' })
  @ApiCreatedResponse({ type: ShipmentView, description: 'Booked (or the stored response of an earlier request with the same key)' })
  async create(
    @Body() body: CreateShipmentDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShipmentView> {
    const key = requireIdempotencyKey(idempotencyKey);
    const outcome = await this.booking.book(body, { owner: request.principal!.keyId, idempotencyKey: key });
    void reply.status(201);
    if (outcome.replayed) void reply.header('Idempotent-Replayed', 'true');
    return outcome.body;
  }

  @Get()
  @RequireScopes('shipments')
  @ApiOkResponse({ type: ShipmentListView })
  list(@Query() query: ListShipmentsQuery): Promise<ShipmentListView> {
    return this.shipments.list(query);
  }

  @Get(':id')
  @RequireScopes('shipments')
  @ApiOkResponse({ type: ShipmentView })
  async get(@Param('id') id: string): Promise<ShipmentView> {
    return this.shipments.view(await this.shipments.get(checkId(id)));
  }

  @Get(':id/label')
  @RequireScopes('shipments')
  @ApiProduces('application/pdf', 'text/plain')
  @ApiOkResponse({ description: 'The labels of every parcel in one PDF (4x6, A6 or A4) or ZPL II (203 or 300 dpi) document' })
  async label(@Param('id') id: string, @Query() query: LabelQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const s = await this.shipments.forLabels(checkId(id));
    if (s.status === 'cancelled') throw AppError.conflict('SHIPMENT_CANCELLED', `Shipment ${s.id} was cancelled; its label is void`);
    const file = await this.documents.label(s, { format: query.format ?? s.labelFormat, size: query.size ?? s.labelSize, dpi: query.dpi ?? s.labelDpi });
    void reply.header('Content-Type', file.contentType).header('Content-Disposition', `inline; filename="${file.filename}"`).header('Cache-Control', 'private, no-store');
    return file.data;
  }

  @Get(':id/documents/:type')
  @RequireScopes('shipments')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'A customs document: commercial_invoice, cn22 or cn23' })
  async document(@Param('id') id: string, @Param('type') type: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    if (!DOCUMENT_TYPES.includes(type)) throw AppError.validation([{ path: 'type', message: `must be one of ${DOCUMENT_TYPES.join(', ')}` }]);
    const s = await this.shipments.get(checkId(id));
    const file = await this.documents.document(s, type);
    void reply.header('Content-Type', file.contentType).header('Content-Disposition', `inline; filename="${file.filename}"`).header('Cache-Control', 'private, no-store');
    return file.data;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @RequireScopes('shipments')
  @ApiOkResponse({ type: ShipmentView, description: 'Voided (409 SHIPMENT_IN_TRANSIT once the carrier has the parcel)' })
  cancel(@Param('id') id: string): Promise<ShipmentView> {
    return this.shipments.cancel(checkId(id));
  }
}

function checkId(id: string): string {
  if (!SHIPMENT_ID.test(id)) throw AppError.notFound(`Shipment ${id}`);
  return id;
}
