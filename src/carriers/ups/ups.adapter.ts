import { Injectable } from '@nestjs/common';
import type { BookingRequest, BookingResult, CallContext } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import type { ShipmentSpec } from '../shipment-spec';
import { ApiCarrierAdapter, apiCarrierAccess } from '../http/api-carrier.adapter';
import type { ApiServiceDefinition } from '../http/api-carrier.kind';
import { MappedTrackingEvent, reconcileCharges } from '../http/api-carrier.mapping';
import type { CarrierHttpClient } from '../http/carrier-http.client';
import { eventCodes } from '../http/event-code-table';
import { gifLabelToPdf } from './gif-label.converter';
import { UpsApi } from './ups.client';
import type { UpsOptions } from './ups.kind';
import {
  UpsMappingContext,
  buildRateRequest,
  buildShipmentRequest,
  describeUpsError,
  parseRateResponse,
  parseShipmentResponse,
  parseTrackAlert,
  parseTrackResponse,
} from './ups.mapper';
import { verifyUpsTrackAlert } from './ups-track-alert.verifier';
import type { UpsTrackAlertEvent } from './ups.types';

/**
 * UPS through its OAuth, Rating, Shipping and Tracking APIs (adapter code `ups`). Enabled when
 * UPS_CLIENT_ID, UPS_CLIENT_SECRET and UPS_ACCOUNT_NUMBER are set; UPS_BASE_URL overrides the
 * production URL (the CIE test environment or an emulator).
 */
@Injectable()
export class UpsAdapter extends ApiCarrierAdapter<UpsApi, UpsMappingContext> {
  readonly code = 'ups';
  protected readonly access = apiCarrierAccess('UPS', 'UPS', ['CLIENT_ID', 'CLIENT_SECRET'], describeUpsError);

  async book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult> {
    const service = this.bookableService(carrier, request);
    const mapping = this.mapping(carrier);
    const body = buildShipmentRequest(request, service.carrierCode, mapping, this.clock.nowDateTime(carrier.timeZone).toISODate()!);
    const res = await this.api(carrier).ship(body, ctx.signal);
    let parsed;
    try {
      parsed = parseShipmentResponse(res);
    } catch (e) {
      throw new CarrierError(carrier.id, 'UNKNOWN', `ship: unexpected response (${(e as Error).message})`);
    }
    const parcels = await Promise.all(
      parsed.packages.map(async (p) => {
        if (!p.label) return { trackingNumber: p.trackingNumber };
        if (p.label.format === 'ZPL') return { trackingNumber: p.trackingNumber, label: { format: 'zpl' as const, data: p.label.data } };
        if (p.label.format === 'GIF') {
          try {
            return { trackingNumber: p.trackingNumber, label: { format: 'pdf' as const, data: await gifLabelToPdf(p.label.data, request.labelSize) } };
          } catch (e) {
            throw new CarrierError(carrier.id, 'UNKNOWN', `ship: the label of ${p.trackingNumber} is not a readable GIF (${(e as Error).message})`);
          }
        }
        throw new CarrierError(carrier.id, 'UNKNOWN', `ship: unexpected label format ${p.label.format}`);
      }),
    );
    return {
      trackingNumber: parcels[0]?.trackingNumber ?? parsed.shipmentId,
      carrierShipmentId: parsed.shipmentId,
      parcels,
      ...(parsed.invoicePdf ? { documents: [{ type: 'commercial_invoice', format: 'pdf' as const, data: parsed.invoicePdf }] } : {}),
      ...(parsed.total
        ? { currency: parsed.total.currency, charges: reconcileCharges([], parsed.total.amount, parsed.total.currency, this.reference.currencies) }
        : {}),
    };
  }

  async cancel(carrier: CarrierDefinition, booking: { trackingNumber: string; carrierShipmentId?: string }, ctx: CallContext): Promise<void> {
    const res = await this.api(carrier).void(booking.carrierShipmentId ?? booking.trackingNumber, ctx.signal);
    const status = res.VoidShipmentResponse?.SummaryResult?.Status;
    if (status?.Code !== '1') {
      throw new CarrierError(carrier.id, 'INVALID_REQUEST', `void: UPS did not void ${booking.trackingNumber}: ${status?.Description ?? 'no status'}`, {
        carrierMessage: status?.Description,
      });
    }
  }

  async track(carrier: CarrierDefinition, trackingNumber: string, ctx: CallContext): Promise<MappedTrackingEvent[]> {
    const body = await this.api(carrier).track(trackingNumber, ctx.signal);
    return parseTrackResponse(body, eventCodes(carrier));
  }

  /** For the carrier webhook route: is this push from UPS Track Alert (UPS_WEBHOOK_CREDENTIAL)? */
  verifyPush(headers: Record<string, string | string[] | undefined>): boolean {
    return verifyUpsTrackAlert(headers, this.config.UPS_WEBHOOK_CREDENTIAL);
  }

  /** For the carrier webhook route: one Track Alert event with our status. */
  parsePush(carrier: CarrierDefinition, body: unknown): MappedTrackingEvent & { trackingNumber: string } {
    const event = body as UpsTrackAlertEvent;
    if (!event || typeof event.trackingNumber !== 'string' || !event.activityStatus) {
      throw new CarrierError(carrier.id, 'INVALID_REQUEST', 'Track Alert push without trackingNumber or activityStatus');
    }
    return parseTrackAlert(event, eventCodes(carrier));
  }

  protected async askRates(api: UpsApi, shipment: ShipmentSpec, mapping: UpsMappingContext, eligible: ApiServiceDefinition[], signal: AbortSignal) {
    return parseRateResponse(await api.rate(buildRateRequest(shipment, mapping), signal), eligible, mapping);
  }

  protected mapping(carrier: CarrierDefinition): UpsMappingContext {
    return this.mappingContext<UpsOptions>(carrier);
  }

  protected createApi(client: CarrierHttpClient, carrier: CarrierDefinition): UpsApi {
    return new UpsApi(
      client,
      carrier.id,
      { clientId: this.config.UPS_CLIENT_ID!, clientSecret: this.config.UPS_CLIENT_SECRET!, accountNumber: this.config.UPS_ACCOUNT_NUMBER! },
      () => this.clock.now(),
    );
  }
}
