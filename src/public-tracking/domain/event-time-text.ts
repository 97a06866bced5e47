/**
 * Small helpers for wall-clock event times (`YYYY-MM-DDTHH:mm:ss` where the event happened), kept
 * free of date libraries because the page formats dozens of them per view.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/** The wall time read as if it were UTC, in ms (a key for offset arithmetic, not an instant). */
export function wallClockMs(local: string): number | undefined {
  const m = WALL.exec(local);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

/** The wall time with its offset (`2026-11-27T14:05:00+01:00`) when known; never a local time stamped `Z`. */
export function isoWithOffset(local: string, offsetMinutes: number | null): string {
  if (offsetMinutes === null) return local;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
