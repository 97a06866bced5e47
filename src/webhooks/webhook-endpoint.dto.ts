import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { Required } from '../common/dto/decorators';
import { WEBHOOK_EVENT_SELECTORS } from './webhook-event-types';

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://merchant.example/hooks/parcelwise', description: 'HTTPS URL (HTTP only for hosts in WEBHOOK_ALLOWED_HOSTS)' })
  @Required()
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_SELECTORS, isArray: true, example: ['shipment.status_changed', 'shipment.delivered', 'return.updated'] })
  @Required()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_SELECTORS, { each: true, message: `each event must be one of ${WEBHOOK_EVENT_SELECTORS.join(', ')}` })
  events!: string[];

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  description?: string;
}

export class WebhookEndpointView {
  @ApiProperty({ example: 'wep_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ isArray: true, type: String }) events!: string[];
  @ApiProperty({ enum: ['enabled', 'disabled'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) disabledReason!: string | null;
  @ApiProperty() createdAt!: string;
}

export class CreatedWebhookEndpointView extends WebhookEndpointView {
  @ApiProperty({ description: 'Signing secret (`whsec_` + base64). Shown only in this response; store it now.' })
  secret!: string;
}

export class WebhookAttemptView {
  @ApiProperty() attempt!: number;
  @ApiProperty() startedAt!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ nullable: true, type: Number }) statusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ enum: ['delivered', 'retry', 'failed', 'endpoint_disabled'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
}

export class WebhookDeliveryView {
  @ApiProperty({ example: 'whd_...' }) id!: string;
  @ApiProperty({ description: 'The event id, sent as `webhook-id` with every attempt' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty() endpointId!: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'cancelled'] }) status!: string;
  @ApiProperty() attemptCount!: number;
  @ApiProperty({ nullable: true, type: String }) nextAttemptAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ type: WebhookAttemptView, isArray: true }) attempts!: WebhookAttemptView[];
}

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ enum: ['pending', 'succeeded', 'failed', 'cancelled'] })
  @IsOptional()
  @IsIn(['pending', 'succeeded', 'failed', 'cancelled'])
  status?: string;

  @ApiPropertyOptional({ description: 'Return deliveries created before this delivery id (paging)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  cursor?: string;
}
