import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ALL_SUBSTATUSES, TRACKING_REASONS, TRACKING_STATUSES } from './domain/tracking-status';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Tracking numbers are compared without spaces and case (carriers print them both ways). */
export const normaliseTrackingNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value);

export class EventLocationDto {
  @ApiPropertyOptional({ example: 'Leipzig', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ example: 'SN', description: 'State or province (ISO 3166-2 subdivision code or the carrier\'s text)', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  region?: string;

  @ApiPropertyOptional({ example: '04109', maxLength: 20 })
  @IsOptional() @IsString() @MaxLength(20)
  postalCode?: string;

  @ApiPropertyOptional({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code' })
  country?: string;
}

export class TrackingEventInputDto {
  @ApiPropertyOptional({ description: "The carrier's own id of the event; makes the event idempotent on its own", maxLength: 128 })
  @IsOptional() @IsString() @Length(1, 128) @Transform(trim)
  eventId?: string;

  @ApiPropertyOptional({ example: 'AF', description: "Carrier event code, mapped through the carrier's event-code table", maxLength: 64 })
  @IsOptional() @IsString() @Length(1, 64) @Transform(trim)
  code?: string;

  @ApiPropertyOptional({ enum: TRACKING_STATUSES, description: 'Unified status, for senders that already speak the Parcelwise model (instead of `code`)' })
  @IsOptional() @IsIn(TRACKING_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 'customs.duties_due', description: `With \`status\`: one of ${ALL_SUBSTATUSES.length} substatuses, full (\`customs.duties_due\`) or short (\`duties_due\`)` })
  @IsOptional() @IsString() @MaxLength(60)
  substatus?: string;

  @ApiPropertyOptional({ enum: TRACKING_REASONS })
  @IsOptional() @IsIn(TRACKING_REASONS)
  reason?: string;

  @ApiPropertyOptional({ example: 'Arrived at DHL facility in LEIPZIG - GERMANY', maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiProperty({
    example: '2026-11-20T09:15:00+01:00',
    description: 'When it happened, ISO 8601 with an offset, `Z`, or local time without offset (then `utcOffset`, `occurredAtUtc` or the location give the zone)',
  })
  @IsString() @MaxLength(64)
  occurredAt!: string;

  @ApiPropertyOptional({ example: '-05:00', description: 'UTC offset of a local `occurredAt` (e.g. UPS gmtOffset)' })
  @IsOptional() @IsString() @Matches(/^[+-]\d{2}:?\d{2}$/, { message: 'must be an offset such as +01:00 or -0500' })
  utcOffset?: string;

  @ApiPropertyOptional({ example: '2026-11-20T08:15:00Z', description: 'The same moment in UTC when the carrier sends it separately (USPS GMTTimestamp, UPS gmtDate/gmtTime)' })
  @IsOptional() @IsString() @MaxLength(64)
  occurredAtUtc?: string;

  @ApiPropertyOptional({ type: EventLocationDto })
  @IsOptional() @ValidateNested() @Type(() => EventLocationDto)
  location?: EventLocationDto;
}

export class EstimatedDeliveryDto {
  @ApiProperty({ example: '2026-12-01' })
  @IsString() @MaxLength(32)
  earliest!: string;

  @ApiProperty({ example: '2026-12-03' })
  @IsString() @MaxLength(32)
  latest!: string;
}

export class IngestTrackingEventsDto {
  @ApiProperty({ example: 'deutsche-post', description: 'Carrier id as in GET /v1/carriers' })
  @IsString() @Length(1, 40)
  carrier!: string;

  @ApiProperty({ example: 'CX123456785DE' })
  @IsString() @Transform(normaliseTrackingNumber) @Matches(/^[A-Z0-9-]{4,64}$/, { message: 'must be 4 to 64 letters, digits or dashes' })
  trackingNumber!: string;

  @ApiProperty({ type: TrackingEventInputDto, isArray: true, maxItems: 100 })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => TrackingEventInputDto)
  events!: TrackingEventInputDto[];

  @ApiPropertyOptional({ type: EstimatedDeliveryDto, description: "The carrier's current delivery estimate; kept as history" })
  @IsOptional() @ValidateNested() @Type(() => EstimatedDeliveryDto)
  estimatedDelivery?: EstimatedDeliveryDto;
}

export class WarehouseScanDto {
  @ApiProperty({ enum: ['handed_to_carrier', 'picked', 'packed', 'held', 'returned_to_warehouse', 'received_return'], description: 'What the warehouse did' })
  @IsIn(['handed_to_carrier', 'picked', 'packed', 'held', 'returned_to_warehouse', 'received_return'])
  type!: string;

  @ApiPropertyOptional({ description: 'Defaults to now; ISO 8601 with offset or local time', example: '2026-11-20T16:45:00+01:00' })
  @IsOptional() @IsString() @MaxLength(64)
  occurredAt?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: EventLocationDto })
  @IsOptional() @ValidateNested() @Type(() => EventLocationDto)
  location?: EventLocationDto;

  @ApiPropertyOptional({ description: 'Which parcel (tracking number) was scanned; all parcels when left out' })
  @IsOptional() @IsString() @Transform(normaliseTrackingNumber) @MaxLength(64)
  trackingNumber?: string;

  @ApiPropertyOptional({ description: 'Scanner or station id, kept to make a repeated scan idempotent', maxLength: 64 })
  @IsOptional() @IsString() @MaxLength(64)
  scanId?: string;
}

export class CsvUploadQuery {
  @ApiProperty({ example: 'deutsche-post' })
  @IsString() @Length(1, 40)
  carrier!: string;
}
