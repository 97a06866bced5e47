import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Required } from '../common/dto/decorators';
import { MoneyShape, moneyAmounts } from '../common/dto/money.dto';
import { CheckedBy } from '../platform/http/request-checks';
import { MaxDecimalPlaces } from '../platform/http/decimal-places';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

@MoneyShape()
export class RuleAmountDto {
  @ApiProperty({ example: '5.00', description: 'Decimal string, not negative' })
  @Required()
  @IsString()
  @Matches(/^\d{1,10}(\.\d{1,4})?$/, { message: 'must be a decimal string such as "5.00"' })
  amount!: string;

  @ApiProperty({ example: 'EUR' })
  @Required()
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as "EUR"' })
  currency!: string;
}

@CheckedBy<PricingRuleDto>({ always: [moneyAmounts] })
export class PricingRuleDto {
  @ApiPropertyOptional({ example: 'dhl-express', description: 'Carrier id; omit for every carrier' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'must be a carrier id such as "dhl-express"' })
  carrier?: string;

  @ApiPropertyOptional({ example: 'express-worldwide', description: 'Service code of the carrier; omit for all its services' })
  @IsOptional()
  @IsString()
  @Matches(CODE, { message: 'must be a service code such as "express-worldwide"' })
  service?: string;

  @ApiProperty({ enum: ['markup', 'discount'] })
  @Required()
  @IsIn(['markup', 'discount'])
  type!: 'markup' | 'discount';

  @ApiPropertyOptional({ example: 12.5, description: 'Percentage of the shipping price (exactly one of percent and amount)' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(4)
  @Min(0.0001)
  @Max(1000)
  percent?: number;

  @ApiPropertyOptional({ type: RuleAmountDto, description: 'Fixed amount per shipment, converted to the quote currency' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RuleAmountDto)
  amount?: RuleAmountDto;

  @ApiPropertyOptional({ example: 'Framework agreement 2026' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

@CheckedBy<ReplacePricingRulesDto>({ always: [moneyAmounts] })
export class ReplacePricingRulesDto {
  @ApiProperty({ type: PricingRuleDto, isArray: true })
  @Required()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => PricingRuleDto)
  rules!: PricingRuleDto[];
}

export class PricingRuleView {
  @ApiProperty({ example: 'prr_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty({ example: 'acme-gmbh' }) customerId!: string;
  @ApiProperty({ nullable: true, type: String }) carrier!: string | null;
  @ApiProperty({ nullable: true, type: String }) service!: string | null;
  @ApiProperty({ enum: ['markup', 'discount'] }) type!: 'markup' | 'discount';
  @ApiProperty({ nullable: true, type: Number }) percent!: number | null;
  @ApiProperty({ nullable: true, type: RuleAmountDto }) amount!: RuleAmountDto | null;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
