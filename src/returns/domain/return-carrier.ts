/** A return product of a carrier, as far as choosing a return carrier goes (carrier.yaml `returns`). */
export interface ReturnProduct {
  service: string;
  name: string;
  /** Countries it picks up in. */
  from: string[];
  /** Countries it delivers returns to (the merchant's). */
  to: string[];
}

/** A carrier as far as choosing a return carrier goes. */
export interface CarrierChoice {
  id: string;
  /** Where its own lanes start (carrier.yaml `origins`): a return from there travels like any shipment. */
  origins: string[];
  services: string[];
  /** Its return products: lanes from other countries back to the merchant. */
  returns: ReturnProduct[];
  /** False when the carrier cannot be used now (API credentials missing). */
  enabled: boolean;
}

/** One way to book the return label, with why it was considered and, for a return product, its name. */
export interface ReturnCandidate {
  carrier: string;
  service: string;
  why: 'requested' | 'original' | 'eligible';
  product?: string;
}

export type ReturnCarrierDecision =
  /** Ways to book the label, best first (the booking takes the first that can carry the parcel). */
  | { candidates: ReturnCandidate[] }
  /** The carrier or service asked for cannot take this return: a mistake in the request. */
  | { problem: { path: string; message: string } }
  /** Nobody takes returns on this lane: the request is fine, the service cannot do it. */
  | { unavailable: { path: string; message: string } };

/**
 * Picks the carrier of a return label, which travels from the buyer's country (`from`, the original
 * ship-to) back to the merchant (`to`, the original ship-from). A carrier takes it on its own lanes
 * when it picks up in `from` (`origins`), or with a return product covering `from` -> `to`.
 *
 * The one asked for, alone; else the original carrier (its original service on its own lanes, else
 * its return product), then every other usable carrier in catalog order. The booking still checks the
 * lane, weight and handling limits; a candidate that cannot take the parcel gives way to the next.
 */
export function chooseReturnCarrier(input: {
  requested?: { carrier?: string; service?: string };
  original: { carrier: string; service: string };
  from: string;
  to: string;
  carriers: CarrierChoice[];
}): ReturnCarrierDecision {
  const byId = new Map(input.carriers.map((c) => [c.id, c]));
  const { requested, original, from, to } = input;
  const product = (c: CarrierChoice) => c.returns.find((p) => p.from.includes(from) && p.to.includes(to) && c.services.includes(p.service));
  const own = (c: CarrierChoice) => c.origins.includes(from) && c.services.length > 0;

  if (requested?.carrier) {
    const c = byId.get(requested.carrier);
    if (!c) return { problem: { path: 'carrier', message: `unknown carrier "${requested.carrier}"` } };
    if (!c.enabled) return { problem: { path: 'carrier', message: `${c.id} cannot be used now` } };
    if (own(c)) {
      const service = requested.service ?? (c.id === original.carrier && c.services.includes(original.service) ? original.service : c.services[0]);
      if (!c.services.includes(service)) return { problem: { path: 'service', message: `${c.id} has no service "${service}"` } };
      return { candidates: [{ carrier: c.id, service, why: 'requested' }] };
    }
    const p = product(c);
    if (!p) return { problem: { path: 'carrier', message: `${c.id} does not pick up returns in ${from} for ${to}${describeReturns(c)}` } };
    const offered = c.returns.filter((r) => r.from.includes(from) && r.to.includes(to));
    const chosen = requested.service ? offered.find((r) => r.service === requested.service) : p;
    if (!chosen) return { problem: { path: 'service', message: `${c.id} takes returns from ${from} with ${offered.map((r) => `${r.service} (${r.name})`).join(', ')}, not "${requested.service}"` } };
    return { candidates: [{ carrier: c.id, service: chosen.service, why: 'requested', product: chosen.name }] };
  }
  if (requested?.service) return { problem: { path: 'service', message: 'give `carrier` together with `service`' } };

  const candidates: ReturnCandidate[] = [];
  const same = byId.get(original.carrier);
  if (same?.enabled) {
    const p = product(same);
    if (own(same) && same.services.includes(original.service)) candidates.push({ carrier: same.id, service: original.service, why: 'original' });
    else if (p) candidates.push({ carrier: same.id, service: p.service, why: 'original', product: p.name });
  }
  for (const c of input.carriers) {
    if (!c.enabled || c.id === original.carrier) continue;
    const p = own(c) ? undefined : product(c);
    if (own(c)) candidates.push({ carrier: c.id, service: c.services[0], why: 'eligible' });
    else if (p) candidates.push({ carrier: c.id, service: p.service, why: 'eligible', product: p.name });
  }
  if (candidates.length) return { candidates };
  return { unavailable: { path: 'carrier', message: `no carrier picks up returns in ${from} for delivery to ${to}` } };
}

/** ` (its returns: DHL Retoure International from AT, BE, ...)`, shortened for messages. */
function describeReturns(c: CarrierChoice): string {
  if (!c.returns.length) return '';
  const list = c.returns.map((r) => `${r.name} from ${r.from.length > 12 ? `${r.from.length} countries` : r.from.join(', ')} to ${r.to.join(', ')}`);
  return ` (its returns: ${list.join('; ')})`;
}
