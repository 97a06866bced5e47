/** Why a carrier call failed, normalised across carriers; retries are decided from this code. */
export type CarrierErrorCode = 'TIMEOUT' | 'RATE_LIMITED' | 'AUTH' | 'INVALID_REQUEST' | 'UNAVAILABLE' | 'UNKNOWN';

/**
 * The one error type carrier adapters throw. `carrierMessage` keeps what the carrier said (never
 * credentials), `retryAfterMs` carries a 429's `Retry-After`.
 */
export class CarrierError extends Error {
  constructor(
    readonly carrier: string,
    readonly code: CarrierErrorCode,
    message: string,
    readonly options: { carrierMessage?: string; httpStatus?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'CarrierError';
  }

  /** Safe to retry for idempotent calls (rates, tracking, tokens). */
  get retryable(): boolean {
    return this.code === 'TIMEOUT' || this.code === 'RATE_LIMITED' || this.code === 'UNAVAILABLE';
  }
}
