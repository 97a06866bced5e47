import { newWebhookSecret, signWebhook, verifyWebhook } from './webhook-signature';

// Example from the Standard Webhooks / Svix documentation.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = '{"test": 2432232314}';

describe('Standard Webhooks signing', () => {
  it('matches the published example', () => {
    expect(signWebhook(SECRET, ID, TS, BODY)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it.each([
    ['valid', { id: ID, timestamp: String(TS), signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }, BODY, TS + 10, { ok: true }],
    ['one of several (rotation)', { id: ID, timestamp: String(TS), signature: 'v1,AAAA v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }, BODY, TS, { ok: true }],
    ['body changed', { id: ID, timestamp: String(TS), signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }, '{"test": 1}', TS, { ok: false, reason: 'bad_signature' }],
    ['replayed too late', { id: ID, timestamp: String(TS), signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=' }, BODY, TS + 301, { ok: false, reason: 'timestamp_out_of_tolerance' }],
    ['headers missing', { id: ID }, BODY, TS, { ok: false, reason: 'missing_headers' }],
  ])('verify: %s', (_c, headers, body, now, expected) => {
    expect(verifyWebhook(SECRET, headers, body, now)).toEqual(expected);
  });

  it('makes secrets of 32 random bytes with the whsec_ prefix', () => {
    const s = newWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(s);
  });
});
