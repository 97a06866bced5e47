import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Checks a FedEx tracking webhook: `fdx-signature` is the Base64 HMAC-SHA256 of the raw request body
 * keyed with the project's security token (FedEx Advanced Integrated Visibility validation process).
 * The body must be the bytes as received (re-serialised JSON would not match). Constant-time compare;
 * false when no secret is configured or the header is missing.
 */
export function verifyFedexSignature(rawBody: Buffer | string, signature: string | string[] | undefined, secret: string | undefined): boolean {
  if (!secret) return false;
  const header = Array.isArray(signature) ? signature[0] : signature;
  if (!header) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  let given: Buffer;
  try {
    given = Buffer.from(header.trim(), 'base64');
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Signs a body the way FedEx does (for tests and the emulator). */
export function signFedexBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}
