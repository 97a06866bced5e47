import type { CarrierDefinition } from '../carriers/carrier-definition';
import type { RawTrackingEvent } from './domain/event-normalisation';

/** A push as received on `POST /v1/carriers/:carrier/webhooks`, before anything is trusted. */
export interface CarrierPush {
  /** The exact bytes received: signatures are computed over these, never over re-serialised JSON. */
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
  now: Date;
}

/** Events of one parcel found in a push. */
export interface PushBatch {
  trackingNumber: string;
  events: RawTrackingEvent[];
  estimatedDelivery?: { earliest: string; latest: string };
}

export type PushVerification =
  | { ok: true; /** The sender's id of this push, for replay detection; a hash of the body when it has none. */ pushId?: string }
  | { ok: false; reason: 'bad_signature' | 'stale_timestamp' | 'missing_signature' | 'not_configured' };

/**
 * How one carrier's pushes are authenticated and read. Implementations verify over the raw body with
 * a constant-time comparison and enforce their scheme's replay window; the route then refuses a push
 * id seen before. API carrier adapters take part by offering `verifyPush` and `parsePush` (see
 * `adapterPushHandler`); carriers without their own scheme use Parcelwise's signed format.
 *
 * @example
 * const handler: CarrierPushHandler = {
 *   verify: (carrier, push) => (hmacMatches(push.rawBody, push.headers['x-sig']) ? { ok: true } : { ok: false, reason: 'bad_signature' }),
 *   parse: (carrier, body) => [{ trackingNumber: body.number, events: [...] }],
 * };
 */
export interface CarrierPushHandler {
  verify(carrier: CarrierDefinition, push: CarrierPush): PushVerification;
  parse(carrier: CarrierDefinition, body: unknown): PushBatch[];
}
