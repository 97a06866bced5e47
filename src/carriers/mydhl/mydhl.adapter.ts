import { Injectable } from '@nestjs/common';
import type { BookingRequest, BookingResult, CallContext } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import type { ShipmentSpec } from '../shipment-spec';
import { ApiCarrierAdapter, apiCarrierAccess } from '../http/api-carrier.adapter';
import type { ApiCarrierSettings, ApiServiceDefinition } from '../http/api-carrier.kind';
import type { MappedTrackingEvent } from '../http/api-carrier.mapping';
import type { CarrierHttpClient } from '../http/carrier-http.client';
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
export class MydhlAdapter extends ApiCarrierAdapter<MydhlApi, MydhlMappingContext> {
  readonly code = 'mydhl';
  protected readonly access = apiCarrierAccess('MyDHL', 'MYDHL', ['API_KEY', 'API_SECRET'], describeMydhlError);

  async book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult> {
    const service = this.bookableService(carrier, request);
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

  protected async askRates(api: MydhlApi, shipment: ShipmentSpec, mapping: MydhlMappingContext, eligible: ApiServiceDefinition[], signal: AbortSignal) {
    return parseRateResponse(await api.rates(buildRateRequest(shipment, mapping), signal), eligible, mapping);
  }

  protected mapping(carrier: CarrierDefinition): MydhlMappingContext {
    return { ...this.mappingContext<MydhlOptions>(carrier), timeZone: carrier.timeZone };
  }

  protected createApi(client: CarrierHttpClient, _carrier: CarrierDefinition, settings: ApiCarrierSettings): MydhlApi {
    return new MydhlApi(client, { apiKey: this.config.MYDHL_API_KEY!, apiSecret: this.config.MYDHL_API_SECRET! }, settings.api.version ?? '3.1.0');
  }
}
