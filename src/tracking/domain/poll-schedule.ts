/**
 * When to poll an API carrier again for a parcel. The cadence decays with the time since the parcel
 * last moved (a parcel that moved an hour ago will likely move again soon; one silent for a week
 * will not), and polling stops once the status is terminal or the parcel is older than the limit.
 */
export interface PollState {
  terminal: boolean;
  /** When polling of this parcel began. */
  startedAt: Date;
  /** When the last new event was seen (or polling began, before any). */
  lastActivityAt: Date;
}

export type PollDecision = { stop: true; reason: 'terminal' | 'max_age' } | { stop: false; delaySeconds: number };

/** Hours since the last activity -> seconds until the next poll. */
export const POLL_CADENCE: ReadonlyArray<{ untilHours: number; everySeconds: number }> = [
  { untilHours: 12, everySeconds: 3600 },
  { untilHours: 48, everySeconds: 2 * 3600 },
  { untilHours: 7 * 24, everySeconds: 6 * 3600 },
  { untilHours: Infinity, everySeconds: 12 * 3600 },
];

export function nextPoll(state: PollState, now: Date, maxAgeDays: number): PollDecision {
  if (state.terminal) return { stop: true, reason: 'terminal' };
  if (now.getTime() - state.startedAt.getTime() >= maxAgeDays * 86_400_000) return { stop: true, reason: 'max_age' };
  const quietHours = Math.max(0, now.getTime() - state.lastActivityAt.getTime()) / 3_600_000;
  const step = POLL_CADENCE.find((s) => quietHours < s.untilHours) ?? POLL_CADENCE[POLL_CADENCE.length - 1];
  return { stop: false, delaySeconds: step.everySeconds };
}
