import type { ServiceExclusion } from '../carrier-adapter';
import type { DangerousGoodSpec, ShipmentSpec } from '../shipment-spec';
import type { ApiServiceDefinition } from './api-carrier.kind';

/** `PI967-II` for a lithium entry, undefined for other dangerous goods. */
export function lithiumKey(dg: DangerousGoodSpec): string | undefined {
  const pi = dg.packingInstruction?.toUpperCase().replace(/\s+/g, '');
  if (!pi || !/^PI9(65|66|67|68|69|70)$/.test(pi)) return undefined;
  return `${pi}-${(dg.section ?? 'II').toUpperCase()}`;
}

/**
 * Why a service of an API carrier cannot take this shipment, checked from the carrier folder before
 * the carrier is asked (the carrier would refuse, or worse, price something it will not carry).
 * Returns undefined when the service may be offered.
 */
export function checkServiceEligibility(service: ApiServiceDefinition, shipment: ShipmentSpec, carrierCurrency?: string): ServiceExclusion | undefined {
  const out = (reason: ServiceExclusion['reason'], message: string): ServiceExclusion => ({ service: service.code, reason, message });
  const international = shipment.shipFrom.country !== shipment.shipTo.country;
  if (service.scope === 'domestic' && international) return out('destination_not_served', `${service.name} is for domestic shipments only`);
  if (service.scope === 'international' && !international) return out('destination_not_served', `${service.name} is for international shipments only`);
  if (service.excludedDestinations?.includes(shipment.shipTo.country)) {
    return out('destination_not_served', `${service.name} does not deliver to ${shipment.shipTo.country}`);
  }
  const { limits, accepts } = service;
  if (limits.maxParcels !== undefined && shipment.parcels.length > limits.maxParcels) {
    return out('too_many_parcels', `${service.name} takes at most ${limits.maxParcels} parcels per shipment`);
  }
  for (const [i, p] of shipment.parcels.entries()) {
    if (p.weightKg > limits.maxWeightKg) return out('weight_exceeds_limit', `parcel ${i + 1} weighs ${p.weightKg} kg; ${service.name} takes up to ${limits.maxWeightKg} kg per parcel`);
    const dims = [p.lengthCm, p.widthCm, p.heightCm];
    if (dims.every((d) => d !== undefined)) {
      const [l, w, h] = (dims as number[]).sort((a, b) => b - a);
      if (limits.maxLengthCm !== undefined && l > limits.maxLengthCm) {
        return out('dimensions_exceed_limit', `parcel ${i + 1} is ${l} cm long; ${service.name} takes up to ${limits.maxLengthCm} cm`);
      }
      const girth = l + 2 * (w + h);
      if (limits.maxLengthPlusGirthCm !== undefined && girth > limits.maxLengthPlusGirthCm) {
        return out('dimensions_exceed_limit', `parcel ${i + 1} measures ${girth} cm length plus girth; ${service.name} takes up to ${limits.maxLengthPlusGirthCm} cm`);
      }
    }
  }
  const { handling } = shipment;
  for (const dg of handling.dangerousGoods) {
    const key = lithiumKey(dg);
    if (key ? !accepts.dangerousGoods.includes(key) && !accepts.dangerousGoods.includes('any') : !accepts.dangerousGoods.includes('any')) {
      return out('dangerous_goods_not_accepted', `${service.name} does not accept ${dg.unNumber}${key ? ` packed under ${key}` : ` (class ${dg.class})`}`);
    }
  }
  if (handling.dryIceKg > 0 && !accepts.dryIce) return out('dry_ice_not_accepted', `${service.name} does not accept dry ice`);
  if (handling.temperature && !accepts.temperatureControl) {
    return out('temperature_control_unavailable', `${service.name} offers no temperature-controlled transport`);
  }
  if (handling.signature && !accepts.signature.includes(handling.signature)) {
    return out('signature_unavailable', `${service.name} offers no ${handling.signature} signature on delivery`);
  }
  // The limit is in the carrier's currency; an insured value in another currency is left to the
  // carrier to judge (no exchange rate here), which refuses it at rating or booking if too high.
  const sameCurrency = !carrierCurrency || handling.insurance?.currency === carrierCurrency;
  if (handling.insurance && sameCurrency && accepts.maxInsurance !== undefined && Number(handling.insurance.amount) > accepts.maxInsurance) {
    return out('insurance_exceeds_limit', `${service.name} insures up to ${accepts.maxInsurance}${carrierCurrency ? ` ${carrierCurrency}` : ''}`);
  }
  return undefined;
}
