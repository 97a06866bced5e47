import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

// Quotes declare classes of the same names with other rules; the schema names keep the two apart in /openapi.json.
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCurrencyCode, OptionalNestedList, Required } from '../../common/dto/decorators';
import { ImporterFields } from '../../common/dto/importer.dto';
import { DimensionsFields, TemperatureFields, WeightFields } from '../../common/dto/measures.dto';
import { MoneyFields, moneyAmounts } from '../../common/dto/money.dto';
import { CheckedBy } from '../../platform/http/request-checks';
import { shipmentRequestChecks } from '../shipment-request.validation';

const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const NO_CONTROL_MESSAGE = 'must not contain control characters';

@ApiSchema({ name: 'ShipmentMoneyDto' })
export class MoneyDto extends MoneyFields({ amountDecimals: 4, currencyMessage: 'must be an ISO 4217 code' }) {}

@ApiSchema({ name: 'ShipmentWeightDto' })
export class WeightDto extends WeightFields(IsPositive()) {}

@ApiSchema({ name: 'ShipmentDimensionsDto' })
export class DimensionsDto extends DimensionsFields(IsPositive()) {}

@ApiSchema({ name: 'ShipmentTaxIdDto' })
export class TaxIdDto {
  @ApiProperty({ example: 'eori', description: 'eori, vat, ioss, ein, gst, abn, rfc, cpf, cnpj, ...' })
  @Required()
  @IsString()
  @Matches(/^[a-z_]{2,20}$/, { message: 'type must be a lower-case identifier such as eori, vat, ioss' })
  type!: string;

  @ApiProperty({ example: 'DE123456789012345' }) @Required() @IsString() @Length(2, 40) @Matches(/^[A-Za-z0-9 .\-/]+$/, { message: 'value may hold letters, digits, spaces and . - /' }) value!: string;

  @ApiPropertyOptional({ example: 'DE' }) @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/) country?: string;
}

/** A full postal address: a label is printed from it. */
export class AddressDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) name?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) company?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) street1?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) street2?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) street3?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) city?: string;
  @ApiPropertyOptional({ description: 'State or province: ISO 3166-2 code or name; required for US, CA, AU, BR, MX, AR, IN, CN' })
  @IsOptional() @IsString() @MaxLength(60) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) region?: string;
  @ApiPropertyOptional({ example: '10001' }) @IsOptional() @IsString() @MaxLength(20) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) postalCode?: string;
  @ApiProperty({ example: 'US' }) @Required() @IsString() @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' }) country!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(30) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(200) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() residential?: boolean;
  @ApiPropertyOptional({ type: [TaxIdDto], description: 'EORI, VAT, IOSS, ... printed on customs documents' })
  @OptionalNestedList(() => TaxIdDto, 10) taxIds?: TaxIdDto[];
}

@ApiSchema({ name: 'ShipmentParcelDto' })
export class ParcelDto {
  @ApiProperty({ type: WeightDto }) @Required() @ValidateNested() @Type(() => WeightDto) weight!: WeightDto;
  @ApiPropertyOptional({ type: DimensionsDto }) @IsOptional() @ValidateNested() @Type(() => DimensionsDto) dimensions?: DimensionsDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() pallet?: boolean;
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) reference?: string;
}

@ApiSchema({ name: 'ShipmentItemDto' })
export class ItemDto {
  @ApiPropertyOptional({ example: 'TS-1' }) @IsOptional() @IsString() @MaxLength(64) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) sku?: string;
  @ApiProperty({ example: 'Cotton T-shirt' }) @Required() @IsString() @Length(2, 200) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) description!: string;
  @ApiProperty({ example: '610910', description: 'HS code, 6 to 10 digits' }) @Required() @IsString() @Matches(/^\d{6,10}$/, { message: 'hsCode must be 6 to 10 digits' }) hsCode!: string;
  @ApiProperty({ example: 'CN' }) @Required() @IsString() @Matches(/^[A-Z]{2}$/, { message: 'originCountry must be an ISO 3166-1 alpha-2 code' }) originCountry!: string;
  @ApiProperty({ example: 10 }) @Required() @IsInt() @Min(1) @Max(1000000) quantity!: number;
  @ApiProperty({ type: MoneyDto }) @Required() @ValidateNested() @Type(() => MoneyDto) unitValue!: MoneyDto;
  @ApiPropertyOptional({ type: WeightDto }) @IsOptional() @ValidateNested() @Type(() => WeightDto) unitWeight?: WeightDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() preferenceClaimed?: boolean;
}

@ApiSchema({ name: 'ShipmentDangerousGoodDto' })
export class DangerousGoodDto {
  @ApiProperty({ example: 'UN3481' }) @Required() @IsString() @Matches(/^UN\d{4}$/, { message: 'unNumber must look like UN3481' }) unNumber!: string;
  @ApiProperty({ example: '9' }) @Required() @IsString() @Matches(/^[1-9](\.\d[A-Z]?)?$/, { message: 'class must be a hazard class such as 9 or 2.2' }) class!: string;
  @ApiPropertyOptional({ enum: ['I', 'II', 'III'] }) @IsOptional() @IsIn(['I', 'II', 'III']) packingGroup?: 'I' | 'II' | 'III';
  @ApiPropertyOptional({ example: 'PI967' }) @IsOptional() @IsString() @Matches(/^PI\d{3}$/) packingInstruction?: string;
  @ApiPropertyOptional({ enum: ['IA', 'IB', 'I', 'II'] }) @IsOptional() @IsIn(['IA', 'IB', 'I', 'II']) section?: string;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @IsPositive() quantity?: number;
}

@ApiSchema({ name: 'ShipmentTemperatureDto' })
export class TemperatureDto extends TemperatureFields(-100) {}

@ApiSchema({ name: 'ShipmentHandlingDto' })
export class HandlingDto {
  @ApiPropertyOptional({ type: [DangerousGoodDto] }) @OptionalNestedList(() => DangerousGoodDto, 20) dangerousGoods?: DangerousGoodDto[];
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1000) dryIceKg?: number;
  @ApiPropertyOptional({ type: TemperatureDto }) @IsOptional() @ValidateNested() @Type(() => TemperatureDto) temperature?: TemperatureDto;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() fragile?: boolean;
  @ApiPropertyOptional({ enum: ['standard', 'adult'] }) @IsOptional() @IsIn(['standard', 'adult']) signature?: 'standard' | 'adult';
  @ApiPropertyOptional({ type: MoneyDto }) @IsOptional() @ValidateNested() @Type(() => MoneyDto) insurance?: MoneyDto;
}

@ApiSchema({ name: 'ShipmentImporterDto' })
export class ImporterDto extends ImporterFields(TaxIdDto) {}

export const EXPORT_REASONS = ['sale', 'gift', 'sample', 'documents', 'return', 'repair', 'other'] as const;

export class CustomsDto {
  @ApiPropertyOptional({ enum: EXPORT_REASONS, default: 'sale', description: 'Reason for export / category of the postal declaration' })
  @IsOptional() @IsIn(EXPORT_REASONS) reason?: (typeof EXPORT_REASONS)[number];
  @ApiPropertyOptional({ description: 'Name printed under the customs declaration' }) @IsOptional() @IsString() @MaxLength(100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) signatory?: string;
}

/**
 * `POST /v1/shipments`: book a quoted option (`quoteId` + `optionId`), or book directly with
 * `carrier`, `service`, `parcels` (and `items` across a customs border), re-rated at booking time.
 * Amounts are held to their currency's minor units; a body that fails validation also gets booking's
 * own checks (addresses, carrier, service, dates) in the same 400. The arrow defers the lookup:
 * shipment-request.validation imports this file.
 */
@CheckedBy<CreateShipmentDto>({ always: [moneyAmounts], whenInvalid: [(dto, ctx) => shipmentRequestChecks(dto, ctx)] })
export class CreateShipmentDto {
  @ApiPropertyOptional({ example: 'quo_01jdz8k3v5q7w9x2c4e6g8j0m' }) @IsOptional() @IsString() @Matches(/^quo_[0-9a-z]{10,40}$/, { message: 'quoteId must be a quote id (quo_...)' }) quoteId?: string;
  @ApiPropertyOptional({ example: 'opt_01jdz8k3v5q7w9x2c4e6g8j0m' }) @IsOptional() @IsString() @Matches(/^opt_[0-9a-z_-]{1,60}$/, { message: 'optionId must be an option id (opt_...)' }) optionId?: string;
  @ApiPropertyOptional({ example: 'ORDER-1001', maxLength: 100 }) @IsOptional() @IsString() @Length(1, 100) @Matches(NO_CONTROL, { message: NO_CONTROL_MESSAGE }) reference?: string;
  @ApiProperty({ type: AddressDto }) @Required() @ValidateNested() @Type(() => AddressDto) shipFrom!: AddressDto;
  @ApiProperty({ type: AddressDto }) @Required() @ValidateNested() @Type(() => AddressDto) shipTo!: AddressDto;
  @ApiPropertyOptional({ enum: ['pdf', 'zpl'], default: 'pdf' }) @IsOptional() @IsIn(['pdf', 'zpl']) labelFormat?: 'pdf' | 'zpl';
  @ApiPropertyOptional({ enum: ['4x6', 'a6', 'a4'], default: '4x6' }) @IsOptional() @IsIn(['4x6', 'a6', 'a4']) labelSize?: '4x6' | 'a6' | 'a4';
  @ApiPropertyOptional({ enum: [203, 300], default: 203, description: 'Print head resolution for ZPL labels' }) @IsOptional() @IsIn([203, 300]) labelDpi?: 203 | 300;
  @ApiPropertyOptional({ example: 'dhl-express' }) @IsOptional() @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'carrier must be a carrier id' }) carrier?: string;
  @ApiPropertyOptional({ example: 'express-worldwide' }) @IsOptional() @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'service must be a service code' }) service?: string;
  @ApiPropertyOptional({ type: [ParcelDto] }) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(99) @ValidateNested({ each: true }) @Type(() => ParcelDto) parcels?: ParcelDto[];
  @ApiPropertyOptional({ type: [ItemDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => ItemDto) items?: ItemDto[];
  @ApiPropertyOptional({ enum: ['DDP', 'DAP'] }) @IsOptional() @IsIn(['DDP', 'DAP']) incoterm?: 'DDP' | 'DAP';
  @ApiPropertyOptional({ type: HandlingDto }) @IsOptional() @ValidateNested() @Type(() => HandlingDto) handling?: HandlingDto;
  @ApiPropertyOptional({ type: ImporterDto }) @IsOptional() @ValidateNested() @Type(() => ImporterDto) importer?: ImporterDto;
  @ApiPropertyOptional({ type: CustomsDto }) @IsOptional() @ValidateNested() @Type(() => CustomsDto) customs?: CustomsDto;
  @ApiPropertyOptional({ example: '2026-11-27', description: 'Day the parcel is handed over (origin time zone); today when absent' })
  @IsOptional() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'shipDate must be an ISO date (yyyy-mm-dd)' }) shipDate?: string;
  @ApiPropertyOptional({ example: 'EUR', description: 'Currency of the charges of a direct booking; the carrier\'s currency when absent' })
  @IsOptional() @IsCurrencyCode('must be an ISO 4217 code') currency?: string;
  @ApiPropertyOptional({ example: 'acme-gmbh', description: 'Customer whose negotiated prices apply' }) @IsOptional() @IsString() @Matches(/^[A-Za-z0-9._-]{1,60}$/) customerId?: string;
}
