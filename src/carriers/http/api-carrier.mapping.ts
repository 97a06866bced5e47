import { DateTime } from 'luxon';
import type { CarrierTrackingEvent, ChargeLine } from '../carrier-adapter';
import type { CurrencyTable } from '../../money/money';
import { round, toMoney } from '../../money/money';
import type { ItemSpec, ShipmentSpec } from '../shipment-spec';
import type { TrackingStatus } from './event-code-table';

/** A carrier tracking event with our unified status already resolved from the carrier's code table. */
export interface MappedTrackingEvent extends CarrierTrackingEvent {
  status: TrackingStatus;
  substatus?: string;
  reason?: string;
}

/** EU customs union members: shipments between them carry no customs declaration. */
const EU_CUSTOMS_UNION = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'MC',
]);

/** Whether goods cross a customs border (international and not inside the EU customs union). */
export function isCustomsDeclarable(shipment: Pick<ShipmentSpec, 'shipFrom' | 'shipTo'>): boolean {
  const from = shipment.shipFrom.country;
  const to = shipment.shipTo.country;
  if (from === to) return false;
  return !(EU_CUSTOMS_UNION.has(from) && EU_CUSTOMS_UNION.has(to));
}

/** Total declared value of the goods, when all items share one currency (carriers take one currency). */
export function declaredValue(items: ItemSpec[], currencies: CurrencyTable): { amount: number; currency: string } | undefined {
  if (items.length === 0) return undefined;
  const currency = items[0].unitValue.currency;
  if (items.some((i) => i.unitValue.currency !== currency)) return undefined;
  // Round each line, then sum: the same amounts the commercial invoice prints.
  const total = items.reduce((acc, i) => acc.add(round(Number(i.unitValue.amount) * i.quantity, currency, currencies)), round(0, currency, currencies));
  return { amount: total.value, currency };
}

/**
 * Charge lines that add up exactly to the carrier's total: each carrier line rounded to the
 * currency's minor units, and whatever the carrier's total holds beyond its itemised lines (taxes,
 * rounding) as one more line, so that our total is always the carrier's total.
 */
export function reconcileCharges(lines: ChargeLine[], total: number, currency: string, currencies: CurrencyTable, restType: ChargeLine['type'] = 'surcharge'): ChargeLine[] {
  const rounded = lines.map((l) => ({ ...l, amount: toMoney(Number(l.amount), currency, currencies).amount }));
  const sum = rounded.reduce((acc, l) => acc + Number(l.amount), 0);
  const totalRounded = Number(toMoney(total, currency, currencies).amount);
  const rest = Number((totalRounded - sum).toFixed(6));
  if (rounded.length === 0) return [{ type: 'base', code: 'total', description: 'Carrier total', amount: toMoney(totalRounded, currency, currencies).amount }];
  if (Math.abs(rest) >= 10 ** -currencies.minorUnits(currency) / 2) {
    rounded.push(
      rest < 0
        ? { type: 'discount', code: 'discount', description: 'Account discount on the carrier total', amount: toMoney(rest, currency, currencies).amount }
        : { type: restType, code: 'other', description: 'Other carrier charges and taxes not itemised', amount: toMoney(rest, currency, currencies).amount },
    );
  }
  return rounded;
}

const offsetCache = new Map<string, string>();

/**
 * `2026-11-27T12:00:00GMT+01:00` style local time with the zone's offset on that date (MyDHL).
 * Offsets are memoised per date, time and zone: luxon's zone arithmetic costs a third of a
 * millisecond, which is most of what building a rate request costs.
 */
export function localDateTimeWithOffset(date: string, time: string, zone: string): { local: string; offset: string } {
  const key = `${date}T${time} ${zone}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const dt = DateTime.fromISO(`${date}T${time}`, { zone });
    offset = dt.isValid ? dt.toFormat('ZZ') : '+00:00';
    if (offsetCache.size > 10_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return { local: `${date}T${time}`, offset };
}

/** Sorts events oldest first by their instant where known (carriers differ in array order). */
export function sortEvents<T extends CarrierTrackingEvent>(events: T[]): T[] {
  const key = (e: T) => {
    const dt = DateTime.fromISO(e.occurredAt, { setZone: true });
    return dt.isValid ? dt.toMillis() : 0;
  };
  return [...events].sort((a, b) => key(a) - key(b));
}

/** Kilograms to 3 decimals, never zero (carriers require a positive weight). */
export function kg(value: number): number {
  return Math.max(0.001, Math.round(value * 1000) / 1000);
}
