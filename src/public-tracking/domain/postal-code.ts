import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The form a postal code is compared in: case, spaces and hyphens do not matter (`sw1a 1aa` =
 * `SW1A1AA`, `01310-100` = `01310100`). For the US a 5-digit ZIP matches a ZIP+4 on the shipment.
 */
export function normalisePostalCode(value: string, country: string | null): string {
  const compact = value.normalize('NFKC').toUpperCase().replace(/[\s\-‐-―]/g, '');
  if (country?.toUpperCase() === 'US' && /^\d{9}$/.test(compact)) return compact.slice(0, 5);
  return compact;
}

/**
 * Compares an entered postal code with the shipment's in constant time: both are reduced to an HMAC
 * first, so the comparison neither short-circuits on the first differing character nor depends on the
 * lengths. When there is no shipment (unknown token), the caller compares against a decoy so that
 * both paths do the same work.
 */
export function postalCodesMatch(key: Buffer, entered: string, expected: string, country: string | null): boolean {
  const a = createHmac('sha256', key).update(normalisePostalCode(entered, country)).digest();
  const b = createHmac('sha256', key).update(normalisePostalCode(expected, country)).digest();
  return timingSafeEqual(a, b) && normalisePostalCode(expected, country).length > 0;
}
