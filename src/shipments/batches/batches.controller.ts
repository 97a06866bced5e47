import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequireScopes } from '../../auth/auth.decorators';
import { AppError } from '../../platform/errors/app-error';
import { LabelQuery } from '../dto/shipment-query.dto';
import { BatchView, CreateBatchDto } from './batch.dto';
import { BatchService } from './batch.service';

const BATCH_ID = /^bat_[0-9a-z]{26}$/;

@ApiTags('Batches')
@Controller('v1/batches')
export class BatchesController {
  constructor(private readonly batches: BatchService) {}

  @Post()
  @RequireScopes('shipments')
  @ApiCreatedResponse({ type: BatchView, description: 'Every item booked or failed on its own; see items[].status' })
  create(@Body() body: CreateBatchDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<BatchView> {
    void reply.status(201);
    return this.batches.create(body, request.principal!.keyId);
  }

  @Get(':id')
  @RequireScopes('shipments')
  @ApiOkResponse({ type: BatchView })
  get(@Param('id') id: string): Promise<BatchView> {
    return this.batches.get(checkId(id));
  }

  @Get(':id/labels')
  @RequireScopes('shipments')
  @ApiProduces('application/pdf', 'text/plain')
  @ApiOkResponse({ description: 'The labels of every booked shipment of the batch, merged for printing (marks them printed)' })
  async labels(@Param('id') id: string, @Query() query: LabelQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await this.batches.labels(checkId(id), query);
    void reply.header('Content-Type', file.contentType).header('Content-Disposition', `inline; filename="${file.filename}"`).header('Cache-Control', 'private, no-store');
    return file.data;
  }
}

function checkId(id: string): string {
  if (!BATCH_ID.test(id)) throw AppError.notFound(`Batch ${id}`);
  return id;
}
