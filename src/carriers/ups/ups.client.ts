import { randomUUID } from 'node:crypto';
import type { CarrierHttpClient } from '../http/carrier-http.client';
import { OAuthClientCredentials, readStandardToken } from '../http/oauth-token.provider';
import type { UpsRateRequest, UpsRateResponse, UpsShipmentRequest, UpsShipmentResponse, UpsTrackResponse, UpsVoidResponse } from './ups.types';

/** API version in the path of the Rating and Shipping calls (Rating.yaml / Shipping.yaml). */
export const UPS_API_VERSION = 'v2409';

/**
 * The UPS API calls we make. OAuth client credentials (POST /security/v1/oauth/token with HTTP
 * Basic client id and secret), the token cached until shortly before it expires and renewed once
 * on a 401; `transId` and `transactionSrc` headers on every call as the specifications ask.
 */
export class UpsApi {
  readonly auth: OAuthClientCredentials;

  constructor(
    private readonly http: CarrierHttpClient,
    carrier: string,
    credentials: { clientId: string; clientSecret: string; accountNumber: string },
    now: () => Date,
  ) {
    const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64');
    this.auth = new OAuthClientCredentials(http, {
      carrier,
      tokenRequest: () => ({
        operation: 'token',
        method: 'POST',
        path: '/security/v1/oauth/token',
        form: { grant_type: 'client_credentials' },
        headers: { Authorization: `Basic ${basic}`, 'x-merchant-id': credentials.accountNumber },
        safe: true,
      }),
      readToken: readStandardToken,
      now,
    });
  }

  private headers(): Record<string, string> {
    return { transId: randomUUID().replace(/-/g, ''), transactionSrc: 'parcelwise' };
  }

  async rate(body: UpsRateRequest, signal: AbortSignal): Promise<UpsRateResponse> {
    const res = await this.http.request<UpsRateResponse>({
      operation: 'rate',
      method: 'POST',
      path: `/api/rating/${UPS_API_VERSION}/Shoptimeintransit`,
      json: body,
      headers: this.headers(),
      safe: true,
      auth: this.auth,
      signal,
    });
    return res.body;
  }

  async ship(body: UpsShipmentRequest, signal: AbortSignal): Promise<UpsShipmentResponse> {
    const res = await this.http.request<UpsShipmentResponse>({
      operation: 'ship',
      method: 'POST',
      path: `/api/shipments/${UPS_API_VERSION}/ship`,
      json: body,
      headers: this.headers(),
      safe: false,
      auth: this.auth,
      signal,
    });
    return res.body;
  }

  /** Voiding twice is harmless for UPS (the second answers "already voided"), so it may be retried. */
  async void(shipmentId: string, signal: AbortSignal): Promise<UpsVoidResponse> {
    const res = await this.http.request<UpsVoidResponse>({
      operation: 'void',
      method: 'DELETE',
      path: `/api/shipments/${UPS_API_VERSION}/void/cancel/${encodeURIComponent(shipmentId)}`,
      headers: this.headers(),
      safe: true,
      auth: this.auth,
      signal,
    });
    return res.body;
  }

  async track(trackingNumber: string, signal: AbortSignal): Promise<UpsTrackResponse> {
    const res = await this.http.request<UpsTrackResponse>({
      operation: 'track',
      method: 'GET',
      path: `/api/track/v1/details/${encodeURIComponent(trackingNumber)}`,
      query: { locale: 'en_US', returnSignature: 'false', returnMilestones: 'false', returnPOD: 'false' },
      headers: this.headers(),
      safe: true,
      auth: this.auth,
      signal,
      acceptStatuses: [404],
    });
    return res.status === 404 ? {} : res.body;
  }
}
