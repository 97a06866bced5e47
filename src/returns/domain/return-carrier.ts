/** A carrier as far as choosing a return carrier goes. */
export interface CarrierChoice {
  id: string;
  origins: string[];
  services: string[];
  /** False when the carrier cannot be used now (API credentials missing). */
  enabled: boolean;
}

export type ReturnCarrierDecision = { carrier: string; service: string; why: 'requested' | 'original' | 'eligible' } | { problem: { path: string; message: string } };

/**
 * Picks the carrier of a return label, which travels from the buyer's country back to the merchant:
 * the one asked for; else the original carrier and service when they pick up in the buyer's
 * country; else the first usable carrier that does (catalog order). The booking still checks the
 * lane, weight and handling limits and says why a service cannot take the parcel.
 */
export function chooseReturnCarrier(input: {
  requested?: { carrier?: string; service?: string };
  original: { carrier: string; service: string };
  origin: string;
  carriers: CarrierChoice[];
}): ReturnCarrierDecision {
  const byId = new Map(input.carriers.map((c) => [c.id, c]));
  const { requested, original, origin } = input;
  if (requested?.carrier) {
    const c = byId.get(requested.carrier);
    if (!c) return { problem: { path: 'carrier', message: `unknown carrier "${requested.carrier}"` } };
    if (!c.enabled) return { problem: { path: 'carrier', message: `${c.id} cannot be used now` } };
    if (!c.origins.includes(origin)) return { problem: { path: 'carrier', message: `${c.id} does not pick up in ${origin}` } };
    const service = requested.service ?? (c.id === original.carrier && c.services.includes(original.service) ? original.service : c.services[0]);
    if (!c.services.includes(service)) return { problem: { path: 'service', message: `${c.id} has no service "${service}"` } };
    return { carrier: c.id, service, why: 'requested' };
  }
  if (requested?.service) return { problem: { path: 'service', message: 'give `carrier` together with `service`' } };
  const same = byId.get(original.carrier);
  if (same?.enabled && same.origins.includes(origin) && same.services.includes(original.service)) {
    return { carrier: same.id, service: original.service, why: 'original' };
  }
  const other = input.carriers.find((c) => c.enabled && c.origins.includes(origin) && c.services.length > 0);
  if (other) return { carrier: other.id, service: other.services[0], why: 'eligible' };
  return { problem: { path: 'carrier', message: `no carrier picks up returns in ${origin}` } };
}
