/** Request bodies for booking tests: real carriers from carriers/, real-looking addresses. */
export const BONN = {
  name: 'Max Mustermann',
  company: 'Acme GmbH',
  street1: 'Poststrasse 1',
  city: 'Bonn',
  postalCode: '53113',
  country: 'DE',
  phone: '+49 228 1234567',
  email: 'ship@acme.example',
  taxIds: [
    { type: 'eori', value: 'DE123456789012345' },
    { type: 'vat', value: 'DE123456789' },
  ],
};

export const NEW_YORK = {
  name: 'Jane Doe',
  street1: '350 Fifth Avenue',
  street2: 'Suite 4100',
  city: 'New York',
  region: 'NY',
  postalCode: '10118',
  country: 'US',
  phone: '+1 212 555 0100',
  email: 'jane@example.com',
};

export const PARIS = { name: 'Marie Curie', street1: '8 Rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' };

export const TSHIRTS = [
  { sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' }, unitWeight: { value: 0.2, unit: 'kg' } },
  { description: 'Leather wallet', hsCode: '420231', originCountry: 'IT', quantity: 2, unitValue: { amount: '45.99', currency: 'EUR' }, unitWeight: { value: 150, unit: 'g' } },
];

/** A direct booking with Deutsche Post (postal, S10 numbers) from Bonn to New York. */
export function postalBooking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    carrier: 'deutsche-post',
    service: 'paket-international',
    reference: 'ORDER-1001',
    shipFrom: BONN,
    shipTo: NEW_YORK,
    parcels: [{ weight: { value: 2.5, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } }],
    items: TSHIRTS,
    incoterm: 'DAP',
    ...overrides,
  };
}

/** A direct booking with DHL Express (courier, mod-7 waybills). */
export function expressBooking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    carrier: 'dhl-express',
    service: 'express-worldwide',
    reference: 'ORDER-2001',
    shipFrom: BONN,
    shipTo: NEW_YORK,
    parcels: [{ weight: { value: 4, unit: 'kg' }, dimensions: { length: 40, width: 30, height: 20, unit: 'cm' } }],
    items: TSHIRTS,
    incoterm: 'DDP',
    ...overrides,
  };
}
