import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCurrencyCode, OptionalNestedList, Required, RequiredNested, RequiredNestedList } from '../common/dto/decorators';
import { ExchangeRateDto } from '../common/dto/exchange-rate.dto';
import { ImporterFields } from '../common/dto/importer.dto';
import { DimensionsFields, TemperatureFields, WeightFields } from '../common/dto/measures.dto';
import { MoneyFields } from '../common/dto/money.dto';

const COUNTRY = /^[A-Z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const SORTS = ['best_value', 'cheapest', 'fastest'] as const;
export type QuoteSort = (typeof SORTS)[number];

export class MoneyDto extends MoneyFields({ amountDecimals: 6, currencyMessage: 'must be an ISO 4217 code such as "EUR"' }) {}

export class QuoteAddressDto {
  @ApiProperty({ example: 'DE', description: 'ISO 3166-1 alpha-2' })
  @Required()
  @IsString()
  @Matches(COUNTRY, { message: 'must be an ISO 3166-1 alpha-2 code such as "DE"' })
  country!: string;

  @ApiPropertyOptional({ example: '53113' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 -]{0,15}$/, { message: 'must be a postal code of letters, digits, spaces and dashes' })
  postalCode?: string;

  @ApiPropertyOptional({ example: 'Bonn' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  city?: string;

  @ApiPropertyOptional({ example: 'NY', description: 'State or province code (regional holidays, taxes)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{1,3}$/, { message: 'must be a subdivision code such as "NY"' })
  region?: string;

  @ApiPropertyOptional({ example: true, description: 'A private address (some carriers charge for it)' })
  @IsOptional()
  @IsBoolean()
  residential?: boolean;
}

export class WeightDto extends WeightFields(Min(0.001)) {}

export class DimensionsDto extends DimensionsFields(Min(0.1)) {}

export class ParcelDto {
  @ApiProperty({ type: WeightDto })
  @RequiredNested(() => WeightDto)
  weight!: WeightDto;

  @ApiPropertyOptional({ type: DimensionsDto, description: 'Needed for dimensional weight and size limits' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DimensionsDto)
  dimensions?: DimensionsDto;

  @ApiPropertyOptional({ description: 'A pallet rather than a parcel (freight services)' })
  @IsOptional()
  @IsBoolean()
  pallet?: boolean;

  @ApiPropertyOptional({ example: 'BOX-1' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  reference?: string;
}

export class ItemDto {
  @ApiPropertyOptional({ example: 'TS-1' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sku?: string;

  @ApiProperty({ example: 'Cotton T-shirt' })
  @Required()
  @IsString()
  @MaxLength(500)
  description!: string;

  @ApiProperty({ example: '610910', description: 'HS code, 6 to 10 digits (dots allowed)' })
  @Required()
  @IsString()
  @Matches(/^\d{4}\.?\d{2}(\.?\d{2}){0,2}$/, { message: 'must be an HS code of 6 to 10 digits' })
  hsCode!: string;

  @ApiProperty({ example: 'CN', description: 'Country of origin of the goods' })
  @Required()
  @IsString()
  @Matches(COUNTRY, { message: 'must be an ISO 3166-1 alpha-2 code such as "CN"' })
  originCountry!: string;

  @ApiProperty({ example: 10 })
  @Required()
  @IsInt()
  @Min(1)
  @Max(1000000)
  quantity!: number;

  @ApiProperty({ type: MoneyDto })
  @RequiredNested(() => MoneyDto)
  unitValue!: MoneyDto;

  @ApiPropertyOptional({ type: WeightDto, description: 'Net weight of one unit (specific duties)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => WeightDto)
  unitWeight?: WeightDto;

  @ApiPropertyOptional({ description: 'The seller claims a qualifying origin for a preferential duty rate' })
  @IsOptional()
  @IsBoolean()
  preferenceClaimed?: boolean;
}

export class DangerousGoodDto {
  @ApiProperty({ example: 'UN3481' })
  @Required()
  @IsString()
  @Matches(/^UN\d{4}$/, { message: 'must be a UN number such as "UN3481"' })
  unNumber!: string;

  @ApiProperty({ example: '9', description: 'Hazard class or division' })
  @Required()
  @IsString()
  @Matches(/^[1-9](\.[1-6])?$/, { message: 'must be a hazard class or division such as "9" or "2.2"' })
  class!: string;

  @ApiPropertyOptional({ enum: ['I', 'II', 'III'] })
  @IsOptional()
  @IsIn(['I', 'II', 'III'])
  packingGroup?: 'I' | 'II' | 'III';

  @ApiPropertyOptional({ example: 'PI967' })
  @IsOptional()
  @IsString()
  @Matches(/^PI\d{3}$/, { message: 'must be a packing instruction such as "PI967"' })
  packingInstruction?: string;

  @ApiPropertyOptional({ enum: ['IA', 'IB', 'I', 'II'], description: 'Section of a lithium packing instruction' })
  @IsOptional()
  @IsIn(['IA', 'IB', 'I', 'II'])
  section?: string;

  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  quantity?: number;
}

export class TemperatureDto extends TemperatureFields(-273) {}

export class HandlingDto {
  @ApiPropertyOptional({ type: DangerousGoodDto, isArray: true })
  @OptionalNestedList(() => DangerousGoodDto, 50)
  dangerousGoods?: DangerousGoodDto[];

  @ApiPropertyOptional({ example: 0, description: 'Dry ice (UN1845) in the whole shipment, kg' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10000)
  dryIceKg?: number;

  @ApiPropertyOptional({ type: TemperatureDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TemperatureDto)
  temperature?: TemperatureDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  fragile?: boolean;

  @ApiPropertyOptional({ enum: ['standard', 'adult'] })
  @IsOptional()
  @IsIn(['standard', 'adult'])
  signature?: 'standard' | 'adult';

  @ApiPropertyOptional({ type: MoneyDto, description: 'Value to insure' })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  insurance?: MoneyDto;
}

export class TaxIdDto {
  @ApiProperty({ example: 'eori' })
  @Required()
  @IsString()
  @Matches(/^[a-z_]{2,16}$/, { message: 'must be a tax id type such as "eori", "vat" or "ioss"' })
  type!: string;

  @ApiProperty({ example: 'DE123456789012345' })
  @Required()
  @IsString()
  @Matches(/^[A-Za-z0-9 .\/-]{2,64}$/, { message: 'must be 2 to 64 letters, digits, spaces, dots, slashes or dashes' })
  value!: string;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @IsString()
  @Matches(COUNTRY, { message: 'must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class ImporterDto extends ImporterFields(TaxIdDto) {}

export class CreateQuoteDto {
  @ApiProperty({ type: QuoteAddressDto })
  @RequiredNested(() => QuoteAddressDto)
  shipFrom!: QuoteAddressDto;

  @ApiProperty({ type: QuoteAddressDto })
  @RequiredNested(() => QuoteAddressDto)
  shipTo!: QuoteAddressDto;

  @ApiProperty({ type: ParcelDto, isArray: true })
  @RequiredNestedList(() => ParcelDto, 1, 99)
  parcels!: ParcelDto[];

  @ApiProperty({ type: ItemDto, isArray: true, description: 'The goods; required when crossing a border' })
  @RequiredNestedList(() => ItemDto, 0, 500)
  items!: ItemDto[];

  @ApiPropertyOptional({ type: HandlingDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => HandlingDto)
  handling?: HandlingDto;

  @ApiProperty({ enum: ['DDP', 'DAP'], description: 'DDP: the sender pays duties and taxes (in the price); DAP: the recipient pays on delivery' })
  @Required()
  @IsIn(['DDP', 'DAP'])
  incoterm!: 'DDP' | 'DAP';

  @ApiProperty({ example: 'USD', description: 'Currency of every amount in the answer' })
  @Required()
  @IsCurrencyCode('must be an ISO 4217 code such as "USD"')
  currency!: string;

  @ApiPropertyOptional({ example: '2026-11-27', description: 'Day the parcel is handed over, in the origin time zone (default today)' })
  @IsOptional()
  @IsString()
  @Matches(DATE, { message: 'must be a date YYYY-MM-DD' })
  shipDate?: string;

  @ApiPropertyOptional({ example: 'acme-gmbh', description: 'B2B customer whose negotiated pricing rules apply' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'must be 1 to 100 letters, digits, dots, underscores or dashes' })
  customerId?: string;

  @ApiPropertyOptional({ type: ImporterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ImporterDto)
  importer?: ImporterDto;

  @ApiPropertyOptional({ enum: SORTS, default: 'best_value' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: QuoteSort;

  @ApiPropertyOptional({ example: ['dhl-express'], description: 'Ask only these carriers' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(CODE, { each: true, message: 'each carrier must be a carrier id such as "dhl-express"' })
  carriers?: string[];

  @ApiPropertyOptional({ example: ['eu_ioss'], description: 'Seller tax registrations that collect tax at sale (eu_ioss, uk_vat, au_gst, no_voec, sg_ovr)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Matches(/^[a-z]{2}_[a-z]{2,8}$/, { each: true, message: 'each registration must look like "eu_ioss"' })
  sellerRegistrations?: string[];

  @ApiPropertyOptional({ type: ExchangeRateDto, isArray: true, description: 'Rates to use instead of the reference table' })
  @OptionalNestedList(() => ExchangeRateDto, 20)
  exchangeRates?: ExchangeRateDto[];
}
