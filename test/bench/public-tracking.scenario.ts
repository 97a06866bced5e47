import { bearer, BenchContext, BenchRequest, BenchResponse, BenchScenario, BenchSkip } from './bench-scenario';

/**
 * The buyer's tracking page (target: p99 < 10 ms for the HTML page and for its JSON).
 *
 * `seedPublicTracking` books orders through the real API (two shipments of one order, the first
 * with two parcels, to a Swiss buyer: customs, DAP duties) and posts a realistic timeline of 8 events
 * per parcel through POST /v1/tracking-events, so each page read does the whole work: token lookup,
 * the order's shipments and timelines, masking, scrubbing, formatting in the reader's language.
 * Carriers are rate-card ones: a page view never calls a carrier API, so the figure is the service's.
 *
 * The load rotates over the seeded tokens and over five languages (Accept-Language), and every
 * request comes from its own client address (`X-Forwarded-For`; the runner sets a very high
 * `PUBLIC_RATE_LIMIT_PER_MINUTE`, so the per-address limit is counted but never hit).
 */

const ORDERS = 40;
const LANGUAGES = ['en-GB,en;q=0.9', 'de-DE,de;q=0.9', 'fr-FR', 'es-ES', 'zh-CN,zh;q=0.9'];
const BUYER = { name: 'Bench Buyer', street1: 'Seefeldstrasse 1', city: 'Zürich', postalCode: '8008', country: 'CH', phone: '+41 44 000 00 00', email: 'buyer@bench.example' };
const SHOP = { name: 'Bench Shop', company: 'Bench GmbH', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE', phone: '+49 228 1234567', email: 'shop@bench.example' };
const TIMELINE: { code?: string; status?: string; substatus?: string; city: string; country: string; hours: number; offset: string }[] = [
  { code: 'PCKDU', city: 'Bonn', country: 'DE', hours: 0, offset: '+01:00' },
  { code: 'SRTED', city: 'Köln', country: 'DE', hours: 4, offset: '+01:00' },
  { code: 'LDTMV', city: 'Köln', country: 'DE', hours: 6, offset: '+01:00' },
  { code: 'MVARR', city: 'Weil am Rhein', country: 'DE', hours: 14, offset: '+01:00' },
  { code: 'INFCL', city: 'Basel', country: 'CH', hours: 18, offset: '+01:00' },
  { status: 'customs', substatus: 'clearance_started', city: 'Basel', country: 'CH', hours: 20, offset: '+01:00' },
  { status: 'customs', substatus: 'cleared', city: 'Basel', country: 'CH', hours: 26, offset: '+01:00' },
  { code: 'INFCL', city: 'Zürich', country: 'CH', hours: 32, offset: '+01:00' },
];

export interface SeededTracking {
  tokens: string[];
}

/** Books `orders` orders (3 parcels each) with their timelines through the API; returns the page tokens. */
export async function seedPublicTracking(ctx: BenchContext, orders = ORDERS): Promise<SeededTracking> {
  const cached = ctx.shared.get('public-tracking') as SeededTracking | undefined;
  if (cached) return cached;
  const shipKey = await ctx.keyWith('shipments');
  const writer = await ctx.keyWith('tracking:write');
  const tokens: string[] = [];
  const started = Date.now();
  for (let o = 0; o < orders; o++) {
    for (const parcels of [2, 1]) {
      const booked = await ctx.request({
        method: 'POST',
        path: '/v1/shipments',
        headers: { ...bearer(shipKey), 'idempotency-key': `bench-public-${o}-${parcels}` },
        body: {
          carrier: 'deutsche-post',
          service: 'paket-international',
          reference: `BENCH-ORDER-${o}`,
          shipFrom: SHOP,
          shipTo: BUYER,
          parcels: Array.from({ length: parcels }, () => ({ weight: { value: 1.2, unit: 'kg' } })),
          items: [{ sku: 'TEA-1', description: 'Darjeeling tea', hsCode: '090230', originCountry: 'IN', quantity: 3, unitValue: { amount: '14.50', currency: 'EUR' } }],
          incoterm: 'DAP',
        },
      });
      if (booked.status === 404) throw new BenchSkip('POST /v1/shipments is not there');
      if (booked.status !== 201) throw new Error(`booking for the public tracking bench failed: ${booked.status} ${booked.text.slice(0, 300)}`);
      if (parcels === 2) tokens.push(String(booked.json.trackingUrl).split('/t/')[1]);
      for (const p of booked.json.parcels as { trackingNumber: string }[]) {
        const base = Date.UTC(2026, 10, 23, 15, 0) + o * 60_000;
        const events = TIMELINE.map((e) => {
          const at = new Date(base + e.hours * 3_600_000 + 3_600_000).toISOString().slice(0, 19);
          return { ...(e.code ? { code: e.code } : { status: e.status, substatus: e.substatus }), occurredAt: `${at}${e.offset}`, location: { city: e.city, country: e.country } };
        });
        const res = await ctx.request({
          method: 'POST',
          path: '/v1/tracking-events',
          headers: bearer(writer),
          body: { carrier: 'deutsche-post', trackingNumber: p.trackingNumber, events, estimatedDelivery: { earliest: '2026-11-27', latest: '2026-11-28' } },
        });
        if (res.status !== 200) throw new Error(`posting events for the public tracking bench failed: ${res.status} ${res.text.slice(0, 300)}`);
      }
    }
  }
  ctx.log(`seeded ${tokens.length} orders (${tokens.length * 3} parcels, ${tokens.length * 3 * TIMELINE.length} events) for the public page in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const seeded = { tokens };
  ctx.shared.set('public-tracking', seeded);
  return seeded;
}

/** The n-th request of the load: token and language rotate, each from its own client address. */
export function publicRequest(tokens: string[], kind: 'html' | 'json', seq: number): BenchRequest {
  const token = tokens[seq % tokens.length];
  return {
    method: 'GET',
    path: kind === 'html' ? `/t/${token}` : `/v1/public/tracking/${token}`,
    headers: { 'accept-language': LANGUAGES[seq % LANGUAGES.length], 'x-forwarded-for': `10.${(seq >> 16) & 255}.${(seq >> 8) & 255}.${seq & 255}` },
  };
}

function verifyPage(res: BenchResponse): true | string {
  if (res.status !== 200) return `page answered ${res.status}: ${res.text.slice(0, 300)}`;
  if (!res.text.includes('role="progressbar"') || !res.text.includes('Parcel 3 of 3')) return 'the page lacks the progress bar or the order parcels';
  return res.text.includes('Bench Buyer') || res.text.includes('Seefeldstrasse') ? 'the anonymous page shows personal data' : true;
}

function verifyJson(res: BenchResponse): true | string {
  const v = res.json;
  if (res.status !== 200 || !v) return `JSON answered ${res.status}: ${res.text.slice(0, 300)}`;
  if (!Array.isArray(v.events) || v.events.length !== TIMELINE.length || v.parcels?.length !== 3) return `unexpected view: ${res.text.slice(0, 300)}`;
  return v.verified === null || 'the anonymous JSON is verified';
}

export const publicPageScenario: BenchScenario = {
  id: 'public-page',
  title: 'GET /t/:token (HTML page: order of 3 parcels, 8 events each, 5 languages)',
  async prepare(ctx) {
    const { tokens } = await seedPublicTracking(ctx);
    return { requests: (seq) => publicRequest(tokens, 'html', seq), verify: verifyPage };
  },
};

export const publicJsonScenario: BenchScenario = {
  id: 'public-json',
  title: 'GET /v1/public/tracking/:token (the same view as JSON)',
  async prepare(ctx) {
    const { tokens } = await seedPublicTracking(ctx);
    return { requests: (seq) => publicRequest(tokens, 'json', seq), verify: verifyJson };
  },
};
