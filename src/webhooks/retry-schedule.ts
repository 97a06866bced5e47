/**
 * When to try a failed webhook delivery again. `schedule[n]` is the delay before attempt n+1 (the
 * first entry, usually 0, is the first attempt). Each delay gets up to `jitter` (20%) added so that
 * endpoints coming back from an outage are not hit by every retry in the same second. A target's
 * Retry-After is honoured when it asks for longer, up to the largest scheduled delay.
 *
 * Returns the delay in seconds before the next attempt, or undefined when attempts are exhausted.
 */
export function nextAttemptDelay(
  attemptsMade: number,
  schedule: readonly number[],
  random: () => number = Math.random,
  retryAfterSeconds?: number,
  jitter = 0.2,
): number | undefined {
  if (attemptsMade >= schedule.length) return undefined;
  const base = schedule[attemptsMade];
  let delay = base + base * jitter * random();
  if (retryAfterSeconds !== undefined && retryAfterSeconds > delay) delay = Math.min(retryAfterSeconds, Math.max(...schedule));
  return Math.round(delay * 1000) / 1000;
}

/** Total time from the first attempt to the last, without jitter (about three days by default). */
export function scheduleSpanSeconds(schedule: readonly number[]): number {
  return schedule.slice(1).reduce((a, b) => a + b, 0);
}

/** What a target's answer means for the delivery (Standard Webhooks guidance). */
export type DeliveryVerdict = 'delivered' | 'disable_endpoint' | 'retry';

export function judgeResponse(status: number | undefined): DeliveryVerdict {
  if (status === undefined) return 'retry';
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'disable_endpoint';
  // 3xx counts as a failure: redirects are not followed, the merchant must register the final URL.
  return 'retry';
}

/** Parses a Retry-After header (seconds or an HTTP date) into seconds from `now`. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.round((at - now.getTime()) / 1000));
}
