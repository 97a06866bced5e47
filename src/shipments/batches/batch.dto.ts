import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional } from 'class-validator';
import { Required } from '../../common/dto/decorators';
import { ShipmentView } from '../dto/shipment-view.dto';

export const MAX_BATCH_ITEMS = 500;

export class CreateBatchDto {
  @ApiProperty({
    description: `Up to ${MAX_BATCH_ITEMS} bookings, each the body of POST /v1/shipments plus its own \`idempotencyKey\`. Items are validated one by one: a bad item fails alone.`,
    type: 'array',
    items: { type: 'object' },
  })
  @Required()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  @IsObject({ each: true, message: 'each shipment must be an object' })
  shipments!: Record<string, unknown>[];

  @ApiPropertyOptional({ enum: ['pdf', 'zpl'], default: 'pdf', description: 'Format of the merged labels link' }) @IsOptional() @IsIn(['pdf', 'zpl']) labelFormat?: 'pdf' | 'zpl';
  @ApiPropertyOptional({ enum: ['4x6', 'a6', 'a4'], default: '4x6' }) @IsOptional() @IsIn(['4x6', 'a6', 'a4']) labelSize?: '4x6' | 'a6' | 'a4';
}

export class BatchItemErrorView {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
  @ApiProperty() status!: number;
  @ApiProperty({ description: 'Problems with paths inside the batch, e.g. shipments[3].shipTo.postalCode' }) details!: { path: string; message: string }[];
}

export class BatchItemView {
  @ApiProperty() index!: number;
  @ApiProperty({ nullable: true, type: String }) idempotencyKey!: string | null;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty({ enum: ['booked', 'failed'] }) status!: 'booked' | 'failed';
  @ApiPropertyOptional({ type: ShipmentView }) shipment?: ShipmentView;
  @ApiPropertyOptional({ type: BatchItemErrorView }) error?: BatchItemErrorView;
}

export class BatchView {
  @ApiProperty({ example: 'bat_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty({ enum: ['processing', 'completed', 'partially_failed', 'failed'] }) status!: string;
  @ApiProperty() counts!: { total: number; booked: number; failed: number };
  @ApiProperty({ type: [BatchItemView] }) items!: BatchItemView[];
  @ApiProperty({ description: 'All labels of the booked shipments merged into one document' }) labels!: { format: string; url: string }[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
}
