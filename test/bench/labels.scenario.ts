import { bearer, type BenchContext, type BenchRequest, type BenchScenario } from './bench-scenario';

/**
 * Label rendering and booking, over HTTP against the service process.
 *
 * - `label-pdf`: `GET /v1/shipments/:id/label?format=pdf&size=4x6` of 10-parcel shipments: one PDF of ten
 *   4x6 labels, each with its own Code 128 and Data Matrix, rendered per request (nothing cached: labels
 *   are drawn from the stored shipment every time). Counted in labels. Target: >= 100 labels/s.
 * - `label-zpl`: the same labels as ZPL II at 203 dpi (ten `^XA..^XZ` per request). Target: >= 2,000 labels/s.
 *   Ten labels per request so that the figure is about rendering, not the per-request cost of HTTP,
 *   key check and database read (measured on their own by `floor` and in the table's CPU column).
 * - `booking`: `POST /v1/shipments` with a fresh Idempotency-Key per request (reserve the key, re-rate,
 *   issue an S10 number from the sequence, write shipment, parcel and key in one transaction, start
 *   tracking), Germany to France (no customs papers) and Germany to the US (CN 23 decided).
 */
const SHIP_FROM = { name: 'Bench Sender', company: 'Acme GmbH', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE', taxIds: [{ type: 'eori', value: 'DE123456789012345' }] };
const SHIP_TO_FR = { name: 'Marie Curie', street1: '8 Rue de Rivoli', city: 'Paris', postalCode: '75004', country: 'FR' };
const SHIP_TO_US = { name: 'Jane Doe', street1: '350 Fifth Avenue', city: 'New York', region: 'NY', postalCode: '10118', country: 'US' };

const LABELS_PER_SHIPMENT = 10;

export function benchBooking(reference: string, toUs: boolean, parcels = 1): Record<string, unknown> {
  return {
    carrier: 'deutsche-post',
    service: 'paket-international',
    reference,
    shipFrom: SHIP_FROM,
    shipTo: toUs ? SHIP_TO_US : SHIP_TO_FR,
    parcels: Array.from({ length: parcels }, (_, i) => ({ weight: { value: 1 + i * 0.25, unit: 'kg' }, dimensions: { length: 30, width: 20, height: 15, unit: 'cm' } })),
    ...(toUs && { items: [{ description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'PT', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' } }] }),
    incoterm: 'DAP',
  };
}

/** Books `count` 10-parcel shipments (shared by both label scenarios of one service instance). */
async function bookedShipments(ctx: BenchContext, count: number): Promise<{ key: string; ids: string[] }> {
  const cached = ctx.shared.get('labels:shipments') as { key: string; ids: string[] } | undefined;
  if (cached) return cached;
  const key = await ctx.keyWith('shipments');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await ctx.request({
      method: 'POST',
      path: '/v1/shipments',
      headers: { ...bearer(key), 'idempotency-key': `bench-label-${i}` },
      body: benchBooking(`BENCH-LABEL-${i}`, i % 2 === 0, LABELS_PER_SHIPMENT),
    });
    if (res.status !== 201) throw new Error(`booking for the label benchmark failed: ${res.status} ${res.text.slice(0, 300)}`);
    ids.push(res.json.id);
  }
  ctx.log(`  booked ${count} shipments of ${LABELS_PER_SHIPMENT} parcels for label rendering`);
  const seeded = { key, ids };
  ctx.shared.set('labels:shipments', seeded);
  return seeded;
}

function labelRequests(key: string, ids: string[], query: string): BenchRequest[] {
  return ids.map((id) => ({ method: 'GET', path: `/v1/shipments/${id}/label?${query}`, headers: bearer(key) }));
}

export const labelPdfScenario: BenchScenario = {
  id: 'label-pdf',
  title: 'GET /v1/shipments/:id/label?format=pdf&size=4x6 (10 parcels: ten 4x6 labels, Code 128 + Data Matrix each)',
  async prepare(ctx) {
    const { key, ids } = await bookedShipments(ctx, 50);
    return {
      requests: labelRequests(key, ids, 'format=pdf&size=4x6'),
      unit: 'labels',
      unitsPerRequest: LABELS_PER_SHIPMENT,
      verify: (res) =>
        (res.status === 200 && res.headers['content-type'] === 'application/pdf' && res.body.subarray(0, 5).toString() === '%PDF-') || `not a PDF: ${res.status} ${res.text.slice(0, 200)}`,
    };
  },
};

export const labelZplScenario: BenchScenario = {
  id: 'label-zpl',
  title: 'GET /v1/shipments/:id/label?format=zpl&dpi=203 (10 parcels: ten ZPL II labels)',
  async prepare(ctx) {
    const { key, ids } = await bookedShipments(ctx, 50);
    return {
      requests: labelRequests(key, ids, 'format=zpl&dpi=203'),
      unit: 'labels',
      unitsPerRequest: LABELS_PER_SHIPMENT,
      verify: (res) =>
        (res.status === 200 && res.text.match(/\^XA/g)?.length === LABELS_PER_SHIPMENT && res.text.includes('^BCN')) || `not ${LABELS_PER_SHIPMENT} ZPL labels: ${res.status} ${res.text.slice(0, 200)}`,
    };
  },
};

export const bookingScenario: BenchScenario = {
  id: 'booking',
  title: 'POST /v1/shipments (new Idempotency-Key each: re-rate, S10 number, shipment + key in one transaction)',
  async prepare(ctx) {
    const key = await ctx.keyWith('shipments');
    const run = Date.now().toString(36);
    const bodies = [benchBooking('BENCH-BOOK-FR', false), benchBooking('BENCH-BOOK-US', true)];
    return {
      requests: (seq: number) => ({ method: 'POST', path: '/v1/shipments', headers: { ...bearer(key), 'idempotency-key': `bench-${run}-${seq}` }, body: bodies[seq % 2] }),
      connections: 16,
      expectStatus: [201],
      verify: (res) => (res.status === 201 && /^CX\d{9}DE$/.test(res.json?.trackingNumber ?? '')) || `not booked: ${res.status} ${res.text.slice(0, 300)}`,
    };
  },
};
