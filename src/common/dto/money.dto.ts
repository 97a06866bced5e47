import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { CurrencyTable } from '../../money/money';
import type { ErrorDetail } from '../../platform/errors/app-error';
import type { RequestCheck } from '../../platform/http/request-checks';
import { ReferenceData } from '../../tariffs/reference-data';
import { IsCurrencyCode, Required } from './decorators';

/** What differs between the APIs that take money in a request. */
export interface MoneyRules {
  /** Most digits allowed after the decimal point of `amount`. */
  amountDecimals: number;
  /** The 400 message for a `currency` that is not three capital letters. */
  currencyMessage: string;
}

/** Brands the classes {@link MoneyFields} makes, so request checks find money at any depth. */
const MONEY = Symbol('money');

/**
 * The request shape of money, `{ "amount": "12.50", "currency": "EUR" }` (API.md conventions).
 * `amountDecimals` caps the decimals of any currency; {@link checkMoneyAmounts} then holds each
 * amount to its currency's minor units (JPY 0, EUR 2, KWD 3), which only reference data knows.
 * Each API declares its own class from it, as the APIs differ in precision and wording:
 *
 * @example
 * export class MoneyDto extends MoneyFields({ amountDecimals: 6, currencyMessage: 'must be an ISO 4217 code' }) {}
 */
export function MoneyFields(rules: MoneyRules) {
  const amount = new RegExp(`^\\d{1,12}(\\.\\d{1,${rules.amountDecimals}})?$`);

  class Money {
    @ApiProperty({ example: '12.50', description: 'Decimal string, not negative' })
    @Required()
    @IsString()
    @Matches(amount, { message: 'must be a decimal string such as "12.50"' })
    amount!: string;

    @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
    @Required()
    @IsCurrencyCode(rules.currencyMessage)
    currency!: string;
  }
  MoneyShape()(Money);
  return Money;
}

/** Class decorator of a money class not made by {@link MoneyFields} (`amount` and `currency`): {@link checkMoneyAmounts} checks it too. */
export function MoneyShape(): <T extends new (...args: never[]) => { amount: string; currency: string }>(target: T) => void {
  return (target) => {
    Object.defineProperty(target.prototype, MONEY, { value: true });
  };
}

function isMoney(value: unknown): value is { amount: unknown; currency: unknown } {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MONEY] === true;
}

/**
 * Every money object in a transformed request whose amount has more decimal places than its currency's
 * minor units (`"12.5"` yen). Parts `valid` rejects (already reported) and unknown currencies (the
 * API's own checks report those) are skipped.
 */
export function checkMoneyAmounts(dto: unknown, currencies: CurrencyTable, valid: (path: string) => boolean = () => true): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (typeof value !== 'object' || value === null || depth > 32) return;
    if (isMoney(value)) {
      const { amount, currency } = value;
      const at = `${path}.amount`;
      if (typeof amount !== 'string' || typeof currency !== 'string' || !valid(at) || !valid(`${path}.currency`) || !currencies.has(currency)) return;
      const places = currencies.minorUnits(currency);
      if ((amount.split('.')[1]?.length ?? 0) > places) {
        problems.push({
          path: at,
          message: places === 0 ? `must be a whole number: ${currency} has no minor unit` : `must have at most ${places} decimal places: the minor unit of ${currency}`,
        });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`, depth + 1));
    else for (const [key, v] of Object.entries(value)) visit(v, path ? `${path}.${key}` : key, depth + 1);
  };
  visit(dto, '', 0);
  return problems;
}

/** {@link checkMoneyAmounts} as a request check (`@CheckedBy({ always: [moneyAmounts] })`). */
export const moneyAmounts: RequestCheck<object> = (dto, { valid, resolve }) => checkMoneyAmounts(dto, resolve(ReferenceData).currencies, valid);
