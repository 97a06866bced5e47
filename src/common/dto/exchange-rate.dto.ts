import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsCurrencyCode, Required } from './decorators';

/** An exchange rate a caller gives instead of the reference table: 1 `from` = `rate` `to`. */
export class ExchangeRateDto {
  @ApiProperty({ example: 'EUR' })
  @Required()
  @IsCurrencyCode('must be an ISO 4217 code')
  from!: string;

  @ApiProperty({ example: 'USD' })
  @Required()
  @IsCurrencyCode('must be an ISO 4217 code')
  to!: string;

  @ApiProperty({ example: '1.0850', description: '1 `from` = rate `to`' })
  @Required()
  @IsString()
  @Matches(/^\d{1,9}(\.\d{1,10})?$/, { message: 'must be a positive decimal string' })
  rate!: string;
}
