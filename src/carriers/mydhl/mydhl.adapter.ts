import { Injectable } from '@nestjs/common';
import type { BookingRequest, BookingResult, CallContext, CarrierAdapter, RateResult } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import type { ShipmentSpec } from '../shipment-spec';
import { Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { ReferenceData } from '../../tariffs/reference-data';
import type { ApiCarrierDefinition, ApiCarrierSettings } from '../http/api-carrier.kind';
import { rateApiServices } from '../http/api-carrier-rating';
import type { MappedTrackingEvent } from '../http/api-carrier.mapping';
import { requireBookingFields } from '../http/booking-data.check';
import { CarrierHttpFactory } from '../http/carrier-http.factory';
import { eventCodes } from '../http/event-code-table';
import { MydhlApi } from './mydhl.client';
import type { MydhlOptions } from './mydhl.kind';
import {
  MydhlMappingContext,
  buildRateRequest,
  buildShipmentRequest,
  describeMydhlError,
  parseRateResponse,
  parseShipmentResponse,
  parseTrackingResponse,
} from './mydhl.mapper';

/** Statuses that mean DHL has not physically received the parcel yet. */
const NOT_YET_WITH_CARRIER = new Set(['label_created', 'unknown', 'cancelled']);

/**
 * DHL Express through the MyDHL API (adapter code `mydhl`). Enabled when MYDHL_API_KEY,
 * MYDHL_API_SECRET and MYDHL_ACCOUNT_NUMBER are set; MYDHL_BASE_URL overrides the production URL
 * from the carrier folder (the test environment or an emulator).
 */
@Injectable()
export class MydhlAdapter implements CarrierAdapter {
  readonly code = 'mydhl';
  private readonly apis = new Map<string, MydhlApi>();

  constructor(
    private readonly config: AppConfig,
    private readonly http: CarrierHttpFactory,
    private readonly reference: ReferenceData,
    private readonly clock: Clock,
  ) {}

  enabled(): boolean {
    return Boolean(this.config.MYDHL_API_KEY && this.config.MYDHL_API_SECRET && this.config.MYDHL_ACCOUNT_NUMBER);
  }

  async rate(carrier: CarrierDefinition, shipment: ShipmentSpec, ctx: CallContext): Promise<RateResult> {
    const def = carrier as ApiCarrierDefinition;
    const mapping = this.mapping(carrier);
    return rateApiServices(def.services, shipment, async (eligible) => {
      const body = await this.api(carrier).rates(buildRateRequest(shipment, mapping), ctx.signal);
      return parseRateResponse(body, eligible, mapping);
    }, carrier.currency);
  }

  async book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult> {
    const service = (carrier as ApiCarrierDefinition).services.find((s) => s.code === request.service);
    if (!service) throw new CarrierError(carrier.id, 'INVALID_REQUEST', `unknown service "${request.service}" of ${carrier.id}`);
    requireBookingFields(carrier.id, [
      { path: 'shipFrom', address: request.shipFrom },
      { path: 'shipTo', address: request.shipTo },
    ], ['name', 'street1', 'city', 'phone']);
    const productCode = typeof request.bookingRef?.productCode === 'string' ? request.bookingRef.productCode : service.carrierCode;
    const body = buildShipmentRequest(request, productCode, this.mapping(carrier), this.clock.nowDateTime(carrier.timeZone).toISODate()!);
    const res = await this.api(carrier).createShipment(body, ctx.signal, ctx.reference);
    try {
      return parseShipmentResponse(res, request.labelFormat, { currencies: this.reference.currencies });
    } catch (e) {
      throw new CarrierError(carrier.id, 'UNKNOWN', `ship: unexpected response (${(e as Error).message})`);
    }
  }

  /**
   * MyDHL has no void call: a waybill that DHL never receives is not billed. Cancelling therefore
   * checks the tracking history and refuses once DHL has the parcel (picked up or later).
   */
  async cancel(carrier: CarrierDefinition, booking: { trackingNumber: string }, ctx: CallContext): Promise<void> {
    const events = await this.track(carrier, booking.trackingNumber, ctx);
    const moving = events.find((e) => !NOT_YET_WITH_CARRIER.has(e.status));
    if (moving) {
      throw new CarrierError(carrier.id, 'INVALID_REQUEST', `cancel: ${booking.trackingNumber} is already with DHL (${moving.code} ${moving.description})`, {
        carrierMessage: `shipment already in transit: ${moving.code}`,
        httpStatus: 409,
      });
    }
  }

  async track(carrier: CarrierDefinition, trackingNumber: string, ctx: CallContext): Promise<MappedTrackingEvent[]> {
    const body = await this.api(carrier).tracking(trackingNumber, ctx.signal);
    return parseTrackingResponse(body, eventCodes(carrier));
  }

  private mapping(carrier: CarrierDefinition): MydhlMappingContext {
    this.requireEnabled(carrier);
    const settings = carrier.raw as unknown as ApiCarrierSettings;
    return {
      accountNumber: this.config.MYDHL_ACCOUNT_NUMBER!,
      options: settings.options as unknown as MydhlOptions,
      timeZone: carrier.timeZone,
      currency: carrier.currency,
      currencies: this.reference.currencies,
    };
  }

  private requireEnabled(carrier: CarrierDefinition): void {
    if (!this.enabled()) throw new CarrierError(carrier.id, 'AUTH', 'MyDHL credentials are not configured (MYDHL_API_KEY, MYDHL_API_SECRET, MYDHL_ACCOUNT_NUMBER)');
  }

  private api(carrier: CarrierDefinition): MydhlApi {
    this.requireEnabled(carrier);
    let api = this.apis.get(carrier.id);
    if (!api) {
      const settings = carrier.raw as unknown as ApiCarrierSettings;
      const baseUrl = this.config.MYDHL_BASE_URL ?? settings.api.productionUrl;
      const client = this.http.client(carrier.id, baseUrl, {
        describeError: describeMydhlError,
        secrets: [this.config.MYDHL_API_KEY, this.config.MYDHL_API_SECRET],
      });
      api = new MydhlApi(client, { apiKey: this.config.MYDHL_API_KEY!, apiSecret: this.config.MYDHL_API_SECRET! }, settings.api.version ?? '3.1.0');
      this.apis.set(carrier.id, api);
    }
    return api;
  }
}
