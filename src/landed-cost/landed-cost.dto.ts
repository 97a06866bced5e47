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
import { IsCurrencyCode, OptionalNestedList, Required } from '../common/dto/decorators';
import { ExchangeRateDto } from '../common/dto/exchange-rate.dto';
import { ImporterFields } from '../common/dto/importer.dto';
import { WeightFields } from '../common/dto/measures.dto';
import { MoneyFields, moneyAmounts } from '../common/dto/money.dto';
import { CheckedBy } from '../platform/http/request-checks';

const COUNTRY = /^[A-Z]{2}$/;

export class LandedCostMoneyDto extends MoneyFields({ amountDecimals: 6, currencyMessage: 'must be an ISO 4217 code' }) {}

export class LandedCostWeightDto extends WeightFields(Min(0)) {}

export class LandedCostPlaceDto {
  @ApiProperty({ example: 'AU', description: 'ISO 3166-1 alpha-2' })
  @Required()
  @IsString()
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country!: string;

  @ApiPropertyOptional({ example: 'ON', description: 'Province or state code (Canadian HST, Brazilian ICMS)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{1,3}$/, { message: 'region must be a subdivision code such as "ON"' })
  region?: string;

  @ApiPropertyOptional({ example: '2000' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  postalCode?: string;
}

export class LandedCostItemDto {
  @ApiPropertyOptional({ example: 'TS-1' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sku?: string;

  @ApiProperty({ example: 'Amplifier' })
  @Required()
  @IsString()
  @MaxLength(500)
  description!: string;

  @ApiProperty({ example: '851840', description: 'HS code, 6 to 10 digits (dots allowed). With 6 digits the answer may be a range.' })
  @Required()
  @IsString()
  @Matches(/^[\d.\s]{6,16}$/, { message: 'hsCode must be 6 to 10 digits' })
  hsCode!: string;

  @ApiProperty({ example: 'US' })
  @Required()
  @IsString()
  @Matches(COUNTRY, { message: 'originCountry must be an ISO 3166-1 alpha-2 code' })
  originCountry!: string;

  @ApiProperty({ example: 1 })
  @Required()
  @IsInt()
  @Min(1)
  @Max(1000000)
  quantity!: number;

  @ApiProperty({ type: LandedCostMoneyDto })
  @Required()
  @ValidateNested()
  @Type(() => LandedCostMoneyDto)
  unitValue!: LandedCostMoneyDto;

  @ApiPropertyOptional({ type: LandedCostWeightDto, description: 'Net weight of one unit (specific duties per kg)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostWeightDto)
  unitWeight?: LandedCostWeightDto;

  @ApiPropertyOptional({ example: 0.75, description: 'Volume of one unit in litres (duties per litre or hl)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  unitVolumeLitres?: number;

  @ApiPropertyOptional({ example: 13.5, description: 'Alcohol strength in % vol (duties per % vol)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  alcoholPercent?: number;

  @ApiPropertyOptional({ description: 'The seller claims a qualifying origin for a preferential rate' })
  @IsOptional()
  @IsBoolean()
  preferenceClaimed?: boolean;
}

export class LandedCostTaxIdDto {
  @ApiProperty({ example: 'vat' })
  @Required()
  @IsString()
  @MaxLength(16)
  type!: string;

  @ApiProperty({ example: 'DE123456789' })
  @Required()
  @IsString()
  @MaxLength(64)
  value!: string;

  @ApiPropertyOptional({ example: 'DE' })
  @IsOptional()
  @IsString()
  @Matches(COUNTRY)
  country?: string;
}

export class LandedCostImporterDto extends ImporterFields(LandedCostTaxIdDto) {}

export class LandedCostDisbursementFeeDto {
  @ApiPropertyOptional({ example: 2, description: 'Percent of the duties and taxes advanced' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100)
  percent?: number;

  @ApiPropertyOptional({ type: LandedCostMoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostMoneyDto)
  minimum?: LandedCostMoneyDto;

  @ApiPropertyOptional({ type: LandedCostMoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostMoneyDto)
  flat?: LandedCostMoneyDto;
}

export class LandedCostCarrierFeesDto {
  @ApiPropertyOptional({ type: LandedCostMoneyDto, description: 'Charged to the seller for DDP shipments' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostMoneyDto)
  ddpFee?: LandedCostMoneyDto;

  @ApiPropertyOptional({ type: LandedCostDisbursementFeeDto, description: 'Charged to the recipient for advancing duties (DAP)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostDisbursementFeeDto)
  disbursementFee?: LandedCostDisbursementFeeDto;
}

/** `POST /v1/landed-cost` request body (API.md); amounts are held to their currency's minor units. */
@CheckedBy<LandedCostRequestDto>({ always: [moneyAmounts] })
export class LandedCostRequestDto {
  @ApiProperty({ type: LandedCostPlaceDto })
  @Required()
  @ValidateNested()
  @Type(() => LandedCostPlaceDto)
  shipFrom!: LandedCostPlaceDto;

  @ApiProperty({ type: LandedCostPlaceDto })
  @Required()
  @ValidateNested()
  @Type(() => LandedCostPlaceDto)
  shipTo!: LandedCostPlaceDto;

  @ApiProperty({ type: LandedCostItemDto, isArray: true })
  @Required()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => LandedCostItemDto)
  items!: LandedCostItemDto[];

  @ApiPropertyOptional({ type: LandedCostMoneyDto, description: 'Transport cost to the destination' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostMoneyDto)
  shipping?: LandedCostMoneyDto;

  @ApiPropertyOptional({ type: LandedCostMoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostMoneyDto)
  insurance?: LandedCostMoneyDto;

  @ApiProperty({ enum: ['DDP', 'DAP'] })
  @Required()
  @IsIn(['DDP', 'DAP'])
  incoterm!: 'DDP' | 'DAP';

  @ApiProperty({ example: 'AUD', description: 'Currency of the answer' })
  @Required()
  @IsCurrencyCode('must be an ISO 4217 code')
  currency!: string;

  @ApiPropertyOptional({ enum: ['courier', 'postal'], default: 'courier' })
  @IsOptional()
  @IsIn(['courier', 'postal'])
  mode?: 'courier' | 'postal';

  @ApiPropertyOptional({ example: '2026-11-27', description: 'Date whose rules and rates apply (default: today, UTC)' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be an ISO date (yyyy-mm-dd)' })
  date?: string;

  @ApiPropertyOptional({ type: ExchangeRateDto, isArray: true, description: 'Rates that override the table' })
  @OptionalNestedList(() => ExchangeRateDto, 50)
  exchangeRates?: ExchangeRateDto[];

  @ApiPropertyOptional({ type: LandedCostImporterDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostImporterDto)
  importer?: LandedCostImporterDto;

  @ApiPropertyOptional({ example: ['au_gst'], description: 'eu_ioss, uk_vat, au_gst, no_voec, sg_ovr, br_remessa_conforme, cn_cbec' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_]{1,40}$/, { each: true, message: 'each seller registration must be a code such as "eu_ioss"' })
  sellerRegistrations?: string[];

  @ApiPropertyOptional({ type: LandedCostCarrierFeesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LandedCostCarrierFeesDto)
  carrierFees?: LandedCostCarrierFeesDto;
}
