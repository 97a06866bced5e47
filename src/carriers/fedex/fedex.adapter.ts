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
import { verifyFedexSignature } from './fedex-webhook.verifier';
import { FedexApi } from './fedex.client';
import type { FedexOptions } from './fedex.kind';
import {
  FedexMappingContext,
  buildRateRequest,
  buildShipRequest,
  describeFedexError,
  parseRateResponse,
  parseShipResponse,
  parseTrackResponse,
  scanEvents,
} from './fedex.mapper';
import type { FedexTrackResponse, FedexTrackResult } from './fedex.types';

/**
 * FedEx through its REST APIs (adapter code `fedex`). Enabled when FEDEX_CLIENT_ID,
 * FEDEX_CLIENT_SECRET and FEDEX_ACCOUNT_NUMBER are set; FEDEX_BASE_URL overrides the production URL
 * (the sandbox or an emulator).
 */
@Injectable()
export class FedexAdapter extends ApiCarrierAdapter<FedexApi, FedexMappingContext> {
  readonly code = 'fedex';
  protected readonly access = apiCarrierAccess('FedEx', 'FEDEX', ['CLIENT_ID', 'CLIENT_SECRET'], describeFedexError);

  async book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult> {
    const service = this.bookableService(carrier, request);
    const res = await this.api(carrier).ship(buildShipRequest(request, service.carrierCode, this.mapping(carrier)), ctx.signal);
    let parsed;
    try {
      parsed = parseShipResponse(res, carrier.currency);
    } catch (e) {
      throw new CarrierError(carrier.id, 'UNKNOWN', `ship: unexpected response (${(e as Error).message})`);
    }
    return {
      trackingNumber: parsed.masterTrackingNumber,
      carrierShipmentId: parsed.masterTrackingNumber,
      parcels: parsed.pieces.map((p) => ({ trackingNumber: p.trackingNumber, ...(p.label ? { label: { format: request.labelFormat, data: p.label } } : {}) })),
      ...(parsed.invoicePdf ? { documents: [{ type: 'commercial_invoice', format: 'pdf' as const, data: parsed.invoicePdf }] } : {}),
      ...(parsed.total
        ? { currency: parsed.total.currency, charges: reconcileCharges([], parsed.total.amount, parsed.total.currency, this.reference.currencies) }
        : {}),
    };
  }

  async cancel(carrier: CarrierDefinition, booking: { trackingNumber: string; carrierShipmentId?: string }, ctx: CallContext): Promise<void> {
    const res = await this.api(carrier).cancel(
      { accountNumber: { value: this.config.FEDEX_ACCOUNT_NUMBER! }, trackingNumber: booking.carrierShipmentId ?? booking.trackingNumber, deletionControl: 'DELETE_ALL_PACKAGES' },
      ctx.signal,
    );
    if (!res.output?.cancelledShipment) {
      const message = res.output?.message ?? res.output?.alerts?.map((a) => a.message).join('; ') ?? 'not cancelled';
      throw new CarrierError(carrier.id, 'INVALID_REQUEST', `cancel: FedEx did not cancel ${booking.trackingNumber}: ${message}`, { carrierMessage: message });
    }
  }

  async track(carrier: CarrierDefinition, trackingNumber: string, ctx: CallContext): Promise<MappedTrackingEvent[]> {
    return parseTrackResponse(await this.api(carrier).track(trackingNumber, ctx.signal), eventCodes(carrier));
  }

  /**
   * For the carrier webhook route: is this push signed by FedEx (`fdx-signature` over the raw body,
   * keyed with FEDEX_WEBHOOK_SECRET)? Without the raw body nothing verifies.
   */
  verifyPush(headers: Record<string, string | string[] | undefined>, rawBody?: Buffer | string): boolean {
    if (rawBody === undefined) return false;
    return verifyFedexSignature(rawBody, headers['fdx-signature'], this.config.FEDEX_WEBHOOK_SECRET);
  }

  /**
   * For the carrier webhook route: the events of a FedEx tracking push, each with its tracking
   * number. The push carries track results in the Track API's shape: the whole
   * `output.completeTrackResults`, or one result (`trackingNumberInfo` or `trackingNumber` with `scanEvents`).
   */
  parsePush(carrier: CarrierDefinition, body: unknown): (MappedTrackingEvent & { trackingNumber: string })[] {
    const b = body as FedexTrackResponse & FedexTrackResult & { trackingNumber?: string };
    const table = eventCodes(carrier);
    if (b?.output?.completeTrackResults) {
      return b.output.completeTrackResults.flatMap((c) =>
        (c.trackResults ?? []).flatMap((r) => {
          const number = r.trackingNumberInfo?.trackingNumber ?? c.trackingNumber ?? '';
          return scanEvents(r, table).map((e) => ({ ...e, trackingNumber: number }));
        }),
      );
    }
    const number = b?.trackingNumberInfo?.trackingNumber ?? b?.trackingNumber;
    if (!number || !Array.isArray(b.scanEvents)) throw new CarrierError(carrier.id, 'INVALID_REQUEST', 'FedEx push without tracking results');
    return scanEvents(b, table).map((e) => ({ ...e, trackingNumber: number }));
  }

  protected async askRates(api: FedexApi, shipment: ShipmentSpec, mapping: FedexMappingContext, eligible: ApiServiceDefinition[], signal: AbortSignal) {
    return parseRateResponse(await api.rate(buildRateRequest(shipment, mapping), signal), eligible, mapping);
  }

  protected mapping(carrier: CarrierDefinition): FedexMappingContext {
    return this.mappingContext<FedexOptions>(carrier);
  }

  protected createApi(client: CarrierHttpClient, carrier: CarrierDefinition): FedexApi {
    return new FedexApi(client, carrier.id, { clientId: this.config.FEDEX_CLIENT_ID!, clientSecret: this.config.FEDEX_CLIENT_SECRET! }, () => this.clock.now());
  }
}
