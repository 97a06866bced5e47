import { DateTime } from 'luxon';

/**
 * The service's one source of "now". Inject it instead of calling `Date.now()` so that tests can
 * move time (quote expiry, cut-off times, webhook retry schedules).
 */
export class Clock {
  now(): Date {
    return new Date();
  }

  nowDateTime(zone = 'UTC'): DateTime {
    return DateTime.fromJSDate(this.now(), { zone });
  }
}

/** A clock that stands still until told to move; for tests. */
export class FixedClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current.getTime());
  }

  set(date: Date | string): void {
    this.current = new Date(date);
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
