import { EventCodeTable } from './event-code-table';
import { normaliseEvents, type NormaliseContext, type RawTrackingEvent } from './event-normalisation';
import { TimeZoneTable } from './time-zone-table';

const zones = new TimeZoneTable([{ country: 'DE', zone: 'Europe/Berlin', regions: [], cities: [] }]);
const codes = new EventCodeTable('acme', [
  { code: 'AF', status: 'in_transit', substatus: 'in_transit.arrived_facility', actionRequired: false, description: 'Arrived at facility' },
  { code: 'HP', status: 'customs', substatus: 'customs.duties_due', reason: 'customs_duties_unpaid', actionRequired: true },
]);
const ctx: NormaliseContext = {
  carrier: 'acme',
  trackingNumber: 'AB123',
  source: 'api',
  codes,
  lookupZone: (l) => zones.zoneFor(l),
  carrierZone: 'Europe/Berlin',
  now: new Date('2026-11-27T12:00:00Z'),
};

describe('normaliseEvents', () => {
  it.each<[string, RawTrackingEvent, object]>([
    ['code through the table', { code: 'AF', occurredAt: '2026-11-20T10:00:00Z' }, { status: 'in_transit', substatus: 'in_transit.arrived_facility', description: 'Arrived at facility', carrierText: undefined }],
    ['code case-insensitively', { code: 'af', description: 'arrived', occurredAt: '2026-11-20T10:00:00Z' }, { status: 'in_transit', code: 'af', description: 'arrived', carrierText: 'arrived' }],
    ['action required from the table', { code: 'HP', occurredAt: '2026-11-20T10:00:00Z' }, { status: 'customs', actionRequired: true, reason: 'customs_duties_unpaid', description: 'Duties due' }],
    ['unknown code kept, never dropped', { code: 'ZZ', description: 'New thing', occurredAt: '2026-11-20T10:00:00Z' }, { status: 'unknown', substatus: 'unknown.unmapped_code', rank: 0 }],
    ['unified status wins over the code', { code: 'AF', status: 'delivered', substatus: 'signed', occurredAt: '2026-11-20T10:00:00Z' }, { status: 'delivered', substatus: 'delivered.signed', code: 'AF' }],
    ['location cleaned', { status: 'in_transit', occurredAt: '2026-11-20T10:00:00', location: { city: ' Bonn ', country: 'de', postalCode: '' } }, { location: { city: 'Bonn', country: 'DE' }, zoneSource: 'derived_from_location' }],
  ])('%s', (_c, raw, expected) => {
    const { events, problems } = normaliseEvents([raw], ctx);
    expect(problems).toEqual([]);
    expect(events[0]).toMatchObject(expected);
  });

  it('lists every problem of a batch with its path', () => {
    const { events, problems } = normaliseEvents(
      [
        { code: 'AF', occurredAt: '2026-11-20T10:00:00Z' },
        { occurredAt: '2026-11-20T10:00:00Z' },
        { status: 'flying', occurredAt: '2026-11-20T10:00:00Z' },
        { status: 'customs', substatus: 'signed', occurredAt: '2026-11-20T10:00:00Z' },
        { code: 'AF', occurredAt: 'soon' },
        { code: 'AF', occurredAt: '2026-12-01T00:00:00Z' },
        { code: 'AF', substatus: 'x', occurredAt: '2026-11-20T10:00:00Z' },
        { code: 7 as unknown as string, occurredAt: 12 as unknown as string },
        null as unknown as RawTrackingEvent,
      ],
      { ...ctx, path: 'rows' },
    );
    expect(problems.map((p) => p.path)).toEqual([
      'rows[1].code',
      'rows[2].status',
      'rows[3].substatus',
      'rows[4].occurredAt',
      'rows[5].occurredAt',
      'rows[6].substatus',
      'rows[7].code',
      'rows[7].occurredAt',
      'rows[7].occurredAt',
      'rows[8]',
    ]);
    // Only the good event is normalised; the service refuses the whole batch when any problem is listed.
    expect(events.map((e) => e.code)).toEqual(['AF']);
  });
});
