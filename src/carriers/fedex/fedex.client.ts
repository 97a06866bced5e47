import { randomUUID } from 'node:crypto';
import type { CarrierHttpClient } from '../http/carrier-http.client';
import { OAuthClientCredentials, readStandardToken } from '../http/oauth-token.provider';
import type { FedexCancelRequest, FedexCancelResponse, FedexRateRequest, FedexRateResponse, FedexShipRequest, FedexShipResponse, FedexTrackResponse } from './fedex.types';

/**
 * The FedEx REST calls we make. OAuth client credentials (POST /oauth/token with the key and secret
 * in the form body), cached until shortly before expiry and renewed once on a 401;
 * `x-customer-transaction-id` on every call so FedEx support can find it.
 */
export class FedexApi {
  readonly auth: OAuthClientCredentials;

  constructor(
    private readonly http: CarrierHttpClient,
    carrier: string,
    credentials: { clientId: string; clientSecret: string },
    now: () => Date,
  ) {
    this.auth = new OAuthClientCredentials(http, {
      carrier,
      tokenRequest: () => ({
        operation: 'token',
        method: 'POST',
        path: '/oauth/token',
        form: { grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret },
        safe: true,
      }),
      readToken: readStandardToken,
      now,
    });
  }

  private headers(): Record<string, string> {
    return { 'x-customer-transaction-id': randomUUID(), 'x-locale': 'en_US' };
  }

  async rate(body: FedexRateRequest, signal: AbortSignal): Promise<FedexRateResponse> {
    return (await this.http.request<FedexRateResponse>({ operation: 'rate', method: 'POST', path: '/rate/v1/rates/quotes', json: body, headers: this.headers(), safe: true, auth: this.auth, signal })).body;
  }

  async ship(body: FedexShipRequest, signal: AbortSignal): Promise<FedexShipResponse> {
    return (await this.http.request<FedexShipResponse>({ operation: 'ship', method: 'POST', path: '/ship/v1/shipments', json: body, headers: this.headers(), safe: false, auth: this.auth, signal })).body;
  }

  /** Cancelling twice is harmless (the second is refused as already cancelled), so it may be retried. */
  async cancel(body: FedexCancelRequest, signal: AbortSignal): Promise<FedexCancelResponse> {
    return (await this.http.request<FedexCancelResponse>({ operation: 'cancel', method: 'PUT', path: '/ship/v1/shipments/cancel', json: body, headers: this.headers(), safe: true, auth: this.auth, signal })).body;
  }

  async track(trackingNumber: string, signal: AbortSignal): Promise<FedexTrackResponse> {
    return (
      await this.http.request<FedexTrackResponse>({
        operation: 'track',
        method: 'POST',
        path: '/track/v1/trackingnumbers',
        json: { includeDetailedScans: true, trackingInfo: [{ trackingNumberInfo: { trackingNumber } }] },
        headers: this.headers(),
        safe: true,
        auth: this.auth,
        signal,
      })
    ).body;
  }
}
