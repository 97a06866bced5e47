import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const DATE_OR_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export const SHIPMENT_STATUSES = [
  'booked',
  'cancelled',
  'in_transit',
  'customs',
  'out_for_delivery',
  'delivery_attempted',
  'available_for_pickup',
  'exception',
  'return_to_sender',
  'delivered',
] as const;

export class ListShipmentsQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) reference?: string;
  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES }) @IsOptional() @IsIn(SHIPMENT_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/) carrier?: string;
  @ApiPropertyOptional({ description: 'Created at or after: ISO date (UTC day) or date-time with offset' })
  @IsOptional() @Matches(DATE_OR_TIME, { message: 'from must be an ISO date or date-time with offset' }) from?: string;
  @ApiPropertyOptional({ description: 'Created before (a date includes that whole UTC day)' })
  @IsOptional() @Matches(DATE_OR_TIME, { message: 'to must be an ISO date or date-time with offset' }) to?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 25, minimum: 1, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class LabelQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'zpl'], description: 'Defaults to the format chosen at booking' }) @IsOptional() @IsIn(['pdf', 'zpl']) format?: 'pdf' | 'zpl';
  @ApiPropertyOptional({ enum: ['4x6', 'a6', 'a4'] }) @IsOptional() @IsIn(['4x6', 'a6', 'a4']) size?: '4x6' | 'a6' | 'a4';
  @ApiPropertyOptional({ enum: [203, 300] }) @IsOptional() @Type(() => Number) @IsIn([203, 300]) dpi?: 203 | 300;
}
