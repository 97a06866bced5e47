import type { ServiceExclusion } from '../carrier-adapter';
import type { ShipmentSpec } from '../shipment-spec';
import { describeDangerousGood, matchesRule } from './dangerous-goods';
import { fitsWithin, lengthPlusGirth, sortedSides } from './parcel-measures';
import type { PalletType, RateCardCarrier, RateCardService, TemperatureRange } from './rate-card-definition';
import { laneKey, NOT_SERVED_ZONE, RateCardTables, TransitDays } from './rate-card-tables';

/** What the eligibility checks learned that pricing needs. */
export interface Eligible {
  zone: string;
  transit: TransitDays;
  /** A return lane (from a `returns` country to the merchant): the product and the weight table that price it. */
  returnOffer?: { name: string; table: string };
  /** Pallet type per parcel (pallet services). */
  palletTypes?: PalletType[];
  /** The packaging chosen for a declared temperature range. */
  temperatureRange?: TemperatureRange;
}

/** Converts money to the carrier's currency (working precision), for value limits. */
export type ToCarrierCurrency = (amount: string, currency: string) => number;

const fmt = (n: number) => String(Number(n.toFixed(3)));

/**
 * Decides whether a service can take a shipment, checking in a fixed order (where it goes, what it
 * is packed in, how heavy and large, what is inside, which options) and returning the first reason it
 * cannot, with a message naming the limit.
 */
export function checkEligibility(
  carrier: RateCardCarrier,
  tables: RateCardTables,
  service: RateCardService,
  shipment: ShipmentSpec,
  toCarrierCurrency: ToCarrierCurrency,
  /** False when origin and destination share a customs territory (no duties to bill, DDP or not). */
  crossesBorder = shipment.shipFrom.country !== shipment.shipTo.country,
): Eligible | ServiceExclusion {
  const out = (reason: ServiceExclusion['reason'], message: string): ServiceExclusion => ({ service: service.code, reason, message });
  const from = shipment.shipFrom.country;
  const to = shipment.shipTo.country;
  const accepts = service.accepts ?? {};
  const limits = service.limits;

  // Outbound lanes start in the carrier's own origins and are zoned by destination. A return lane
  // (carrier.yaml `returns`) starts in the buyer's country and ends at the merchant: it is zoned by
  // the pickup country, as the carrier prices its import and return products on its zone chart.
  const outbound = carrier.origins.includes(from);
  const offer = outbound ? undefined : carrier.returns?.find((o) => o.service === service.code && o.from.includes(from) && o.to.includes(to));
  if (!outbound && !offer) {
    const returnsFrom = carrier.returns?.filter((o) => o.from.includes(from)) ?? [];
    if (!returnsFrom.length) return out('origin_not_served', `${carrier.name} does not pick up in ${from}`);
    const products = returnsFrom.map((o) => `${o.name} (${carrier.services.find((s) => s.code === o.service)?.name ?? o.service}) to ${o.to.join(', ')}`);
    return out('origin_not_served', `${service.name} does not pick up in ${from}; ${carrier.name} picks up there only for returns: ${products.join('; ')}`);
  }
  const zoned = offer ? shipment.shipFrom : shipment.shipTo;
  const table = offer?.pricing?.table ?? service.pricing.table;

  const zoneLookup = tables.zones.lookup(zoned.country, zoned.postalCode);
  if (zoneLookup.needsPostcode) {
    return out(offer ? 'origin_not_served' : 'destination_not_served', `${service.name} needs the ${offer ? 'pickup' : 'destination'} postal code to find the zone in ${zoned.country}`);
  }
  const zone = zoneLookup.value;
  if (zone === undefined || zone === NOT_SERVED_ZONE) {
    const where = `${zoned.country}${zone === NOT_SERVED_ZONE && zoned.postalCode ? ` ${zoned.postalCode}` : ''}`;
    return offer ? out('origin_not_served', `${offer.name} does not pick up in ${where}`) : out('destination_not_served', `${service.name} does not deliver to ${where}`);
  }
  const priced = service.pricing.method === 'weight' ? tables.rates.get(table)?.has(zone) : tables.palletRates.get(table)?.has(zone);
  if (!priced) return offer ? out('origin_not_served', `${offer.name} does not pick up in ${from}`) : out('destination_not_served', `${service.name} does not deliver to ${to}`);
  const transit =
    service.transitFrom === 'lanes' && !offer ? tables.lanes.get(service.code)?.get(laneKey(from, to)) : tables.transit.get(service.code)?.get(zone);
  if (!transit) return out(offer ? 'origin_not_served' : 'destination_not_served', `${offer?.name ?? service.name} has no lane from ${from} to ${to}`);

  if (shipment.incoterm === 'DDP' && crossesBorder && !carrier.ddp?.supported) {
    return out('incoterm_not_supported', `${carrier.name} cannot bill duties and taxes to the shipper (DDP); ship DAP instead`);
  }

  const parcels = shipment.parcels;
  const pallets = parcels.filter((p) => p.pallet).length;
  if (service.pricing.method === 'pallet') {
    if (pallets < parcels.length) return out('packaging_not_accepted', `${service.name} carries pallets only; ${parcels.length - pallets} piece(s) are not palletised`);
  } else if (pallets > 0 && !accepts.pallets) {
    return out('packaging_not_accepted', `${service.name} does not carry pallets`);
  }
  if (limits.maxParcels !== undefined && parcels.length > limits.maxParcels) {
    return out('too_many_parcels', `${service.name} takes at most ${limits.maxParcels} piece(s) per shipment; this one has ${parcels.length}`);
  }

  for (const [i, p] of parcels.entries()) {
    if (p.weightKg > limits.maxParcelWeightKg) {
      return out('weight_exceeds_limit', `piece ${i + 1} weighs ${fmt(p.weightKg)} kg; ${service.name} takes up to ${fmt(limits.maxParcelWeightKg)} kg per piece`);
    }
  }
  const totalKg = parcels.reduce((s, p) => s + p.weightKg, 0);
  if (limits.maxShipmentWeightKg !== undefined && totalKg > limits.maxShipmentWeightKg) {
    return out('weight_exceeds_limit', `the shipment weighs ${fmt(totalKg)} kg; ${service.name} takes up to ${fmt(limits.maxShipmentWeightKg)} kg`);
  }
  for (const [i, p] of parcels.entries()) {
    const sides = sortedSides(p);
    if (!sides) continue;
    if (limits.maxDimensionsCm && !fitsWithin(sides, limits.maxDimensionsCm)) {
      return out('dimensions_exceed_limit', `piece ${i + 1} measures ${sides.map(fmt).join(' x ')} cm; ${service.name} takes up to ${limits.maxDimensionsCm.join(' x ')} cm`);
    }
    const sum = sides[0] + sides[1] + sides[2];
    if (limits.maxSumOfSidesCm !== undefined && sum > limits.maxSumOfSidesCm) {
      return out('dimensions_exceed_limit', `piece ${i + 1} measures ${fmt(sum)} cm in length, width and height together; ${service.name} takes up to ${limits.maxSumOfSidesCm} cm`);
    }
    const lg = lengthPlusGirth(p)!;
    if (limits.maxLengthPlusGirthCm !== undefined && lg > limits.maxLengthPlusGirthCm) {
      return out('dimensions_exceed_limit', `piece ${i + 1} has length plus girth ${fmt(lg)} cm; ${service.name} takes up to ${limits.maxLengthPlusGirthCm} cm`);
    }
  }

  let palletTypes: PalletType[] | undefined;
  if (service.pricing.method === 'pallet') {
    palletTypes = [];
    for (const [i, p] of parcels.entries()) {
      const type = classifyPallet(p.weightKg, sortedSides(p), carrier.palletTypes ?? []);
      if (type === 'weight') return out('weight_exceeds_limit', `pallet ${i + 1} weighs ${fmt(p.weightKg)} kg; the largest pallet ${service.name} takes carries ${fmt(Math.max(...(carrier.palletTypes ?? []).map((t) => t.maxWeightKg)))} kg`);
      if (type === 'dimensions') return out('dimensions_exceed_limit', `pallet ${i + 1} does not fit any pallet size ${service.name} takes`);
      palletTypes.push(type);
    }
  }

  for (const dg of shipment.handling.dangerousGoods) {
    if (!(accepts.dangerousGoods ?? []).some((rule) => matchesRule(dg, rule))) {
      const accepted = (accepts.dangerousGoods ?? []).map((r) => r.name);
      return out(
        'dangerous_goods_not_accepted',
        `${service.name} does not accept ${describeDangerousGood(dg)}${accepted.length ? `; it accepts: ${accepted.join('; ')}` : '; it accepts no dangerous goods'}`,
      );
    }
  }

  const dryIce = shipment.handling.dryIceKg;
  if (dryIce > 0) {
    if (!accepts.dryIce) return out('dry_ice_not_accepted', `${service.name} does not accept dry ice`);
    const perParcel = dryIce / parcels.length;
    if (perParcel > accepts.dryIce.maxKgPerParcel) {
      return out('dry_ice_not_accepted', `${fmt(perParcel)} kg of dry ice per piece; ${service.name} takes up to ${fmt(accepts.dryIce.maxKgPerParcel)} kg per piece`);
    }
  }

  let temperatureRange: TemperatureRange | undefined;
  const wanted = shipment.handling.temperature;
  if (wanted) {
    if (!accepts.temperature?.length) return out('temperature_control_unavailable', `${service.name} is not temperature-controlled`);
    // The packaging's guaranteed range must lie inside the range the goods tolerate.
    temperatureRange = accepts.temperature.find((r) => wanted.minC <= r.minC && r.maxC <= wanted.maxC);
    if (!temperatureRange) {
      return out(
        'temperature_control_unavailable',
        `${service.name} cannot hold ${wanted.minC} to ${wanted.maxC} °C; it offers ${accepts.temperature.map((r) => `${r.name} (${r.minC} to ${r.maxC} °C)`).join(', ')}`,
      );
    }
  }

  const signature = shipment.handling.signature;
  if (signature && !(accepts.signature ?? []).includes(signature)) {
    return out('signature_unavailable', `${service.name} does not offer ${signature === 'adult' ? 'adult signature' : 'signature on delivery'}`);
  }

  const insurance = shipment.handling.insurance;
  if (insurance && Number(insurance.amount) > 0) {
    if (!accepts.insurance) return out('insurance_exceeds_limit', `${service.name} offers no insurance beyond the carrier's standard liability`);
    const max = toCarrierCurrency(accepts.insurance.maxValue.amount, accepts.insurance.maxValue.currency);
    if (toCarrierCurrency(insurance.amount, insurance.currency) > max + 1e-9) {
      return out('insurance_exceeds_limit', `${service.name} insures up to ${accepts.insurance.maxValue.amount} ${accepts.insurance.maxValue.currency}`);
    }
  }

  if (limits.maxValue) {
    const value = shipment.items.reduce((s, item) => s + toCarrierCurrency(item.unitValue.amount, item.unitValue.currency) * item.quantity, 0);
    const max = toCarrierCurrency(limits.maxValue.amount, limits.maxValue.currency);
    if (value > max + 1e-9) return out('value_exceeds_limit', `${service.name} carries goods worth up to ${limits.maxValue.amount} ${limits.maxValue.currency}`);
  }

  return { zone, transit, palletTypes, temperatureRange, ...(offer && { returnOffer: { name: offer.name, table } }) };
}

/** The smallest pallet type (in the order listed) that takes the weight and, when known, the size. */
export function classifyPallet(weightKg: number, sides: Readonly<[number, number, number]> | undefined, types: PalletType[]): PalletType | 'weight' | 'dimensions' {
  const byWeight = types.filter((t) => weightKg <= t.maxWeightKg);
  if (!byWeight.length) return 'weight';
  const fit = sides ? byWeight.find((t) => fitsWithin(sides, t.maxDimensionsCm)) : byWeight[0];
  return fit ?? 'dimensions';
}

export function isExclusion(x: Eligible | ServiceExclusion): x is ServiceExclusion {
  return 'reason' in x;
}
