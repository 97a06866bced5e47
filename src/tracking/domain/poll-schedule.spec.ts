import { nextPoll } from './poll-schedule';

const h = 3_600_000;
const start = new Date('2026-11-01T00:00:00Z');
const at = (hours: number) => new Date(start.getTime() + hours * h);

describe('nextPoll', () => {
  it.each([
    ['just moved: hourly', { terminal: false, startedAt: start, lastActivityAt: at(10) }, at(11), { stop: false, delaySeconds: 3600 }],
    ['quiet for a day: every 2 h', { terminal: false, startedAt: start, lastActivityAt: at(0) }, at(24), { stop: false, delaySeconds: 7200 }],
    ['quiet for 3 days: every 6 h', { terminal: false, startedAt: start, lastActivityAt: at(0) }, at(72), { stop: false, delaySeconds: 21600 }],
    ['quiet for 10 days: every 12 h', { terminal: false, startedAt: start, lastActivityAt: at(0) }, at(240), { stop: false, delaySeconds: 43200 }],
    ['terminal: stop', { terminal: true, startedAt: start, lastActivityAt: at(0) }, at(1), { stop: true, reason: 'terminal' }],
    ['older than the limit: stop', { terminal: false, startedAt: start, lastActivityAt: at(700) }, at(30 * 24), { stop: true, reason: 'max_age' }],
  ])('%s', (_c, state, now, expected) => {
    expect(nextPoll(state, now, 30)).toEqual(expected);
  });

  it('never polls faster as a parcel stays quiet', () => {
    let previous = 0;
    for (let hours = 0; hours < 24 * 30; hours += 5) {
      const d = nextPoll({ terminal: false, startedAt: start, lastActivityAt: start }, at(hours), 60);
      if (d.stop) throw new Error('stopped early');
      expect(d.delaySeconds).toBeGreaterThanOrEqual(previous);
      previous = d.delaySeconds;
    }
  });
});
