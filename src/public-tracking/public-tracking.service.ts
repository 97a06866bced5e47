import { Injectable } from '@nestjs/common';
import { Clock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import { AppError } from '../platform/errors/app-error';
import { RateLimitRule } from '../platform/rate-limit/rate-limit-rule';
import { rateLimitedError, RateLimiter, RateLimitReceipt } from '../platform/rate-limit/rate-limiter';
import { signGrant, verifyGrant } from './domain/access-grant';
import { buildPublicView } from './domain/build-public-view';
import { postalCodesMatch } from './domain/postal-code';
import type { PublicTrackingView } from './domain/public-tracking.view';
import type { Translator } from './i18n/translator';
import { Destination, PublicShipmentReader } from './public-shipment.reader';
import { AttemptKind, PublicTrackingMetrics } from './public-tracking.metrics';
import { LoadedOrder, PublicTrackingSource } from './public-tracking.source';
import { TrackingRefresher } from './tracking-refresher';
import { TrackingSecretStore } from './tracking-secret.store';

/** How long the verified view lasts after the postal code was entered. */
export const VERIFIED_SESSION_MS = 24 * 3600 * 1000;

/** Failed verifications and lookups per client address (one budget for both). */
export const FAILURES_PER_IP: RateLimitRule = { name: 'public-failures-ip', limit: (c) => c.PUBLIC_VERIFY_FAILURES_PER_IP_PER_HOUR, windowSeconds: 3600 };
/** Failed postal codes per tracking token. */
export const FAILURES_PER_TOKEN: RateLimitRule = { name: 'public-failures-token', limit: (c) => c.PUBLIC_VERIFY_FAILURES_PER_TOKEN_PER_HOUR, windowSeconds: 3600 };
/** Failed postal codes per tracking number (the lookup). */
export const FAILURES_PER_NUMBER: RateLimitRule = { name: 'public-failures-number', limit: (c) => c.PUBLIC_VERIFY_FAILURES_PER_TOKEN_PER_HOUR, windowSeconds: 3600 };

/** Tokens are base64url; anything else cannot be one and is answered like an unknown token. */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{16,64}$/;
/** Compared against when there is no shipment, so that both paths do the same work. */
const DECOY_POSTAL_CODE = '\u0000no-shipment';

/** The one answer for an unknown token, a wrong postal code and an unknown number. */
export function parcelNotFound(): AppError {
  return new AppError(404, 'NOT_FOUND', 'No parcel matches these details');
}

export interface GrantInput {
  /** The session cookie's value, if the request carried one for this token. */
  session?: string;
  /** The `v` of a signed merchant link. */
  link?: string;
}

export interface TokenView {
  view: PublicTrackingView;
  verified: boolean;
  /** Set when a signed link was used: it expires then. */
  linkExpiresAt: Date | null;
}

/**
 * The public side of tracking: a page by token (anonymous or verified), verification by postal code,
 * lookup by tracking number plus postal code, and signed links for merchants.
 *
 * Enumeration: an unknown token, a wrong postal code and an unknown number all end in the same 404;
 * every attempt is counted before the answer is known (per client address and per token or number)
 * and refunded only when it succeeds, so concurrent guesses cannot outrun the limit, and the work done
 * is the same on every failing path (one indexed read, one keyed comparison).
 */
@Injectable()
export class PublicTrackingService {
  constructor(
    private readonly reader: PublicShipmentReader,
    private readonly source: PublicTrackingSource,
    private readonly refresher: TrackingRefresher,
    private readonly secret: TrackingSecretStore,
    private readonly limiter: RateLimiter,
    private readonly metrics: PublicTrackingMetrics,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The page's view for a token; verified when the session cookie or a signed link says so. */
  async byToken(token: string, t: Translator, grants: GrantInput, options: { refresh: boolean }): Promise<TokenView> {
    let loaded = TOKEN_FORMAT.test(token) ? await this.source.loadByToken(token) : undefined;
    if (!loaded) throw parcelNotFound();
    const key = this.secret.get();
    const now = this.clock.now();
    const linkExpiresAt = grants.link ? (verifyGrant(key, 'link', token, grants.link, now) ?? null) : null;
    const verified = !!linkExpiresAt || !!(grants.session && verifyGrant(key, 'session', token, grants.session, now));
    if (options.refresh) loaded = await this.refreshed(loaded, loaded.order.primary.shipmentId);
    return { view: buildPublicView(loaded.order, t, { personal: loaded.personal, verified }), verified, linkExpiresAt };
  }

  /**
   * Checks the postal code for a token. Right: the verified view and a session grant to keep it.
   * Wrong or unknown token: 404. Too many failures for this client or this token: 429.
   */
  async verify(token: string, postalCode: string, clientKey: string, t: Translator): Promise<{ view: PublicTrackingView; grant: string; maxAgeSeconds: number }> {
    const receipts = await this.countAttempt('verify', [
      [FAILURES_PER_IP, clientKey],
      [FAILURES_PER_TOKEN, token.slice(0, 64)],
    ]);
    const destination = TOKEN_FORMAT.test(token) ? await this.reader.byToken(token) : undefined;
    if (!this.matches(postalCode, destination)) {
      this.metrics.attempt('verify', 'not_found');
      throw parcelNotFound();
    }
    this.metrics.attempt('verify', 'ok');
    await Promise.all(receipts.map((r) => this.limiter.refund(r)));
    const expiresAt = new Date(this.clock.now().getTime() + VERIFIED_SESSION_MS);
    const grant = signGrant(this.secret.get(), 'session', token, expiresAt);
    const loaded = await this.load(destination!.shipmentId, false);
    return { view: buildPublicView(loaded.order, t, { personal: loaded.personal, verified: true }), grant, maxAgeSeconds: VERIFIED_SESSION_MS / 1000 };
  }

  /** The anonymous view of the parcel with this tracking number, if the postal code is its destination's. */
  async lookup(number: string, postalCode: string, clientKey: string, t: Translator): Promise<PublicTrackingView> {
    const normalised = number.replace(/\s+/g, '').toUpperCase();
    const receipts = await this.countAttempt('lookup', [
      [FAILURES_PER_IP, clientKey],
      [FAILURES_PER_NUMBER, normalised.slice(0, 64)],
    ]);
    const candidates = normalised ? await this.reader.byTrackingNumber(normalised) : [];
    // Every candidate is compared (and a decoy when there is none): no early exit tells them apart.
    let found: Destination | undefined;
    for (const c of candidates.length ? candidates : [undefined]) {
      if (this.matches(postalCode, c) && !found) found = c;
    }
    if (!found) {
      this.metrics.attempt('lookup', 'not_found');
      throw parcelNotFound();
    }
    this.metrics.attempt('lookup', 'ok');
    await Promise.all(receipts.map((r) => this.limiter.refund(r)));
    const loaded = await this.load(found.shipmentId, false, normalised);
    return buildPublicView(loaded.order, t, { personal: loaded.personal, verified: false });
  }

  /** A link for the merchant's email: `/t/<token>`, signed to open the verified view until `expiresAt` when asked. */
  signedLink(token: string, verifiedDays: number | null): { url: string; verifiedUntil: Date | null } {
    const base = `${this.config.publicBaseUrl}/t/${token}`;
    if (verifiedDays === null) return { url: base, verifiedUntil: null };
    const verifiedUntil = new Date(this.clock.now().getTime() + verifiedDays * 86400_000);
    return { url: `${base}?v=${signGrant(this.secret.get(), 'link', token, verifiedUntil)}`, verifiedUntil };
  }

  /** A session grant for a token whose signed link was just used (the page then drops `v` from its address). */
  sessionFromLink(token: string, linkExpiresAt: Date): { grant: string; maxAgeSeconds: number } {
    const now = this.clock.now().getTime();
    const expiresAt = new Date(Math.min(linkExpiresAt.getTime(), now + VERIFIED_SESSION_MS));
    return { grant: signGrant(this.secret.get(), 'session', token, expiresAt), maxAgeSeconds: Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000)) };
  }

  private matches(postalCode: string, destination: Destination | undefined): boolean {
    const expected = destination?.postalCode ?? DECOY_POSTAL_CODE;
    const ok = postalCodesMatch(this.secret.get(), postalCode, expected, destination?.country ?? null);
    return ok && !!destination?.postalCode;
  }

  /** Counts one attempt in every bucket first; any bucket over its limit answers 429 with the longest wait. */
  private async countAttempt(kind: AttemptKind, buckets: [RateLimitRule, string][]): Promise<RateLimitReceipt[]> {
    const receipts = await Promise.all(buckets.map(([rule, key]) => this.limiter.consume(rule, key)));
    const denied = receipts.filter((r) => !r.allowed);
    if (denied.length) {
      this.metrics.attempt(kind, 'limited');
      // The buckets that did count this attempt give it back: a refused attempt costs nothing anywhere.
      await Promise.all(receipts.filter((r) => r.allowed).map((r) => this.limiter.refund(r)));
      const worst = denied.reduce((a, b) => (b.retryAfterSeconds > a.retryAfterSeconds ? b : a));
      throw rateLimitedError(worst, 'Too many failed attempts');
    }
    return receipts;
  }

  private async load(shipmentId: string, refresh: boolean, trackingNumber?: string): Promise<LoadedOrder> {
    const loaded = await this.source.load(shipmentId, trackingNumber);
    if (!loaded) throw parcelNotFound();
    return refresh ? this.refreshed(loaded, shipmentId, trackingNumber) : loaded;
  }

  /** Asks API carriers for news (each shipment at most once per refresh period) and reads the order again if any came. */
  private async refreshed(loaded: LoadedOrder, shipmentId: string, trackingNumber?: string): Promise<LoadedOrder> {
    if (!loaded.refreshable.length) return loaded;
    const byShipment = new Map<string, LoadedOrder['refreshable']>();
    for (const r of loaded.refreshable) byShipment.set(r.shipmentId, [...(byShipment.get(r.shipmentId) ?? []), r]);
    const fresh = await Promise.all([...byShipment].map(([id, targets]) => this.refresher.refresh(id, targets)));
    return fresh.some(Boolean) ? ((await this.source.load(shipmentId, trackingNumber)) ?? loaded) : loaded;
  }
}
