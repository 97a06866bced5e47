import { percentOf, roundValue, type CurrencyTable } from '../../money/money';
import type { ChargeLine, ServiceExclusion } from '../carrier-adapter';
import type { ParcelSpec, ShipmentSpec } from '../shipment-spec';
import { inCategory } from './dangerous-goods';
import { chargeableWeight, lengthPlusGirth, sortedSides } from './parcel-measures';
import type { RateCardCarrier, RateCardService, SurchargeRule } from './rate-card-definition';
import type { RateCardTables } from './rate-card-tables';
import type { Eligible, ToCarrierCurrency } from './service-eligibility';
import { priceForWeight, roundUpWeight } from './weight-rate-table';

export interface ServiceCharges {
  charges: ChargeLine[];
  chargeableWeightKg: number;
  fuelPercent: number;
}

const kg = (n: number) => String(Number(n.toFixed(3)));

/**
 * Prices an eligible shipment on a service: the base from the weight or pallet table, each surcharge
 * whose condition holds, then fuel on the base and the surcharges marked `fuel: true`.
 *
 * Rounding: every charge line is rounded (half away from zero) to the carrier currency's minor units
 * on its own; fuel is computed on the rounded lines it applies to; the total is the sum of the lines.
 */
export function priceService(
  carrier: RateCardCarrier,
  tables: RateCardTables,
  service: RateCardService,
  shipment: ShipmentSpec,
  eligible: Eligible,
  toCarrierCurrency: ToCarrierCurrency,
  currencies: CurrencyTable,
): ServiceCharges | ServiceExclusion {
  const code = carrier.currency;
  const line = (type: ChargeLine['type'], chargeCode: string, value: number, description?: string): ChargeLine => ({
    type,
    code: chargeCode,
    description,
    amount: roundValue(value, code, currencies).toFixed(currencies.minorUnits(code)),
  });
  const pricing = service.pricing;
  const parcels = shipment.parcels;
  const parcelKg = parcels.map((p) => (pricing.method === 'weight' ? chargeableWeight(p, pricing.dimensionalDivisor) : p.weightKg));
  let chargeableKg = parcelKg.reduce((s, w) => s + w, 0);
  const charges: ChargeLine[] = [];

  if (pricing.method === 'weight') {
    const bands = tables.rates.get(eligible.returnOffer?.table ?? pricing.table)!.get(eligible.zone)!;
    const minimum = pricing.minimumChargeableKg ?? 0;
    const pieces = pricing.basis === 'shipment' ? [chargeableKg] : parcelKg;
    let base = 0;
    let rated = 0;
    for (const w of pieces) {
      const price = priceForWeight(bands, Math.max(w, minimum));
      if (!price) {
        const heaviest = bands[bands.length - 1].maxKg;
        return {
          service: service.code,
          reason: 'weight_exceeds_limit',
          message: `${kg(w)} kg chargeable${pricing.basis === 'parcel' ? ' for one piece' : ''} is above the heaviest rate of ${service.name} (${kg(heaviest)} kg)`,
        };
      }
      base += price.amount;
      rated += Math.max(price.ratedKg, w, minimum);
    }
    chargeableKg = rated;
    const what = pricing.basis === 'shipment' ? `${kg(rated)} kg chargeable` : `${parcels.length} piece(s), ${kg(rated)} kg chargeable`;
    charges.push(line('base', 'base', base, `${eligible.returnOffer?.name ?? service.name}, zone ${eligible.zone}, ${what}`));
  } else {
    const prices = tables.palletRates.get(pricing.table)!.get(eligible.zone)!;
    const counts = new Map<string, number>();
    let base = 0;
    for (const type of eligible.palletTypes!) {
      base += prices.get(type.code)!;
      counts.set(type.name, (counts.get(type.name) ?? 0) + 1);
    }
    const what = [...counts].map(([name, n]) => `${n} x ${name}`).join(', ');
    charges.push(line('base', 'base', base, `${service.name}, zone ${eligible.zone}, ${what}`));
  }
  const baseAmount = Number(charges[0].amount);

  let fuelBase = baseAmount;
  for (const rule of carrier.surcharges ?? []) {
    if (rule.services && !rule.services.includes(service.code)) continue;
    const amount = surchargeAmount(rule, shipment, tables, eligible, parcels, parcelKg, chargeableKg, baseAmount, toCarrierCurrency);
    if (amount === undefined) continue;
    const charge = line('surcharge', rule.code, amount, rule.name);
    charges.push(charge);
    if (rule.fuel) fuelBase += Number(charge.amount);
  }

  const fuelPercent = fuelPercentOn(carrier, shipment.shipDate);
  if (fuelPercent > 0) {
    charges.push(line('fuel', 'fuel', percentOf(fuelBase, fuelPercent), `Fuel surcharge ${fuelPercent}%`));
  }
  return { charges, chargeableWeightKg: Number(chargeableKg.toFixed(3)), fuelPercent };
}

/** The fuel percentage in force on a day: the last entry that took effect on or before it. */
export function fuelPercentOn(carrier: Pick<RateCardCarrier, 'fuel'>, date: string): number {
  let percent = 0;
  for (const f of carrier.fuel ?? []) {
    if (f.from <= date) percent = f.percent;
    else break;
  }
  return percent;
}

/** The amount of one surcharge rule for this shipment, or undefined when its condition does not hold. */
function surchargeAmount(
  rule: SurchargeRule,
  shipment: ShipmentSpec,
  tables: RateCardTables,
  eligible: Eligible,
  parcels: ParcelSpec[],
  parcelKg: number[],
  chargeableKg: number,
  baseAmount: number,
  toCarrierCurrency: ToCarrierCurrency,
): number | undefined {
  const when = rule.when;
  const handling = shipment.handling;
  // Which parcels the condition selects; shipment-wide conditions select them all.
  let matching: number[] | undefined;
  if ('longestSideOverCm' in when) matching = indexesWhere(parcels, (p) => (sortedSides(p)?.[0] ?? 0) > when.longestSideOverCm);
  else if ('parcelWeightOverKg' in when) matching = indexesWhere(parcels, (p) => p.weightKg > when.parcelWeightOverKg);
  else if ('lengthPlusGirthOverCm' in when) matching = indexesWhere(parcels, (p) => (lengthPlusGirth(p) ?? 0) > when.lengthPlusGirthOverCm);
  else {
    let holds: boolean;
    if ('always' in when) holds = true;
    else if ('remoteArea' in when) holds = tables.remoteAreas.lookup(shipment.shipTo.country, shipment.shipTo.postalCode).value !== undefined;
    else if ('residential' in when) holds = shipment.shipTo.residential === true;
    else if ('fragile' in when) holds = handling.fragile;
    else if ('dryIce' in when) holds = handling.dryIceKg > 0;
    else if ('insurance' in when) holds = !!handling.insurance && Number(handling.insurance.amount) > 0;
    else if ('signature' in when) holds = !!handling.signature && (when.signature === 'any' || when.signature === handling.signature);
    else if ('dangerousGoods' in when) holds = handling.dangerousGoods.some((dg) => inCategory(dg, when.dangerousGoods));
    else holds = eligible.temperatureRange?.code === when.temperatureRange;
    if (!holds) return undefined;
    matching = parcels.map((_, i) => i);
  }
  if (matching.length === 0) return undefined;

  const charge = rule.charge;
  let amount: number;
  if ('percent' in charge) {
    const base = charge.of === 'base' ? baseAmount : handling.insurance ? toCarrierCurrency(handling.insurance.amount, handling.insurance.currency) : 0;
    amount = (base * charge.percent) / 100;
  } else {
    switch (charge.per) {
      case 'shipment':
        amount = charge.amount;
        break;
      case 'parcel':
        amount = charge.amount * matching.length;
        break;
      case 'kg': {
        const weight = matching.length === parcels.length ? chargeableKg : matching.reduce((s, i) => s + parcelKg[i], 0);
        amount = charge.amount * roundUpWeight(weight, 1);
        break;
      }
      case 'dry-ice-kg':
        amount = charge.amount * handling.dryIceKg;
        break;
    }
  }
  if (charge.minimum !== undefined) amount = Math.max(amount, charge.minimum);
  if (charge.maximum !== undefined) amount = Math.min(amount, charge.maximum);
  return amount;
}

function indexesWhere<T>(list: T[], test: (t: T) => boolean): number[] {
  const out: number[] = [];
  list.forEach((t, i) => test(t) && out.push(i));
  return out;
}
