import { Translator } from '../i18n/translator';
import { buildPublicView } from './build-public-view';
import type { EventFacts, OrderFacts, ParcelFacts, PersonalFacts } from './public-tracking.facts';

const personal: PersonalFacts = {
  name: 'Marguerite Oyelaran',
  company: null,
  street1: 'Quellenweg 42',
  street2: null,
  city: 'Zürich',
  region: null,
  postalCode: '8005',
  country: 'CH',
  phone: '+41 44 555 12 34',
  email: 'm.oyelaran@example.ch',
  items: [{ description: 'Wool scarf', quantity: 2, sku: 'SC-1' }],
};

const e = (status: EventFacts['status'], substatus: string | null, local: string, offset: number | null, zone: string | null, city: string | null, country: string | null, description: string): EventFacts => ({
  status,
  substatus,
  actionRequired: substatus === 'customs.duties_due',
  description,
  publicDescription: description.startsWith('Duties due.') ? 'Held for payment of duties' : description,
  occurredAt: offset === 60 ? `${local}+01:00` : local,
  local,
  utcOffsetMinutes: offset,
  timeZone: zone,
  city,
  country,
});

const parcel = (over: Partial<ParcelFacts>): ParcelFacts => ({
  key: 'p1',
  shipmentId: 'shp_1',
  direction: 'outbound',
  carrier: 'dhl-express',
  carrierName: 'DHL Express',
  serviceName: 'Express Worldwide',
  trackingNumber: '1234567890',
  apiCarrier: true,
  status: 'customs',
  substatus: 'customs.duties_due',
  actionRequired: true,
  events: [
    e('label_created', 'label_created.label_created', '2026-11-24T09:00:00', 60, 'Europe/Berlin', 'Bonn', 'DE', 'Shipment information received'),
    e('in_transit', 'in_transit.picked_up', '2026-11-24T17:30:00', 60, 'Europe/Berlin', 'Bonn', 'DE', 'Picked up'),
    e('customs', 'customs.duties_due', '2026-11-25T08:15:00', 60, 'Europe/Zurich', 'Zürich', 'CH', 'Duties due. Call Marguerite Oyelaran at +41 44 555 12 34 or write to m.oyelaran@example.ch (Quellenweg 42, 8005)'),
  ],
  estimatedDelivery: { earliest: '2026-11-27', latest: '2026-11-28' },
  firstEstimatedDelivery: { earliest: '2026-11-26', latest: '2026-11-26' },
  rma: null,
  returnState: null,
  ...over,
});

const order = (over: Partial<OrderFacts> = {}): OrderFacts => {
  const primary = parcel({});
  return {
    primary,
    parcels: [primary, parcel({ key: 'p2', trackingNumber: '1234567891', status: 'in_transit', substatus: null, actionRequired: false, events: primary.events.slice(0, 2) })],
    returns: [parcel({ key: 'r1', shipmentId: 'shp_r', direction: 'return', trackingNumber: '9999999999', status: 'label_created', substatus: null, actionRequired: false, events: [], rma: 'RMA-7', returnState: 'label_issued' })],
    customs: { required: true, incoterm: 'DAP', dutiesAndTaxes: { amount: '31.85', currency: 'CHF', estimate: true } },
    reference: 'ORDER-1001',
    ...over,
  };
};

describe('buildPublicView', () => {
  const en = new Translator('en', 'en-GB');
  const de = new Translator('de', 'de-CH');

  it('anonymous: status, progress, window, customs with the DAP amount, timeline newest first; nothing personal', () => {
    const view = buildPublicView(order(), en, { personal, verified: false });
    expect(view).toMatchObject({
      status: 'customs',
      statusText: 'In customs',
      substatusText: 'Duties and taxes must be paid',
      actionRequired: true,
      carrier: 'dhl-express',
      trackingNumberMasked: '••••••7890',
      progress: { step: 3, steps: 5, text: 'Step 3 of 5: Customs', tone: 'attention' },
      customs: { state: 'duties_due', dutiesDue: true, dutiesPayer: 'recipient', dutiesAmount: { amount: '31.85', currency: 'CHF' } },
      verified: null,
    });
    expect(view.customs.dutiesText).toMatch(/CHF\s?31\.85/);
    expect(view.estimatedDelivery?.text).toBe('Between Fri 27 Nov and Sat 28 Nov');
    expect(view.estimatedDelivery?.firstPromised?.text).toContain('Thu 26 Nov');
    expect(view.events.map((x) => x.status)).toEqual(['customs', 'in_transit', 'label_created']);
    expect(view.events[0]).toMatchObject({ occurredAt: '2026-11-25T08:15:00+01:00', location: { city: 'Zürich', country: 'CH', countryName: 'Switzerland' } });
    expect(view.events[0].timeZoneText).toBe('Central European Standard Time');
    const json = JSON.stringify(view);
    for (const secret of ['Marguerite', 'Oyelaran', 'Quellenweg', '555 12 34', '41445551234', 'example.ch', '8005', 'Wool scarf', 'ORDER-1001', '1234567890']) {
      expect(json).not.toContain(secret);
    }
  });

  it('several parcels of the order and its returns, each masked', () => {
    const view = buildPublicView(order(), en, { personal, verified: false });
    expect(view.parcels.map((p) => [p.label, p.current, p.trackingNumberMasked, p.events.length])).toEqual([
      ['Parcel 1 of 2', true, '••••••7890', 0],
      ['Parcel 2 of 2', false, '••••••7891', 2],
    ]);
    expect(view.returns).toEqual([
      expect.objectContaining({ rma: 'RMA-7', label: 'Return RMA-7', returnState: 'label_issued', returnStateText: 'Return label issued', trackingNumberMasked: '••••••9999', status: 'label_created' }),
    ]);
  });

  it('verified: adds the masked address, the items and the order reference, in the reader language', () => {
    const view = buildPublicView(order(), de, { personal, verified: true });
    expect(view.statusText).toBe('Beim Zoll');
    expect(view.verified).toEqual({
      orderReference: 'ORDER-1001',
      address: { lines: ['M••• O•••', 'Q••• •••', '80••• Zürich'], country: 'CH', countryName: 'Schweiz' },
      items: [{ description: 'Wool scarf', quantity: 2, text: '2 × Wool scarf' }],
    });
    expect(JSON.stringify(view)).not.toContain('Quellenweg');
  });

  it('delivered: no window, the delivery time instead, DDP says nothing is due', () => {
    const primary = parcel({
      status: 'delivered',
      substatus: 'delivered.delivered',
      actionRequired: false,
      events: [e('delivered', 'delivered.delivered', '2026-11-27T11:02:00', 60, 'Europe/Zurich', 'Zürich', 'CH', 'Delivered')],
    });
    const view = buildPublicView(order({ primary, parcels: [primary], customs: { required: true, incoterm: 'DDP', dutiesAndTaxes: { amount: '31.85', currency: 'CHF', estimate: true } } }), en, {
      personal,
      verified: false,
    });
    expect(view.estimatedDelivery).toBeNull();
    expect(view.delivered).toMatchObject({ at: '2026-11-27T11:02:00+01:00' });
    expect(view.progress).toMatchObject({ step: 5, percent: 100, tone: 'done' });
    expect(view.progress.labels.every((l) => l.state === 'done')).toBe(true);
    expect(view.customs).toMatchObject({ state: 'cleared', dutiesPayer: 'sender', dutiesDue: false, dutiesAmount: null });
  });

  it('anonymous readers get our wording of each event; verified readers the carrier text, scrubbed', () => {
    const anonymous = buildPublicView(order(), en, { personal, verified: false });
    expect(anonymous.events[0].description).toBe('Held for payment of duties');
    const verified = buildPublicView(order(), en, { personal, verified: true });
    expect(verified.events[0].description).toBe('Duties due. Call … at … or write to … (…, …)');
  });
});
