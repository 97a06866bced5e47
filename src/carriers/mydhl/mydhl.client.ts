import { BasicAuth } from '../http/carrier-auth';
import type { CarrierHttpClient } from '../http/carrier-http.client';
import type { MydhlRateRequest, MydhlRateResponse, MydhlShipmentRequest, MydhlShipmentResponse, MydhlTrackingResponse } from './mydhl.types';

/**
 * The MyDHL API calls we make, over the shared carrier HTTP client: HTTP Basic with the API key
 * and secret, and the mandatory `x-version` header on every call (MyDHL rejects calls without it).
 */
export class MydhlApi {
  private readonly auth: BasicAuth;

  constructor(
    private readonly http: CarrierHttpClient,
    credentials: { apiKey: string; apiSecret: string },
    private readonly version: string,
  ) {
    this.auth = new BasicAuth(credentials.apiKey, credentials.apiSecret);
  }

  private headers(reference?: string): Record<string, string> {
    return { 'x-version': this.version, ...(reference ? { 'Message-Reference': reference.slice(0, 36) } : {}) };
  }

  async rates(body: MydhlRateRequest, signal: AbortSignal): Promise<MydhlRateResponse> {
    const res = await this.http.request<MydhlRateResponse>({
      operation: 'rate',
      method: 'POST',
      path: '/rates',
      json: body,
      headers: this.headers(),
      safe: true,
      auth: this.auth,
      signal,
    });
    return res.body;
  }

  /** Not retried: a second POST would create a second waybill. */
  async createShipment(body: MydhlShipmentRequest, signal: AbortSignal, reference?: string): Promise<MydhlShipmentResponse> {
    const res = await this.http.request<MydhlShipmentResponse>({
      operation: 'ship',
      method: 'POST',
      path: '/shipments',
      json: body,
      headers: this.headers(reference),
      safe: false,
      auth: this.auth,
      signal,
    });
    return res.body;
  }

  /**
   * Tracking by waybill (10 digits: GET /shipments/{n}/tracking, with the GMT offset of every event)
   * or by piece number (`JD01...`: GET /tracking?pieceTrackingNumber=, which returns the pieces'
   * shipment with its events; that endpoint offers no per-event offset).
   */
  async tracking(trackingNumber: string, signal: AbortSignal): Promise<MydhlTrackingResponse> {
    const waybill = /^\d{10}$/.test(trackingNumber);
    const res = await this.http.request<MydhlTrackingResponse>({
      operation: 'track',
      method: 'GET',
      path: waybill ? `/shipments/${encodeURIComponent(trackingNumber)}/tracking` : '/tracking',
      query: waybill
        ? { trackingView: 'all-checkpoints', levelOfDetail: 'shipment', requestGMTOffsetPerEvent: true }
        : { pieceTrackingNumber: trackingNumber, trackingView: 'all-checkpoints', levelOfDetail: 'shipment' },
      headers: this.headers(),
      safe: true,
      auth: this.auth,
      signal,
      acceptStatuses: [404],
    });
    return res.status === 404 ? { shipments: [] } : res.body;
  }
}
