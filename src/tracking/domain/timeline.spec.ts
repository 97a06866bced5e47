import fc from 'fast-check';
import { eventDedupeKey } from './event-fingerprint';
import { buildTimeline } from './timeline';
import { STATUS_RANK, TRACKING_STATUSES, SUBSTATUSES, type TrackingStatus } from './tracking-status';
import type { TimelineEvent } from './timeline-event';

const base = Date.UTC(2026, 10, 1);

/** Events as a carrier might send them: many share a minute, some statuses repeat. */
const eventArb = fc
  .record({
    status: fc.constantFrom(...TRACKING_STATUSES),
    detail: fc.nat(9),
    minute: fc.nat(60 * 24 * 10),
    code: fc.constantFrom('PU', 'AR', 'DF', 'OD', 'DL', 'CA', 'X1', 'RS'),
    city: fc.constantFrom('Leipzig', 'Memphis', 'Tokyo', ''),
    source: fc.constantFrom('api', 'csv', 'scan', 'webhook', 'poll') as fc.Arbitrary<TimelineEvent['source']>,
    withEventId: fc.boolean(),
    eventId: fc.uuid(),
  })
  .map((r): TimelineEvent => {
    const status = r.status as TrackingStatus;
    const details = SUBSTATUSES[status];
    const at = new Date(base + r.minute * 60_000);
    return {
      key: eventDedupeKey({
        carrier: 'acme',
        trackingNumber: 'RR123456785DE',
        carrierEventId: r.withEventId ? r.eventId : undefined,
        code: r.code,
        utc: at,
        local: at.toISOString().slice(0, 19),
        location: { city: r.city, country: 'DE' },
      }),
      status,
      substatus: `${status}.${details[r.detail % details.length]}`,
      actionRequired: false,
      rank: STATUS_RANK[status],
      code: r.code,
      description: `${r.code} ${status}`,
      source: r.source,
      sortAt: at,
      utc: at,
      local: at.toISOString().slice(0, 19),
      utcOffsetMinutes: 0,
      zoneSource: 'carrier_offset',
      location: r.city ? { city: r.city, country: 'DE' } : undefined,
    };
  });

/** Distinct events: one report per key (duplicates are added by the property itself). */
const distinctEvents = fc.uniqueArray(eventArb, { selector: (e) => e.key, maxLength: 25 });

const summary = (t: ReturnType<typeof buildTimeline>) => ({
  order: t.events.map((e) => e.key),
  status: { ...t.status, statusAt: t.status.statusAt?.toISOString() ?? null },
});

describe('timeline: order and status do not depend on arrival', () => {
  it('any shuffle and duplication of the same events gives the same timeline and status', () => {
    fc.assert(
      fc.property(
        distinctEvents,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 60, maxLength: 60 }),
        (events, dupPicks, randoms) => {
          const reference = summary(buildTimeline(events));
          const withDuplicates = [...events, ...(events.length ? dupPicks.map((i) => ({ ...events[i % events.length] })) : [])];
          // Fisher-Yates with the generated randoms, so that fast-check can shrink the order.
          const shuffled = [...withDuplicates];
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = randoms[i] % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
          }
          expect(summary(buildTimeline(shuffled))).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the timeline is in occurrence order and has one event per key', () => {
    fc.assert(
      fc.property(distinctEvents, (events) => {
        const t = buildTimeline([...events, ...events]);
        expect(t.events).toHaveLength(events.length);
        for (let i = 1; i < t.events.length; i++) {
          expect(t.events[i - 1].sortAt.getTime()).toBeLessThanOrEqual(t.events[i].sortAt.getTime());
        }
      }),
    );
  });

  it('a terminal status never gives way to a later warehouse scan', () => {
    fc.assert(
      fc.property(distinctEvents, (events) => {
        const t = buildTimeline(events);
        if (!t.status.terminal) return;
        const after = t.events.filter((e) => e.sortAt > (t.status.statusAt as Date) && e.source === 'scan');
        expect(after.every((e) => e.key !== t.status.statusEventKey)).toBe(true);
      }),
    );
  });

  it('a changed description updates the event instead of adding one (last report wins)', () => {
    const [first] = fc.sample(eventArb, 1);
    const reworded = { ...first, description: 'Arrived at the sorting centre (corrected)' };
    const t = buildTimeline([first, reworded]);
    expect(t.events).toHaveLength(1);
    expect(t.events[0].description).toBe('Arrived at the sorting centre (corrected)');
  });
});
