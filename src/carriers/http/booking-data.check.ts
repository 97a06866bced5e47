import { CarrierError } from '../carrier-error';
import type { AddressSpec } from '../shipment-spec';

/**
 * Lists what a carrier needs on a booking that the request lacks (names, street, phone...), so the
 * caller gets every missing field at once instead of one carrier rejection at a time.
 */
export function requireBookingFields(carrier: string, parties: { path: string; address: AddressSpec }[], needs: (keyof AddressSpec)[]): void {
  const missing: string[] = [];
  for (const { path, address } of parties) {
    for (const field of needs) {
      if (field === 'name' || field === 'company') {
        if (!address.name && !address.company) missing.push(`${path}.name`);
        continue;
      }
      const v = address[field];
      if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) missing.push(`${path}.${field}`);
    }
  }
  const unique = [...new Set(missing)];
  if (unique.length) {
    throw new CarrierError(carrier, 'INVALID_REQUEST', `booking data missing for ${carrier}: ${unique.join(', ')}`, {
      carrierMessage: `required: ${unique.join(', ')}`,
    });
  }
}
