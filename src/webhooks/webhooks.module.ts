import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SsrfGuard } from './ssrf-guard';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';
import { WebhookEndpointController } from './webhook-endpoint.controller';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';
import { WebhookEndpointService } from './webhook-endpoint.service';
import { WebhookOutbox } from './webhook-outbox.service';
import { WebhookSender } from './webhook-sender';

/** Outbound merchant webhooks: endpoints, the transactional outbox, signed delivery with retries. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointEntity])],
  controllers: [WebhookEndpointController],
  providers: [SsrfGuard, WebhookSender, WebhookOutbox, WebhookEndpointService, WebhookDeliveryWorker],
  exports: [WebhookOutbox],
})
export class WebhooksModule {}
