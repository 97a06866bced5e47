import fc from 'fast-check';
import { decide, windowsAt } from './sliding-window';

const rule = (limit: number, windowSeconds = 60) => ({ name: 't', limit, windowSeconds });

describe('windowsAt', () => {
  it.each([
    [0, 60, 0, -60000, 0],
    [59_999, 60, 0, -60000, 59_999],
    [60_000, 60, 60_000, 0, 0],
    [125_500, 60, 120_000, 60_000, 5_500],
  ])('at %d ms with %d s windows: current %d, previous %d, elapsed %d', (now, w, cur, prev, elapsed) => {
    expect(windowsAt(now, w)).toEqual({ currentStart: cur, previousStart: prev, elapsedMs: elapsed });
  });
});

describe('decide (sliding window estimate)', () => {
  it.each`
    limit | current | previous | elapsedMs | allowed  | remaining | retryAfter | case
    ${5}  | ${1}    | ${0}     | ${0}      | ${true}  | ${4}      | ${0}       | ${'first hit'}
    ${5}  | ${5}    | ${0}     | ${10_000} | ${true}  | ${0}      | ${62}      | ${'last allowed hit; the next fits 12 s into the next window (5 * 0.8 = 4)'}
    ${5}  | ${6}    | ${0}     | ${10_000} | ${false} | ${0}      | ${70}      | ${'over: 6 * (1 - t/60) <= 4 needs 20 s into the next window, 50 + 20'}
    ${5}  | ${1}    | ${10}    | ${30_000} | ${false} | ${0}      | ${12}      | ${'previous window half overlapping: 10*0.5 + 1 = 6 > 5'}
    ${5}  | ${1}    | ${10}    | ${54_000} | ${true}  | ${3}      | ${0}       | ${'previous window mostly gone: 10*0.1 + 1 = 2'}
    ${1}  | ${1}    | ${0}     | ${0}      | ${true}  | ${0}      | ${120}     | ${'limit 1: the next hit waits until both windows are clear'}
    ${60} | ${30}   | ${60}    | ${30_000} | ${true}  | ${0}      | ${1}       | ${'exactly at the limit: 60*0.5 + 30 = 60'}
  `('$case', ({ limit, current, previous, elapsedMs, allowed, remaining, retryAfter }) => {
    const d = decide(rule(limit), current, previous, elapsedMs);
    expect(d.allowed).toBe(allowed);
    expect(d.remaining).toBe(remaining);
    expect(d.retryAfterSeconds).toBe(retryAfter);
    expect(d.limit).toBe(limit);
  });

  it('Retry-After is honest: waiting that long lets exactly one more hit through', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 59_999 }),
        (limit, current, previous, elapsedMs) => {
          const d = decide(rule(limit), current, previous, elapsedMs);
          if (d.retryAfterSeconds === 0) return;
          // Replay the windows as they would be after waiting: one more hit must fit then.
          const later = elapsedMs + d.retryAfterSeconds * 1000;
          let cur = current;
          let prev = previous;
          let at = later;
          if (later >= 60_000 * 2) {
            cur = 0;
            prev = 0;
            at = later - 120_000;
          } else if (later >= 60_000) {
            prev = current;
            cur = 0;
            at = later - 60_000;
          }
          expect(decide(rule(limit), cur + 1, prev, at).allowed).toBe(true);
        },
      ),
    );
  });

  it('never allows more than the limit within any 60 s span when hits are counted one by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 200 }), (limit, gaps) => {
        const counts = new Map<number, number>();
        const accepted: number[] = [];
        let t = 0;
        for (const gap of gaps) {
          t += gap;
          const { currentStart, previousStart, elapsedMs } = windowsAt(t, 60);
          const cur = (counts.get(currentStart) ?? 0) + 1;
          counts.set(currentStart, cur);
          if (decide(rule(limit), cur, counts.get(previousStart) ?? 0, elapsedMs).allowed) accepted.push(t);
        }
        // The estimate may undercount by the share of the previous window, but never lets more than
        // 2x the limit through in one fixed window pair; in any 60 s span at most 2 * limit.
        for (const start of accepted) {
          expect(accepted.filter((x) => x >= start && x < start + 60_000).length).toBeLessThanOrEqual(2 * limit);
        }
      }),
    );
  });
});
