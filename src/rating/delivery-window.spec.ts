import { BusinessCalendar, fromEpochDay, toEpochDay, type Weekday, weekdayOf, WeekendTable } from './business-calendar';
import { deliveryWindow, type DeliveryWindowInput, localNow } from './delivery-window';
import { PublicHolidays } from './public-holidays';

const calendar = new BusinessCalendar(new WeekendTable(new Map([['SA', new Set<Weekday>([5, 6])]])), new PublicHolidays());

const input = (over: Partial<DeliveryWindowInput>): DeliveryWindowInput => ({
  now: { date: '2026-11-25', time: '10:00' },
  shipDate: '2026-11-25',
  cutoff: '18:00',
  origin: { country: 'DE' },
  destination: { country: 'US' },
  transit: { minDays: 1, maxDays: 3 },
  ...over,
});

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['2026-11-26', 20_783, 4],
    ['2026-11-28', 20_785, 6],
    ['2024-02-29', 19_782, 4],
  ])('%s is day %p, weekday %p', (date, day, weekday) => {
    expect(toEpochDay(date)).toBe(day);
    expect(fromEpochDay(day)).toBe(date);
    expect(weekdayOf(day)).toBe(weekday);
  });
});

describe('deliveryWindow', () => {
  it.each<[string, Partial<DeliveryWindowInput>, string, string, string, string[]]>([
    ['before the cut-off, over Thanksgiving', {}, '2026-11-25', '2026-11-27', '2026-12-01', ['2026-11-26 US Thanksgiving Day']],
    // Picked up on Thanksgiving (a German working day); transit starts the next day.
    ['after the cut-off: next working day', { now: { date: '2026-11-25', time: '18:00' } }, '2026-11-26', '2026-11-27', '2026-12-01', []],
    ['no cut-off: same day whatever the time', { cutoff: undefined, now: { date: '2026-11-25', time: '23:59' } }, '2026-11-25', '2026-11-27', '2026-12-01', ['2026-11-26 US Thanksgiving Day']],
    ['a later ship date ignores today\'s cut-off', { shipDate: '2026-11-30', now: { date: '2026-11-25', time: '20:00' } }, '2026-11-30', '2026-12-01', '2026-12-03', []],
    ['Friday after the cut-off: Monday', { shipDate: '2026-11-27', now: { date: '2026-11-27', time: '19:00' } }, '2026-11-30', '2026-12-01', '2026-12-03', []],
    ['Saturday ship date: Monday', { shipDate: '2026-11-28' }, '2026-11-30', '2026-12-01', '2026-12-03', []],
    ['a past ship date starts today', { shipDate: '2026-11-20' }, '2026-11-25', '2026-11-27', '2026-12-01', ['2026-11-26 US Thanksgiving Day']],
    ['same-day delivery', { transit: { minDays: 0, maxDays: 1 } }, '2026-11-25', '2026-11-25', '2026-11-27', ['2026-11-26 US Thanksgiving Day']],
    [
      'Christmas at the origin',
      { now: { date: '2026-12-23', time: '09:00' }, shipDate: '2026-12-24', destination: { country: 'FR' }, transit: { minDays: 1, maxDays: 2 } },
      '2026-12-24',
      '2026-12-28',
      '2026-12-29',
      ['2026-12-25 DE Christmas Day'],
    ],
    ['a holiday at the origin delays the pick-up', { now: { date: '2026-10-02', time: '09:00' }, shipDate: '2026-10-03', destination: { country: 'FR' }, transit: { minDays: 1, maxDays: 1 } }, '2026-10-05', '2026-10-06', '2026-10-06', []],
    ['a regional holiday (Epiphany in Bavaria)', { now: { date: '2026-01-06', time: '09:00' }, shipDate: '2026-01-06', origin: { country: 'DE', region: 'BY' }, destination: { country: 'AT' }, transit: { minDays: 1, maxDays: 1 } }, '2026-01-07', '2026-01-08', '2026-01-08', ['2026-01-06 DE Epiphany']],
    ['no regional holiday elsewhere in Germany', { now: { date: '2026-01-06', time: '09:00' }, shipDate: '2026-01-06', origin: { country: 'DE', region: 'NW' }, destination: { country: 'FR' }, transit: { minDays: 1, maxDays: 1 } }, '2026-01-06', '2026-01-07', '2026-01-07', []],
    // Saudi Arabia rests on Friday and Saturday: Thursday + 1 working day is Sunday.
    ['a Friday-Saturday weekend at the destination', { now: { date: '2026-11-19', time: '09:00' }, shipDate: '2026-11-19', destination: { country: 'SA' }, transit: { minDays: 1, maxDays: 2 } }, '2026-11-19', '2026-11-23', '2026-11-24', []],
  ])('%s', (_name, over, pickup, earliest, latest, holidays) => {
    const w = deliveryWindow(input(over), calendar);
    expect([w.pickupDate, w.earliest, w.latest]).toEqual([pickup, earliest, latest]);
    expect(w.holidays.map((h) => `${h.date} ${h.country} ${h.name}`)).toEqual(holidays);
  });

  it('reports a missed cut-off', () => {
    expect(deliveryWindow(input({ now: { date: '2026-11-25', time: '18:01' } }), calendar).missedCutoff).toBe(true);
    expect(deliveryWindow(input({}), calendar).missedCutoff).toBe(false);
  });
});

describe('localNow', () => {
  it.each([
    ['2026-11-25T17:30:00Z', 'Europe/Berlin', '2026-11-25', '18:30'],
    ['2026-11-25T23:30:00Z', 'Europe/Berlin', '2026-11-26', '00:30'],
    ['2026-07-01T03:00:00Z', 'America/New_York', '2026-06-30', '23:00'],
    ['2026-03-29T01:30:00Z', 'Europe/Berlin', '2026-03-29', '03:30'], // after the spring-forward change
  ])('%s in %s is %s %s', (instant, zone, date, time) => {
    expect(localNow(new Date(instant), zone)).toEqual({ date, time });
  });
});
