import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateBy, ValidateNested } from 'class-validator';
import { Required } from '../common/dto/decorators';
import type { ErrorDetail } from '../platform/errors/app-error';
import { CheckedBy, type RequestCheck } from '../platform/http/request-checks';
import { ReferenceData } from '../tariffs/reference-data';
import { ALL_SUBSTATUSES, TRACKING_REASONS, TRACKING_STATUSES } from './domain/tracking-status';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Tracking numbers are compared without spaces and case (carriers print them both ways). */
export const normaliseTrackingNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value);

/**
 * The earliest time an event may carry. Events are checked in two places: here, no time written
 * before this day (a sender's unset clock gives 1970-01-01); and when they are normalised, nothing
 * more than 36 hours after the service's clock (a wrong zone would otherwise pin the status).
 */
export const EARLIEST_EVENT_DATE = '2000-01-01';

/** A time as sent (`2026-11-20T09:15:00+01:00`, local or UTC) whose date is not before {@link EARLIEST_EVENT_DATE}. */
function NotBeforeEarliestEvent(): PropertyDecorator {
  return ValidateBy({
    name: 'notBeforeEarliestEvent',
    validator: {
      // Only the written date is compared: the time and zone cannot move it across years that far back.
      validate: (value: unknown) => typeof value !== 'string' || !/^[+-]?\d{4}/.test(value.trim()) || value.trim().slice(0, 10) >= EARLIEST_EVENT_DATE,
      defaultMessage: () => `$property must not be before ${EARLIEST_EVENT_DATE}; check the sender's clock`,
    },
  });
}

/** Location countries of events must be ISO 3166-1 countries the service knows (not just two letters). */
function knownLocationCountries(events: readonly (TrackingEventInputDto | WarehouseScanDto | undefined)[], base: (i: number) => string): RequestCheck<unknown> {
  return (_dto, { valid, resolve }) => {
    const countries = resolve(ReferenceData).countries;
    const problems: ErrorDetail[] = [];
    events.forEach((event, i) => {
      const country = event?.location?.country;
      const path = `${base(i)}location.country`;
      if (typeof country === 'string' && valid(path) && !countries.has(country.toUpperCase())) problems.push({ path, message: `"${country}" is not a known ISO 3166-1 alpha-2 country code` });
    });
    return problems;
  };
}

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
    description:
      'When it happened, ISO 8601 with an offset, `Z`, or local time without offset (then `utcOffset`, `occurredAtUtc` or the location give the zone). ' +
      'Not before 2000-01-01 and not more than 36 hours ahead of the service clock.',
  })
  @Required()
  @IsString() @MaxLength(64) @NotBeforeEarliestEvent()
  occurredAt!: string;

  @ApiPropertyOptional({ example: '-05:00', description: 'UTC offset of a local `occurredAt` (e.g. UPS gmtOffset)' })
  @IsOptional() @IsString() @Matches(/^[+-]\d{2}:?\d{2}$/, { message: 'must be an offset such as +01:00 or -0500' })
  utcOffset?: string;

  @ApiPropertyOptional({ example: '2026-11-20T08:15:00Z', description: 'The same moment in UTC when the carrier sends it separately (USPS GMTTimestamp, UPS gmtDate/gmtTime)' })
  @IsOptional() @IsString() @MaxLength(64) @NotBeforeEarliestEvent()
  occurredAtUtc?: string;

  @ApiPropertyOptional({ type: EventLocationDto })
  @IsOptional() @ValidateNested() @Type(() => EventLocationDto)
  location?: EventLocationDto;
}

export class EstimatedDeliveryDto {
  @ApiProperty({ example: '2026-12-01' })
  @Required()
  @IsString() @MaxLength(32)
  earliest!: string;

  @ApiProperty({ example: '2026-12-03' })
  @Required()
  @IsString() @MaxLength(32)
  latest!: string;
}

@CheckedBy<IngestTrackingEventsDto>({ always: [(dto, ctx) => knownLocationCountries(Array.isArray(dto.events) ? dto.events : [], (i) => `events[${i}].`)(dto, ctx)] })
export class IngestTrackingEventsDto {
  @ApiProperty({ example: 'deutsche-post', description: 'Carrier id as in GET /v1/carriers' })
  @Required()
  @IsString() @Length(1, 40)
  carrier!: string;

  @ApiProperty({ example: 'CX123456785DE' })
  @Required()
  @IsString() @Transform(normaliseTrackingNumber) @Matches(/^[A-Z0-9-]{4,64}$/, { message: 'must be 4 to 64 letters, digits or dashes' })
  trackingNumber!: string;

  @ApiProperty({ type: TrackingEventInputDto, isArray: true, maxItems: 100 })
  @Required()
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => TrackingEventInputDto)
  events!: TrackingEventInputDto[];

  @ApiPropertyOptional({ type: EstimatedDeliveryDto, description: "The carrier's current delivery estimate; kept as history" })
  @IsOptional() @ValidateNested() @Type(() => EstimatedDeliveryDto)
  estimatedDelivery?: EstimatedDeliveryDto;
}

@CheckedBy<WarehouseScanDto>({ always: [(dto, ctx) => knownLocationCountries([dto], () => '')(dto, ctx)] })
export class WarehouseScanDto {
  @ApiProperty({ enum: ['handed_to_carrier', 'picked', 'packed', 'held', 'returned_to_warehouse', 'received_return'], description: 'What the warehouse did' })
  @Required()
  @IsIn(['handed_to_carrier', 'picked', 'packed', 'held', 'returned_to_warehouse', 'received_return'])
  type!: string;

  @ApiPropertyOptional({ description: 'Defaults to now; ISO 8601 with offset or local time', example: '2026-11-20T16:45:00+01:00' })
  @IsOptional() @IsString() @MaxLength(64) @NotBeforeEarliestEvent()
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
  @Required()
  @IsString() @Length(1, 40)
  carrier!: string;
}
