import { judgeResponse, nextAttemptDelay, parseRetryAfter, scheduleSpanSeconds } from './retry-schedule';

const SCHEDULE = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

describe('webhook retry schedule', () => {
  it.each([
    [1, () => 0, 5],
    [1, () => 1, 6],
    [2, () => 0.5, 330],
    [9, () => 0, 86400],
    [10, () => 0, undefined],
  ])('after %i attempts (random %p) waits %p s', (made, random, expected) => {
    expect(nextAttemptDelay(made, SCHEDULE, random)).toBe(expected);
  });

  it('spreads retries over about three days', () => {
    const days = scheduleSpanSeconds(SCHEDULE) / 86400;
    expect(days).toBeGreaterThan(3);
    expect(days).toBeLessThan(3.3);
  });

  it('honours a longer Retry-After, capped at the longest delay', () => {
    expect(nextAttemptDelay(1, SCHEDULE, () => 0, 120)).toBe(120);
    expect(nextAttemptDelay(1, SCHEDULE, () => 0, 10 ** 7)).toBe(86400);
    expect(nextAttemptDelay(3, SCHEDULE, () => 0, 10)).toBe(1800);
  });

  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [301, 'retry'],
    [400, 'retry'],
    [410, 'disable_endpoint'],
    [429, 'retry'],
    [500, 'retry'],
    [undefined, 'retry'],
  ])('status %p -> %s', (status, verdict) => {
    expect(judgeResponse(status)).toBe(verdict);
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Fri, 27 Nov 2026 10:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
