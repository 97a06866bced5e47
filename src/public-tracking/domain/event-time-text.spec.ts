import { isoWithOffset, wallClockMs } from './event-time-text';

describe('event time text', () => {
  it.each([
    ['2026-11-27T14:05:00', 60, '2026-11-27T14:05:00+01:00'],
    ['2026-11-27T14:05:00', -330, '2026-11-27T14:05:00-05:30'],
    ['2026-11-27T14:05:00', 0, '2026-11-27T14:05:00+00:00'],
    ['2026-11-27T14:05:00', 345, '2026-11-27T14:05:00+05:45'],
    ['2026-11-27T14:05:00', null, '2026-11-27T14:05:00'],
  ])('isoWithOffset(%s, %s) = %s (a local time is never stamped Z)', (local, offset, iso) => {
    expect(isoWithOffset(local, offset)).toBe(iso);
  });

  it.each([
    ['2026-11-27T14:05:00', Date.UTC(2026, 10, 27, 14, 5, 0)],
    ['2026-11-27T14:05', Date.UTC(2026, 10, 27, 14, 5, 0)],
    ['2026-02-29T00:00:00', Date.UTC(2026, 2, 1, 0, 0, 0)],
    ['yesterday', undefined],
  ])('wallClockMs(%s)', (local, ms) => {
    expect(wallClockMs(local)).toBe(ms);
  });
});
