/**
 * Request bodies the resilience tests send: real carriers from carriers/, plausible goods and
 * addresses. The personal values are distinctive on purpose so that a log scan can look for them.
 */
export const SENDER = {
  name: 'Ottilie Versandmeister',
  company: 'Acme GmbH',
  street1: 'Poststrasse 17',
  city: 'Bonn',
  postalCode: '53113',
  country: 'DE',
  phone: '+49 228 5550147',
  email: 'ottilie.versand@acme.example',
};

export const RECIPIENT = {
  name: 'Bartholomew Quillfeather',
  street1: '350 Fifth Avenue',
  street2: 'Suite 4100',
  city: 'New York',
  region: 'NY',
  postalCode: '10118',
  country: 'US',
  phone: '+1 212 555 0187',
  email: 'bart.quillfeather@example.com',
};

/** Personal values of the bodies above that must never appear in a log line. */
export const PERSONAL_VALUES = [SENDER.name, SENDER.street1, SENDER.phone, SENDER.email, RECIPIENT.name, RECIPIENT.street1, RECIPIENT.phone, RECIPIENT.email];

const ITEMS = [{ sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 4, unitValue: { amount: '12.50', currency: 'EUR' } }];

/** A quote from Bonn to New York against every carrier in the service's carriers folder (or `carriers`). */
export function quoteBody(carriers?: string[]): Record<string, unknown> {
  return {
    shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
    shipTo: { country: 'US', postalCode: '10118', city: 'New York', region: 'NY', residential: true },
    parcels: [{ weight: { value: 1.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 10, unit: 'cm' } }],
    items: ITEMS,
    incoterm: 'DAP',
    currency: 'EUR',
    ...(carriers && { carriers }),
  };
}

/** A direct booking; `carrier`/`service` default to Deutsche Post's rate-card service (no carrier API). */
export function bookingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    carrier: 'deutsche-post',
    service: 'paket-international',
    reference: 'ORDER-RES-1',
    shipFrom: SENDER,
    shipTo: RECIPIENT,
    parcels: [{ weight: { value: 1.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 10, unit: 'cm' } }],
    items: ITEMS,
    incoterm: 'DAP',
    ...overrides,
  };
}

/** One pick-up scan for a Deutsche Post parcel (a status change, so a merchant webhook follows). */
export function pickupEvents(trackingNumber: string, minute = 0): Record<string, unknown> {
  return {
    carrier: 'deutsche-post',
    trackingNumber,
    events: [{ code: 'PCKDU', description: 'Abgeholt', occurredAt: `2026-11-20T16:${String(minute % 60).padStart(2, '0')}:00+01:00`, location: { city: 'Bonn', country: 'DE' } }],
  };
}

let serial = 100_000_000 + Math.floor(Math.random() * 800_000_000);
/** A tracking number unique in this test run (S10 layout: two letters, nine digits, DE). */
export function uniqueTrackingNumber(prefix = 'RS'): string {
  serial += 1;
  return `${prefix}${serial}DE`;
}
