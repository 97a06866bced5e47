import type { CarrierErrorCode } from '../carrier-error';

/**
 * Maps a carrier's HTTP status to our error code. 504 and 408 count as timeouts (the carrier's
 * gateway gave up), other 5xx as the carrier being unavailable; both are retryable for safe calls.
 */
export function codeForHttpStatus(status: number): CarrierErrorCode {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 408 || status === 504) return 'TIMEOUT';
  if (status >= 500) return 'UNAVAILABLE';
  if (status >= 400) return 'INVALID_REQUEST';
  return 'UNKNOWN';
}

/** Network-level failures (no HTTP answer at all) by Node/axios error code. */
export function codeForNetworkError(errorCode: string | undefined): CarrierErrorCode {
  switch (errorCode) {
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return 'TIMEOUT';
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ERR_SOCKET_CONNECTION_TIMEOUT':
      return 'UNAVAILABLE';
    default:
      return 'UNAVAILABLE';
  }
}

/**
 * Reads `Retry-After` (RFC 9110: delay in seconds, or an HTTP date) into milliseconds from `now`.
 * Returns undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw.trim() === '') return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}
