import { isTimeZone, stationToday } from './station-day';

const carriers = [
  { id: 'deutsche-post', timeZone: 'Europe/Berlin' },
  { id: 'ups-us', timeZone: 'America/New_York' },
  { id: 'aus-post', timeZone: 'Australia/Sydney' },
];

describe('stationToday', () => {
  it.each([
    // 23:30 UTC: already tomorrow in Berlin and Sydney, still today in New York.
    ['2026-11-27T23:30:00Z', undefined, { 'deutsche-post': '2026-11-28', 'ups-us': '2026-11-27', 'aus-post': '2026-11-28' }, '2026-11-27'],
    // 03:00 UTC: still yesterday in New York.
    ['2026-11-28T03:00:00Z', undefined, { 'deutsche-post': '2026-11-28', 'ups-us': '2026-11-27', 'aus-post': '2026-11-28' }, '2026-11-28'],
    // Summer time: Berlin is UTC+2, so 22:30 UTC is past midnight there.
    ['2026-07-01T22:30:00Z', undefined, { 'deutsche-post': '2026-07-02', 'ups-us': '2026-07-01', 'aus-post': '2026-07-02' }, '2026-07-01'],
  ])('at %s every carrier gets today in its own zone', (now, zone, byCarrier, fallback) => {
    expect(stationToday(new Date(now), carriers, zone)).toEqual({ byCarrier, fallback });
  });

  it.each([
    ['2026-11-27T23:30:00Z', 'Europe/Berlin', '2026-11-28'],
    ['2026-11-27T23:30:00Z', 'America/Los_Angeles', '2026-11-27'],
    ['2026-11-28T10:30:00Z', 'Pacific/Kiritimati', '2026-11-29'],
  ])('at %s a station in %s uses its own day for every shipment', (now, zone, day) => {
    expect(stationToday(new Date(now), carriers, zone)).toEqual({ byCarrier: {}, fallback: day });
  });

  it.each([
    ['Europe/Berlin', true],
    ['America/Argentina/Buenos_Aires', true],
    ['UTC', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['Europe/Berlin; DROP TABLE', false],
  ])('isTimeZone(%s) is %s', (zone, ok) => expect(isTimeZone(zone)).toBe(ok));
});
