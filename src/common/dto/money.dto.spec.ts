import { plainToInstance, Type } from 'class-transformer';
import { checkMoneyAmounts, MoneyFields } from './money.dto';

class Money extends MoneyFields({ amountDecimals: 6, currencyMessage: 'must be an ISO 4217 code' }) {}
class Line {
  @Type(() => Money) unitValue!: Money;
}
class Body {
  @Type(() => Line) items!: Line[];
  @Type(() => Money) shipping?: Money;
}

const currencies = { minorUnits: (c: string) => ({ JPY: 0, EUR: 2, KWD: 3 })[c]!, has: (c: string) => ['JPY', 'EUR', 'KWD'].includes(c) };

describe('checkMoneyAmounts', () => {
  const body = (items: [string, string][], shipping?: [string, string]) =>
    plainToInstance(Body, { items: items.map(([amount, currency]) => ({ unitValue: { amount, currency } })), ...(shipping && { shipping: { amount: shipping[0], currency: shipping[1] } }) });

  it('holds every money object, at any depth, to its currency minor units', () => {
    expect(checkMoneyAmounts(body([['12.5', 'JPY'], ['1250', 'JPY'], ['0.250', 'KWD'], ['12.50', 'EUR']], ['9.999', 'EUR']), currencies)).toEqual([
      { path: 'items[0].unitValue.amount', message: 'must be a whole number: JPY has no minor unit' },
      { path: 'shipping.amount', message: 'must have at most 2 decimal places: the minor unit of EUR' },
    ]);
  });

  it('leaves unknown currencies and parts already reported to other checks', () => {
    expect(checkMoneyAmounts(body([['1.001', 'XYZ'], ['1.001', 'EUR']]), currencies, (p) => !p.startsWith('items[1]'))).toEqual([]);
  });
});
