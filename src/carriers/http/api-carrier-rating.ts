import type { CarrierRate, RateResult, ServiceExclusion } from '../carrier-adapter';
import type { ShipmentSpec } from '../shipment-spec';
import type { ApiServiceDefinition } from './api-carrier.kind';
import { checkServiceEligibility } from './api-service-eligibility';

/**
 * The rating flow every API adapter shares: services the shipment cannot use are explained without
 * asking the carrier; the carrier is asked once for the rest (all services on the lane in one call);
 * services the carrier did not price are reported as not offered on this lane.
 */
export async function rateApiServices(
  services: ApiServiceDefinition[],
  shipment: ShipmentSpec,
  ask: (eligible: ApiServiceDefinition[]) => Promise<{ rates: CarrierRate[]; notOffered: ApiServiceDefinition[] }>,
  carrierCurrency?: string,
): Promise<RateResult> {
  const excluded: ServiceExclusion[] = [];
  const eligible: ApiServiceDefinition[] = [];
  for (const service of services) {
    const why = checkServiceEligibility(service, shipment, carrierCurrency);
    if (why) excluded.push(why);
    else eligible.push(service);
  }
  if (eligible.length === 0) return { rates: [], excluded };
  const { rates, notOffered } = await ask(eligible);
  for (const s of notOffered) {
    excluded.push({ service: s.code, reason: 'destination_not_served', message: `the carrier offers no ${s.name} for this shipment on ${shipment.shipDate}` });
  }
  return { rates, excluded };
}
