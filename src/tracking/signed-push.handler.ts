import type { CarrierDefinition } from '../carriers/carrier-definition';
import type { CarrierPush, CarrierPushHandler, PushBatch, PushVerification } from './carrier-push';
import { signPush, verifyPushSignature } from './push-signature';

/**
 * Parcelwise's own push format for carriers and partners without a scheme of their own: Standard
 * Webhooks headers (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`)
 * with the carrier's secret from CARRIER_WEBHOOK_SECRETS, and a body of
 * `{ "trackingNumber", "events": [...same as POST /v1/tracking-events...], "estimatedDelivery"? }`
 * or `{ "shipments": [ ...those... ] }`.
 */
export class SignedPushHandler implements CarrierPushHandler {
  constructor(
    private readonly secret: string,
    private readonly toleranceSeconds: number,
  ) {}

  verify(_carrier: CarrierDefinition, push: CarrierPush): PushVerification {
    const h = (name: string) => {
      const v = push.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const id = h('webhook-id');
    const timestamp = h('webhook-timestamp');
    const signature = h('webhook-signature');
    if (!id || !timestamp || !signature) return { ok: false, reason: 'missing_signature' };
    const result = verifyPushSignature(this.secret, { id, timestamp, signature }, push.rawBody, Math.floor(push.now.getTime() / 1000), this.toleranceSeconds);
    return result === 'ok' ? { ok: true, pushId: id } : { ok: false, reason: result };
  }

  parse(_carrier: CarrierDefinition, body: unknown): PushBatch[] {
    const b = body as { shipments?: unknown };
    const list = Array.isArray(b?.shipments) ? b.shipments : [body];
    return list as PushBatch[];
  }

  /** Signs a body the way a sender must (for partners' integration tests and our own). */
  static sign(secret: string, id: string, timestampSeconds: number, body: Buffer | string): string {
    return signPush(secret, id, timestampSeconds, body);
  }
}
