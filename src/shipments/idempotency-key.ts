import { AppError } from '../platform/errors/app-error';

/** Printable ASCII, 1 to 255 characters: UUIDs, ULIDs and order-derived keys all fit. */
const KEY = /^[\x21-\x7e]{1,255}$/;

export function requireIdempotencyKey(value: string | string[] | undefined, path = 'Idempotency-Key'): string {
  const key = Array.isArray(value) ? value[0] : value;
  if (key === undefined || key === '') {
    throw new AppError(400, 'IDEMPOTENCY_KEY_REQUIRED', 'Bookings need an Idempotency-Key header so that a retry never buys a second label', [
      { path, message: 'required (e.g. a UUID per booking)' },
    ]);
  }
  if (!KEY.test(key)) throw AppError.validation([{ path, message: 'must be 1 to 255 printable ASCII characters without spaces' }]);
  return key;
}
