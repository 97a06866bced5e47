import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring grants of the verified view, bound to one tracking token:
 * - `session`: set as a cookie after the buyer entered the right postal code;
 * - `link`: a merchant's email link (`/t/<token>?v=<grant>`), signed by the service for the merchant.
 *
 * Format `<expiry in seconds since epoch, base 36>.<base64url HMAC-SHA256 of kind|token-hash|expiry>`.
 * The token itself is hashed into the MAC input so that the grant is useless for any other token.
 */
export type GrantKind = 'session' | 'link';

export function signGrant(key: Buffer, kind: GrantKind, token: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${exp}.${mac(key, kind, token, exp)}`;
}

/** The grant's expiry when it is genuine, for this token and kind, and not expired; undefined otherwise. */
export function verifyGrant(key: Buffer, kind: GrantKind, token: string, grant: string | undefined, now: Date): Date | undefined {
  if (!grant || grant.length > 100) return undefined;
  const m = /^([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(grant);
  if (!m) return undefined;
  const expected = Buffer.from(mac(key, kind, token, m[1]));
  const given = Buffer.from(m[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  const expiresAt = new Date(parseInt(m[1], 36) * 1000);
  return expiresAt.getTime() > now.getTime() ? expiresAt : undefined;
}

/** The cookie that carries a session grant: one per token, named by a short hash of it (the token never appears in a cookie name). */
export function grantCookieName(token: string): string {
  return `pwv_${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
}

function mac(key: Buffer, kind: GrantKind, token: string, exp: string): string {
  const tokenHash = createHash('sha256').update(token).digest('hex');
  return createHmac('sha256', key).update(`${kind}|${tokenHash}|${exp}`).digest('base64url');
}
