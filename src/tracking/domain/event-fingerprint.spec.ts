import { eventDedupeKey, type FingerprintInput } from './event-fingerprint';

const base: FingerprintInput = {
  carrier: 'acme',
  trackingNumber: 'RR123456785DE',
  code: 'AR',
  utc: new Date('2026-11-20T08:15:42Z'),
  local: '2026-11-20T09:15:42',
  location: { city: 'Leipzig', country: 'DE' },
};

describe('eventDedupeKey', () => {
  it.each<[string, Partial<FingerprintInput>, boolean]>([
    ['same event, other seconds', { utc: new Date('2026-11-20T08:15:05Z') }, true],
    ['same event, number in lower case, city in other case', { trackingNumber: 'rr123456785de', location: { city: 'LEIPZIG', country: 'de' } }, true],
    ['another minute', { utc: new Date('2026-11-20T08:16:00Z') }, false],
    ['another code', { code: 'DF' }, false],
    ['another place', { location: { city: 'Halle', country: 'DE' } }, false],
    ['another carrier', { carrier: 'other' }, false],
  ])('%s', (_c, change, same) => {
    expect(eventDedupeKey({ ...base, ...change }) === eventDedupeKey(base)).toBe(same);
  });

  it('uses the carrier event id when there is one, whatever else differs', () => {
    const a = eventDedupeKey({ ...base, carrierEventId: 'evt-1' });
    const b = eventDedupeKey({ ...base, carrierEventId: 'evt-1', code: 'DL', utc: new Date('2026-11-21T00:00:00Z') });
    expect(a).toBe(b);
    expect(a).toBe('e:evt-1');
    expect(eventDedupeKey({ ...base, carrierEventId: 'x'.repeat(200) })).toHaveLength(66);
  });
});
