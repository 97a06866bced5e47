import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over `{id}.{timestamp}.{raw body}`, base64, as `v1,<mac>` (Standard Webhooks layout). */
export function signPush(secret: string, id: string, timestampSeconds: number, body: Buffer | string): string {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const mac = createHmac('sha256', key);
  mac.update(`${id}.${timestampSeconds}.`, 'utf8');
  mac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return `v1,${mac.digest('base64')}`;
}

/** Constant-time check of any `v1,` signature in the header, inside the replay window. */
export function verifyPushSignature(
  secret: string,
  h: { id: string; timestamp: string; signature: string },
  rawBody: Buffer,
  nowSeconds: number,
  toleranceSeconds: number,
): 'ok' | 'bad_signature' | 'stale_timestamp' {
  const ts = Number(h.timestamp);
  if (!/^\d{1,12}$/.test(h.timestamp) || Math.abs(nowSeconds - ts) > toleranceSeconds) return 'stale_timestamp';
  const expected = Buffer.from(signPush(secret, h.id, ts, rawBody).slice(3), 'base64');
  for (const part of h.signature.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return 'ok';
  }
  return 'bad_signature';
}
