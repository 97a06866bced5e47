import { checkAddress } from '../addresses/address-check';
import type { AddressRules } from '../addresses/address-rules';
import type { CarrierCatalog } from '../carriers/carrier-catalog';
import { checkMoneyAmounts } from '../common/dto/money.dto';
import type { ExchangeRateTable, GivenRate } from '../money/exchange-rates';
import type { ErrorDetail } from '../platform/errors/app-error';
import type { ReferenceData } from '../tariffs/reference-data';
import { territoryOf } from '../documents/customs/customs-document-rules';
import type { CustomsTerritory } from '../documents/customs/customs-rules';
import type { CreateQuoteDto } from './quote-request.dto';

export interface QuoteRequestContext {
  reference: ReferenceData;
  addresses: AddressRules;
  fx: ExchangeRateTable;
  carriers: CarrierCatalog;
  /** Today in the origin's time zone (YYYY-MM-DD). */
  today: string;
  /** Latest ship date accepted. */
  lastShipDate: string;
  /** Areas without customs between them (the EU customs union): goods need listing only across their borders. */
  territories: CustomsTerritory[];
}

/**
 * Checks what the DTO's decorators cannot: codes against the reference data, postal codes and regions
 * against the country's rules, currencies the exchange-rate table can convert, dates, and rules that
 * span fields. Returns every problem with its path. `valid(path)` tells whether the structural
 * validation already accepted that part, so a field is never reported twice.
 *
 * Also normalises in place: postal codes and regions to their canonical form.
 */
export function checkQuoteRequest(dto: CreateQuoteDto, ctx: QuoteRequestContext, valid: (path: string) => boolean): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const countries = ctx.reference.countries;
  const isKnownCountry = (c: string) => countries.has(c);
  const country = (value: unknown, path: string) => {
    if (typeof value === 'string' && valid(path) && !countries.has(value)) problems.push({ path, message: `"${value}" is not a known country code` });
  };
  const currencies = new Set<{ code: string; path: string }>();
  const currency = (value: unknown, path: string) => {
    if (typeof value !== 'string' || !valid(path)) return;
    if (!ctx.reference.currencies.has(value)) problems.push({ path, message: `"${value}" is not a known currency code` });
    else currencies.add({ code: value, path });
  };

  for (const side of ['shipFrom', 'shipTo'] as const) {
    const address = dto[side];
    if (!address || typeof address.country !== 'string' || !valid(`${side}.country`)) continue;
    const checked = checkAddress({ ...address }, ctx.addresses, { path: side, full: false, isKnownCountry });
    problems.push(...checked.problems.filter((p) => valid(p.path)));
    if (!checked.problems.length) {
      if (checked.address.postalCode !== undefined) address.postalCode = checked.address.postalCode;
      if (checked.address.region !== undefined) address.region = checked.address.region;
    }
  }

  currency(dto.currency, 'currency');
  const items = Array.isArray(dto.items) ? dto.items : [];
  items.forEach((item, i) => {
    if (!item || typeof item !== 'object') return;
    country(item.originCountry, `items[${i}].originCountry`);
    currency(item.unitValue?.currency, `items[${i}].unitValue.currency`);
  });
  const crossesCustomsBorder = () => territoryOf(dto.shipFrom, ctx.territories) !== territoryOf(dto.shipTo, ctx.territories);
  if (valid('items') && items.length === 0 && dto.shipFrom?.country && dto.shipTo?.country && crossesCustomsBorder()) {
    problems.push({ path: 'items', message: 'list the goods (at least one item) for a shipment that crosses a customs border' });
  }
  currency(dto.handling?.insurance?.currency, 'handling.insurance.currency');
  problems.push(...checkMoneyAmounts(dto, ctx.reference.currencies, valid));
  (dto.importer?.taxIds ?? []).forEach((t, i) => t?.country !== undefined && country(t.country, `importer.taxIds[${i}].country`));
  (dto.exchangeRates ?? []).forEach((r, i) => {
    currency(r?.from, `exchangeRates[${i}].from`);
    currency(r?.to, `exchangeRates[${i}].to`);
  });

  const temperature = dto.handling?.temperature;
  if (temperature && valid('handling.temperature.minC') && valid('handling.temperature.maxC') && temperature.minC > temperature.maxC) {
    problems.push({ path: 'handling.temperature.maxC', message: 'must not be below minC' });
  }

  if (typeof dto.shipDate === 'string' && valid('shipDate')) {
    if (Number.isNaN(Date.parse(`${dto.shipDate}T00:00:00Z`)) || new Date(`${dto.shipDate}T00:00:00Z`).toISOString().slice(0, 10) !== dto.shipDate) {
      problems.push({ path: 'shipDate', message: 'is not a calendar date' });
    } else if (dto.shipDate < ctx.today) {
      problems.push({ path: 'shipDate', message: `must not be in the past (today is ${ctx.today} at the origin)` });
    } else if (dto.shipDate > ctx.lastShipDate) {
      problems.push({ path: 'shipDate', message: `must be on or before ${ctx.lastShipDate}: prices and holidays are not known further ahead` });
    }
  }

  (Array.isArray(dto.carriers) ? dto.carriers : []).forEach((id, i) => {
    if (typeof id === 'string' && valid(`carriers[${i}]`) && !ctx.carriers.has(id)) {
      problems.push({ path: `carriers[${i}]`, message: `unknown carrier "${id}"; known: ${ctx.carriers.all().map((c) => c.id).join(', ')}` });
    }
  });

  // Every currency must convert to the quote currency (and carriers' prices into it) with the table or the caller's rates.
  if (typeof dto.currency === 'string' && ctx.reference.currencies.has(dto.currency) && valid('currency')) {
    const given: GivenRate[] = (dto.exchangeRates ?? []).filter((r) => r && typeof r.rate === 'string');
    const targets = new Set([...currencies].map((c) => c.code).concat(ctx.carriers.all().map((c) => c.currency)));
    const reported = new Set<string>();
    for (const code of targets) {
      if (reported.has(code)) continue;
      try {
        ctx.fx.rate(code, dto.currency, ctx.today, given);
      } catch {
        reported.add(code);
        const at = [...currencies].find((c) => c.code === code)?.path ?? 'currency';
        problems.push({ path: at, message: `no exchange rate from ${code} to ${dto.currency}; give one in exchangeRates` });
      }
    }
  }
  return problems;
}
