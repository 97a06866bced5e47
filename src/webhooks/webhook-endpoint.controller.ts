import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import {
  CreatedWebhookEndpointView,
  CreateWebhookEndpointDto,
  ListDeliveriesQuery,
  WebhookDeliveryView,
  WebhookEndpointView,
} from './webhook-endpoint.dto';
import type { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookEndpointService } from './webhook-endpoint.service';

function view(e: WebhookEndpointEntity): WebhookEndpointView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events,
    status: e.status,
    disabledReason: e.disabledReason,
    createdAt: new Date(e.createdAt).toISOString(),
  };
}

@ApiTags('Webhooks')
@Controller()
export class WebhookEndpointController {
  constructor(private readonly endpoints: WebhookEndpointService) {}

  @Post('v1/webhook-endpoints')
  @RequireScopes('admin')
  @ApiCreatedResponse({ type: CreatedWebhookEndpointView })
  async create(@Body() body: CreateWebhookEndpointDto): Promise<CreatedWebhookEndpointView> {
    const { entity, secret } = await this.endpoints.create(body);
    return { ...view(entity), secret };
  }

  @Get('v1/webhook-endpoints')
  @RequireScopes('admin')
  @ApiOkResponse({ type: WebhookEndpointView, isArray: true })
  async list(): Promise<{ data: WebhookEndpointView[] }> {
    return { data: (await this.endpoints.list()).map(view) };
  }

  @Get('v1/webhook-endpoints/:id')
  @RequireScopes('admin')
  @ApiOkResponse({ type: WebhookEndpointView })
  async get(@Param('id') id: string): Promise<WebhookEndpointView> {
    return view(await this.endpoints.get(id));
  }

  @Delete('v1/webhook-endpoints/:id')
  @HttpCode(204)
  @RequireScopes('admin')
  async remove(@Param('id') id: string): Promise<void> {
    await this.endpoints.remove(id);
  }

  @Post('v1/webhook-endpoints/:id/enable')
  @HttpCode(200)
  @RequireScopes('admin')
  @ApiOkResponse({ type: WebhookEndpointView })
  async enable(@Param('id') id: string): Promise<WebhookEndpointView> {
    return view(await this.endpoints.enable(id));
  }

  @Post('v1/webhook-endpoints/:id/rotate-secret')
  @HttpCode(200)
  @RequireScopes('admin')
  @ApiOkResponse({ description: 'The new secret (shown once); the old one keeps signing for 24 hours' })
  rotate(@Param('id') id: string): Promise<{ secret: string; previousSecretExpiresAt: string }> {
    return this.endpoints.rotateSecret(id);
  }

  @Post('v1/webhook-deliveries/:id/retry')
  @HttpCode(200)
  @RequireScopes('admin')
  @ApiOkResponse({ type: WebhookDeliveryView })
  retry(@Param('id') id: string): Promise<WebhookDeliveryView> {
    return this.endpoints.retryDelivery(id);
  }

  @Get('v1/webhook-endpoints/:id/deliveries')
  @RequireScopes('admin')
  @ApiOkResponse({ type: WebhookDeliveryView, isArray: true })
  deliveries(@Param('id') id: string, @Query() query: ListDeliveriesQuery): Promise<{ data: WebhookDeliveryView[]; nextCursor: string | null }> {
    return this.endpoints.deliveries(id, query);
  }

  @Get('v1/webhook-deliveries/:id')
  @RequireScopes('admin')
  @ApiOkResponse({ type: WebhookDeliveryView })
  delivery(@Param('id') id: string): Promise<WebhookDeliveryView> {
    return this.endpoints.delivery(id);
  }
}
