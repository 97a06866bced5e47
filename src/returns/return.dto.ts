import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Required } from '../common/dto/decorators';
import { RETURN_REASONS, RETURN_RESOLUTIONS } from './domain/return-state';

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;

export class ReturnItemDto {
  @ApiPropertyOptional({ example: 'TS-1', description: 'SKU of the item in the original shipment' })
  @IsOptional() @IsString() @MaxLength(64)
  sku?: string;

  @ApiPropertyOptional({ example: 0, description: 'Line of the item in the original shipment (0-based), for items without SKU' })
  @IsOptional() @IsInt() @Min(0) @Max(199)
  line?: number;

  @ApiProperty({ example: 1 })
  @Required()
  @IsInt() @Min(1) @Max(1_000_000)
  quantity!: number;

  @ApiPropertyOptional({ enum: RETURN_REASONS, description: 'Reason for this item when it differs from the return reason' })
  @IsOptional() @IsIn(RETURN_REASONS)
  reason?: string;
}

export class WeightInputDto {
  @ApiProperty({ example: 1.2 }) @Required() @Type(() => Number) @Min(0.001) @Max(1000)
  value!: number;

  @ApiProperty({ enum: ['kg', 'g', 'lb', 'oz'] }) @Required() @IsIn(['kg', 'g', 'lb', 'oz'])
  unit!: 'kg' | 'g' | 'lb' | 'oz';
}

export class DimensionsInputDto {
  @ApiProperty() @Required() @Type(() => Number) @Min(0.1) @Max(1000) length!: number;
  @ApiProperty() @Required() @Type(() => Number) @Min(0.1) @Max(1000) width!: number;
  @ApiProperty() @Required() @Type(() => Number) @Min(0.1) @Max(1000) height!: number;
  @ApiProperty({ enum: ['cm', 'in'] }) @Required() @IsIn(['cm', 'in']) unit!: 'cm' | 'in';
}

export class ReturnParcelDto {
  @ApiProperty({ type: WeightInputDto }) @Required() @ValidateNested() @Type(() => WeightInputDto)
  weight!: WeightInputDto;

  @ApiPropertyOptional({ type: DimensionsInputDto }) @IsOptional() @ValidateNested() @Type(() => DimensionsInputDto)
  dimensions?: DimensionsInputDto;
}

export class CreateReturnDto {
  @ApiProperty({ enum: RETURN_REASONS, example: 'damaged' })
  @Required()
  @IsIn(RETURN_REASONS)
  reason!: string;

  @ApiPropertyOptional({ maxLength: 500, description: "The buyer's words, kept with the RMA (not sent to carriers)" })
  @IsOptional() @IsString() @MaxLength(500) @Matches(NO_CONTROL, { message: 'must not contain control characters' })
  note?: string;

  @ApiProperty({ type: ReturnItemDto, isArray: true })
  @Required()
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ReturnItemDto)
  items!: ReturnItemDto[];

  @ApiPropertyOptional({ type: ReturnParcelDto, isArray: true, description: "Defaults to one parcel like the original shipment's first" })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ReturnParcelDto)
  parcels?: ReturnParcelDto[];

  @ApiPropertyOptional({ example: 'mydhl', description: 'Carrier of the return label; defaults to the original carrier when it picks up in the buyer country, else another eligible one' })
  @IsOptional() @IsString() @Length(1, 40)
  carrier?: string;

  @ApiPropertyOptional({ example: 'express-worldwide' })
  @IsOptional() @IsString() @Length(1, 60)
  service?: string;

  @ApiPropertyOptional({ enum: ['pdf', 'zpl'], default: 'pdf' })
  @IsOptional() @IsIn(['pdf', 'zpl'])
  labelFormat?: 'pdf' | 'zpl';

  @ApiPropertyOptional({ enum: ['4x6', 'a6', 'a4'], default: '4x6' })
  @IsOptional() @IsIn(['4x6', 'a6', 'a4'])
  labelSize?: '4x6' | 'a6' | 'a4';
}

export class ReceiveReturnDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500) @Matches(NO_CONTROL, { message: 'must not contain control characters' })
  note?: string;
}

export class CloseReturnDto {
  @ApiProperty({ enum: RETURN_RESOLUTIONS })
  @Required()
  @IsIn(RETURN_RESOLUTIONS)
  resolution!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional() @IsString() @MaxLength(500) @Matches(NO_CONTROL, { message: 'must not contain control characters' })
  note?: string;
}
