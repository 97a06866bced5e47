import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { IsCurrencyCode } from './decorators';

/** What differs between the APIs that take money in a request. */
export interface MoneyRules {
  /** Most digits allowed after the decimal point of `amount`. */
  amountDecimals: number;
  /** The 400 message for a `currency` that is not three capital letters. */
  currencyMessage: string;
}

/**
 * The request shape of money, `{ "amount": "12.50", "currency": "EUR" }` (API.md conventions).
 * Each API declares its own class from it, as the APIs differ in precision and wording:
 *
 * @example
 * export class MoneyDto extends MoneyFields({ amountDecimals: 6, currencyMessage: 'must be an ISO 4217 code' }) {}
 */
export function MoneyFields(rules: MoneyRules) {
  const amount = new RegExp(`^\\d{1,12}(\\.\\d{1,${rules.amountDecimals}})?$`);

  class Money {
    @ApiProperty({ example: '12.50', description: 'Decimal string, not negative' })
    @IsString()
    @Matches(amount, { message: 'must be a decimal string such as "12.50"' })
    amount!: string;

    @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
    @IsCurrencyCode(rules.currencyMessage)
    currency!: string;
  }
  return Money;
}
