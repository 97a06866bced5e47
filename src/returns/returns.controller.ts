import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequireScopes } from '../auth/auth.decorators';
import { AppError } from '../platform/errors/app-error';
import { CloseReturnDto, CreateReturnDto, ReceiveReturnDto } from './return.dto';
import { ReturnsService, type ReturnView } from './returns.service';

@ApiTags('Returns')
@Controller()
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  @Post('v1/shipments/:id/returns')
  @HttpCode(201)
  @RequireScopes('shipments')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Recommended: the same key returns the same RMA instead of a second label' })
  @ApiCreatedResponse({ description: 'The RMA with its return shipment (`direction: return`) and label' })
  create(@Param('id') id: string, @Body() body: CreateReturnDto, @Req() req: FastifyRequest, @Headers('idempotency-key') key?: string): Promise<ReturnView> {
    if (key !== undefined && !/^[\x21-\x7e]{1,200}$/.test(key)) throw AppError.validation([{ path: 'Idempotency-Key', message: 'must be 1 to 200 visible ASCII characters' }]);
    return this.returns.create(id, body, req.principal!.keyId, key);
  }

  @Get('v1/shipments/:id/returns')
  @RequireScopes('shipments')
  @ApiOkResponse({ description: 'Returns of a shipment, oldest first' })
  async list(@Param('id') id: string): Promise<{ data: ReturnView[] }> {
    return { data: await this.returns.listForShipment(id) };
  }

  @Get('v1/returns/:id')
  @RequireScopes('shipments')
  get(@Param('id') id: string): Promise<ReturnView> {
    return this.returns.get(id);
  }

  @Post('v1/returns/:id/receive')
  @HttpCode(200)
  @RequireScopes('shipments')
  receive(@Param('id') id: string, @Body() body: ReceiveReturnDto): Promise<ReturnView> {
    return this.returns.receive(id, body.note);
  }

  @Post('v1/returns/:id/close')
  @HttpCode(200)
  @RequireScopes('shipments')
  close(@Param('id') id: string, @Body() body: CloseReturnDto): Promise<ReturnView> {
    return this.returns.close(id, body.resolution, body.note);
  }

  @Post('v1/returns/:id/cancel')
  @HttpCode(200)
  @RequireScopes('shipments')
  cancel(@Param('id') id: string): Promise<ReturnView> {
    return this.returns.cancel(id);
  }
}
