import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auth, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(180_000);

const SHOP = { name: 'Lotte Versand', company: 'Versandhaus Bonn GmbH', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE', phone: '+49 228 1234567', email: 'versand@shop.example' };
const LONDON = { name: 'Wilhelmina Thistlewood', street1: '10 Downing Street', city: 'London', postalCode: 'SW1A 2AA', country: 'GB', phone: '+44 20 7946 0000', email: 'w.thistlewood@example.org' };
const TORONTO = { name: 'Marguerite Okonkwo-Lindqvist', street1: '290 Bremner Blvd', city: 'Toronto', region: 'ON', postalCode: 'M5V 3L9', country: 'CA', phone: '+1 416 555 0199', email: 'm.okonkwo@example.org' };
const BERLIN = { name: 'Bartholomäus Zwiebelfisch', street1: 'Invalidenstrasse 50', city: 'Berlin', postalCode: '10115', country: 'DE', phone: '+49 30 5550123', email: 'b.zwiebelfisch@example.org' };
const TSHIRTS = [{ sku: 'TS-1', description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 4, unitValue: { amount: '12.50', currency: 'EUR' } }];

interface Booked {
  id: string;
  token: string;
  trackingNumber: string;
}

describe('public tracking: duties due on delivery, and which parcels are one order', () => {
  let t: TestApp;
  let shipKey: string;
  let quotesKey: string;
  let ip = 0;
  const nextIp = () => `203.0.113.${(ip++ % 250) + 1}`;
  const get = (path: string) => t.http().get(path).set({ 'X-Forwarded-For': nextIp(), 'Accept-Language': 'en' });

  const booked = (res: { body: { id: string; trackingUrl: string; trackingNumber: string } }): Booked => ({
    id: res.body.id,
    token: res.body.trackingUrl.split('/t/')[1],
    trackingNumber: res.body.trackingNumber,
  });
  const book = async (body: Record<string, unknown>, key = shipKey): Promise<Booked> =>
    booked(await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(body).expect(201));
  const direct = (shipTo: { country: string; [field: string]: string }, reference: string, key?: string) =>
    book(
      {
        // Deutsche Post's parcels leave Germany; within Germany DHL Express carries them.
        ...(shipTo.country === 'DE' ? { carrier: 'dhl-express', service: 'express-domestic' } : { carrier: 'deutsche-post', service: 'paket-international' }),
        reference,
        shipFrom: SHOP,
        shipTo,
        parcels: [{ weight: { value: 1.2, unit: 'kg' } }],
        items: [{ ...TSHIRTS[0], hsCode: '610910', originCountry: 'DE' }],
        incoterm: 'DAP',
      },
      key,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_ENABLED: 'false', TRUSTED_PROXY_HOPS: '1', PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    shipKey = await t.keyWith('shipments');
    quotesKey = await t.keyWith('quotes');
  });
  afterAll(() => t?.close());

  describe('UK VAT collected by the seller at checkout (DE -> GB, DAP)', () => {
    let shipment: Booked;
    let quotedDuties: { total: { amount: string }; dueOnDelivery: { amount: string }; collectedAtCheckout: { amount: string } };

    beforeAll(async () => {
      const quote = await t
        .http()
        .post('/v1/quotes')
        .set(auth(quotesKey))
        .send({
          shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
          shipTo: { country: 'GB', postalCode: 'SW1A 2AA', city: 'London' },
          parcels: [{ weight: { value: 0.8, unit: 'kg' } }],
          items: TSHIRTS,
          incoterm: 'DAP',
          currency: 'EUR',
          carriers: ['deutsche-post'],
          sellerRegistrations: ['uk_vat'],
        })
        .expect(200);
      const option = quote.body.options.find((o: { service: string }) => o.service === 'paket-international');
      quotedDuties = option.dutiesAndTaxes;
      shipment = await book({ quoteId: quote.body.id, optionId: option.id, reference: 'UK-VAT-1', shipFrom: SHOP, shipTo: LONDON });
    });

    it('the quote charged the VAT at checkout and left nothing for the door', () => {
      expect(Number(quotedDuties.total.amount)).toBeGreaterThan(0);
      expect(quotedDuties.collectedAtCheckout).toEqual(quotedDuties.total);
      expect(quotedDuties.dueOnDelivery.amount).toBe('0.00');
    });

    const expectNothingDue = async () => {
      const json = await get(`/v1/public/tracking/${shipment.token}`).expect(200);
      expect(json.body.customs).toMatchObject({
        required: true,
        incoterm: 'DAP',
        dutiesDue: false,
        dutiesAmount: null,
        dutiesPayer: 'sender',
        dutiesText: 'The seller collected the taxes at checkout: nothing to pay on delivery',
      });
      const page = await get(`/t/${shipment.token}`).expect(200);
      expect(page.text).toContain('The seller collected the taxes at checkout: nothing to pay on delivery');
      expect(page.text).not.toMatch(/due from the recipient/);
      expect(page.text).not.toContain(quotedDuties.total.amount);
    };

    it('the buyer page and its JSON say nothing is due on delivery', async () => {
      await expectNothingDue();
    });

    it('a shipment booked before the amount due on delivery was stored reads it from its lines', async () => {
      const db = t.app.get(DataSource);
      await db.query(`UPDATE shipment SET duties_and_taxes = duties_and_taxes - 'dueOnDelivery' - 'collectedAtCheckout' WHERE id = $1`, [shipment.id]);
      const [row] = await db.query(`SELECT duties_and_taxes ? 'dueOnDelivery' AS has FROM shipment WHERE id = $1`, [shipment.id]);
      expect(row.has).toBe(false);
      await expectNothingDue();
    });
  });

  it('DAP without collection at sale: the amount due on delivery is shown', async () => {
    const s = await direct({ ...TORONTO, name: 'Solveig Pemberton-Quaye' }, 'CA-DAP-1');
    const json = await get(`/v1/public/tracking/${s.token}`).expect(200);
    expect(json.body.customs).toMatchObject({ dutiesDue: true, dutiesPayer: 'recipient', dutiesAmount: { currency: 'EUR' } });
    expect(Number(json.body.customs.dutiesAmount.amount)).toBeGreaterThan(0);
    expect(json.body.customs.dutiesText).toBe(`Duties and taxes due from the recipient: €${json.body.customs.dutiesAmount.amount}`);
  });

  describe('an order is the same merchant, reference and recipient', () => {
    const REF = 'ORDER-7311';
    let first: Booked;
    let second: Booked;
    let berlin: Booked;
    let berlinCancelled: Booked;
    let ownCancelled: Booked;
    let otherMerchant: Booked;

    beforeAll(async () => {
      first = await direct(TORONTO, REF);
      // The same buyer written a little differently by the checkout.
      second = await direct({ ...TORONTO, name: ' marguerite  OKONKWO-LINDQVIST', postalCode: 'm5v3l9' }, REF);
      berlin = await direct(BERLIN, REF);
      berlinCancelled = await direct(BERLIN, REF);
      ownCancelled = await direct(TORONTO, REF);
      for (const s of [berlinCancelled, ownCancelled]) await t.http().post(`/v1/shipments/${s.id}/cancel`).set(auth(shipKey)).expect(200);
      otherMerchant = await direct(TORONTO, REF, await t.keyWith('shipments'));
    });

    const masked = (n: string) => `${n.slice(0, 2)}•••••••${n.slice(-4)}`;

    it('the Canadian buyer sees only her own live parcels (page and JSON)', async () => {
      const json = await get(`/v1/public/tracking/${first.token}`).expect(200);
      expect(json.body.parcels.map((p: { trackingNumberMasked: string; label: string }) => [p.trackingNumberMasked, p.label])).toEqual([
        [masked(first.trackingNumber), 'Parcel 1 of 2'],
        [masked(second.trackingNumber), 'Parcel 2 of 2'],
      ]);
      const page = await get(`/t/${first.token}`).expect(200);
      expect(page.text).toContain('Parcel 2 of 2');
      expect(page.text).not.toMatch(/Parcel \d of [3-9]/);
      for (const other of [berlin, berlinCancelled, ownCancelled, otherMerchant]) {
        expect(JSON.stringify(json.body)).not.toContain(masked(other.trackingNumber));
        expect(page.text).not.toContain(masked(other.trackingNumber));
      }
      expect(page.text).not.toMatch(/Cancelled|Berlin/);
    });

    it('the Berlin buyer sees none of the Canadian parcels, and a cancelled parcel still has its own page', async () => {
      const json = await get(`/v1/public/tracking/${berlin.token}`).expect(200);
      expect(json.body.parcels).toEqual([expect.objectContaining({ current: true, label: 'Parcel 1 of 1' })]);
      const page = await get(`/t/${berlin.token}`).expect(200);
      for (const other of [first, second, ownCancelled, otherMerchant]) {
        expect(JSON.stringify(json.body)).not.toContain(masked(other.trackingNumber));
        expect(page.text).not.toContain(masked(other.trackingNumber));
      }
      const cancelled = await get(`/v1/public/tracking/${ownCancelled.token}`).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(cancelled.body.parcels.map((p: { trackingNumberMasked: string; current: boolean }) => [p.trackingNumberMasked, p.current])).toEqual([
        [masked(first.trackingNumber), false],
        [masked(second.trackingNumber), false],
        [masked(ownCancelled.trackingNumber), true],
      ]);
    });

    it('another merchant\'s shipment with the same reference to the same buyer is not part of the order', async () => {
      const json = await get(`/v1/public/tracking/${otherMerchant.token}`).expect(200);
      expect(json.body.parcels.map((p: { trackingNumberMasked: string }) => p.trackingNumberMasked)).toEqual([masked(otherMerchant.trackingNumber)]);
    });
  });
});
