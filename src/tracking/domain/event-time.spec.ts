import { resolveEventTime, EventTimeError, type ZoneLookup } from './event-time';
import { TimeZoneTable } from './time-zone-table';

const zones = new TimeZoneTable([
  { country: 'DE', zone: 'Europe/Berlin', regions: [], cities: ['Berlin', 'Leipzig'] },
  { country: 'DE', zone: 'Europe/Busingen', regions: [], cities: ['Busingen'] },
  { country: 'US', zone: 'America/New_York', regions: ['NY', 'GA'], cities: ['New York'] },
  { country: 'US', zone: 'America/Chicago', regions: ['TN', 'IL'], cities: ['Chicago', 'Memphis'] },
  { country: 'US', zone: 'America/Los_Angeles', regions: ['CA'], cities: ['Los Angeles'] },
  { country: 'JP', zone: 'Asia/Tokyo', regions: [], cities: ['Tokyo'] },
  { country: 'IN', zone: 'Asia/Kolkata', regions: [], cities: ['Kolkata'] },
]);
const lookup: ZoneLookup = (l) => zones.zoneFor(l);

describe('resolveEventTime', () => {
  it.each([
    // [case, input, location, carrier zone, expected local, offset, utc ISO, source]
    ['FedEx style offset', { occurredAt: '2026-02-02T12:01:00-07:00' }, undefined, undefined, '2026-02-02T12:01:00', -420, '2026-02-02T19:01:00.000Z', 'carrier_offset'],
    ['compact offset', { occurredAt: '2026-02-02T12:01:00+0530' }, undefined, undefined, '2026-02-02T12:01:00', 330, '2026-02-02T06:31:00.000Z', 'carrier_offset'],
    ['UTC stamp, local derived from location', { occurredAt: '2026-07-01T08:00:00Z' }, { country: 'DE', city: 'Leipzig' }, undefined, '2026-07-01T10:00:00', 120, '2026-07-01T08:00:00.000Z', 'carrier_utc'],
    ['UTC stamp without location', { occurredAt: '2026-07-01T08:00:00.123Z' }, undefined, undefined, '2026-07-01T08:00:00', 0, '2026-07-01T08:00:00.000Z', 'carrier_utc'],
    ['UPS local + gmt fields', { occurredAt: '2026-11-26T21:30:00', occurredAtUtc: '2026-11-27T02:30:00' }, { country: 'US', city: 'Atlanta' }, undefined, '2026-11-26T21:30:00', -300, '2026-11-27T02:30:00.000Z', 'carrier_gmt_field'],
    ['USPS GMTTimestamp with Z', { occurredAt: '2026-11-26 21:30', occurredAtUtc: '2026-11-27T02:30:00Z' }, undefined, undefined, '2026-11-26T21:30:00', -300, '2026-11-27T02:30:00.000Z', 'carrier_gmt_field'],
    ['UPS gmtOffset', { occurredAt: '2026-11-26T21:30:00', utcOffset: '-05:00' }, undefined, undefined, '2026-11-26T21:30:00', -300, '2026-11-27T02:30:00.000Z', 'carrier_gmt_field'],
    ['local, zone from single-zone country (winter)', { occurredAt: '2026-01-10T09:00:00' }, { country: 'JP' }, undefined, '2026-01-10T09:00:00', 540, '2026-01-10T00:00:00.000Z', 'derived_from_location'],
    ['local, Germany counts as one zone (summer time)', { occurredAt: '2026-07-10T09:00:00' }, { country: 'DE', city: 'Bonn' }, undefined, '2026-07-10T09:00:00', 120, '2026-07-10T07:00:00.000Z', 'derived_from_location'],
    ['local, US zone from region', { occurredAt: '2026-07-10T09:00:00' }, { country: 'US', region: 'TN' }, undefined, '2026-07-10T09:00:00', -300, '2026-07-10T14:00:00.000Z', 'derived_from_location'],
    ['local, US zone from ISO 3166-2 region', { occurredAt: '2026-07-10T09:00:00' }, { country: 'US', region: 'US-CA' }, undefined, '2026-07-10T09:00:00', -420, '2026-07-10T16:00:00.000Z', 'derived_from_location'],
    ['local, US zone from city', { occurredAt: '2026-01-10T09:00:00' }, { country: 'us', city: 'MEMPHIS' }, undefined, '2026-01-10T09:00:00', -360, '2026-01-10T15:00:00.000Z', 'derived_from_location'],
    ['local, US city unknown: carrier home zone assumed', { occurredAt: '2026-01-10T09:00:00' }, { country: 'US', city: 'Smallville' }, 'America/New_York', '2026-01-10T09:00:00', -300, '2026-01-10T14:00:00.000Z', 'assumed_carrier_zone'],
  ])('%s', (_case, input, location, carrierZone, local, offset, utc, source) => {
    const t = resolveEventTime(input, location, lookup, carrierZone);
    expect(t.local).toBe(local);
    expect(t.utcOffsetMinutes).toBe(offset);
    expect(t.utc?.toISOString()).toBe(utc);
    expect(t.zoneSource).toBe(source);
    expect(t.sortAt.toISOString()).toBe(utc);
    expect(t.raw).toBe(input.occurredAt);
  });

  it('reads a repeated local time the same way, also next to clock changes', () => {
    const berlin = { country: 'DE', city: 'Bonn' };
    const cases: [string, number, string][] = [
      ['2026-07-10T09:00:00', 120, '2026-07-10T07:00:00.000Z'],
      // The last hour of summer time, the first of winter time, and the hour between.
      ['2026-10-25T00:30:00', 120, '2026-10-24T22:30:00.000Z'],
      ['2026-10-25T04:30:00', 60, '2026-10-25T03:30:00.000Z'],
      ['2026-03-29T01:30:00', 60, '2026-03-29T00:30:00.000Z'],
      ['2026-03-29T03:30:00', 120, '2026-03-29T01:30:00.000Z'],
    ];
    const ambiguous = resolveEventTime({ occurredAt: '2026-10-25T02:30:00' }, berlin, lookup);
    for (let round = 0; round < 3; round++) {
      for (const [occurredAt, offset, utc] of cases) {
        const t = resolveEventTime({ occurredAt }, berlin, lookup);
        expect([t.utcOffsetMinutes, t.utc?.toISOString(), t.sortAt.toISOString()]).toEqual([offset, utc, utc]);
      }
      const again = resolveEventTime({ occurredAt: '2026-10-25T02:30:00' }, berlin, lookup);
      expect([again.utcOffsetMinutes, again.utc?.toISOString()]).toEqual([ambiguous.utcOffsetMinutes, ambiguous.utc?.toISOString()]);
      expect([60, 120]).toContain(again.utcOffsetMinutes);
      expect(() => resolveEventTime({ occurredAt: '2026-02-30T10:00:00' }, berlin, lookup)).toThrow(EventTimeError);
      expect(resolveEventTime({ occurredAt: '2026-02-28T10:00' }, berlin, lookup).local).toBe('2026-02-28T10:00:00');
    }
    // Same wall time, other zone: its own reading.
    const ny = resolveEventTime({ occurredAt: '2026-07-10T09:00:00' }, { country: 'US', region: 'NY' }, lookup);
    expect(ny.utc?.toISOString()).toBe('2026-07-10T13:00:00.000Z');
  });

  it('never stamps a local time as UTC: with nothing to go on the instant stays empty', () => {
    const t = resolveEventTime({ occurredAt: '2026-01-10T09:00:00' }, { country: 'US', city: 'Smallville' }, lookup);
    expect(t).toMatchObject({ local: '2026-01-10T09:00:00', utc: null, utcOffsetMinutes: null, zoneSource: 'unknown' });
    expect(t.sortAt.toISOString()).toBe('2026-01-10T09:00:00.000Z');
  });

  it.each([
    ['not a date', 'yesterday'],
    ['date only', '2026-01-10'],
    ['impossible day', '2026-02-30T10:00:00'],
    ['bad offset', '2026-01-10T10:00:00+25:00'],
    ['bad minutes in offset', '2026-01-10T10:00:00+01:75'],
  ])('rejects %s', (_c, occurredAt) => {
    expect(() => resolveEventTime({ occurredAt }, undefined, lookup)).toThrow(EventTimeError);
  });

  it('rejects a "UTC" field that carries a non-zero offset and local/UTC pairs too far apart', () => {
    expect(() => resolveEventTime({ occurredAt: '2026-01-10T10:00:00', occurredAtUtc: '2026-01-10T10:00:00+02:00' }, undefined, lookup)).toThrow(EventTimeError);
    expect(() => resolveEventTime({ occurredAt: '2026-01-10T10:00:00', occurredAtUtc: '2026-01-11T10:00:00Z' }, undefined, lookup)).toThrow(EventTimeError);
  });
});
