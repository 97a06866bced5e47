import { Injectable } from '@nestjs/common';
import type { BookingRequest, BookingResult, CallContext, CarrierAdapter, RateResult } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import type { ShipmentSpec } from '../shipment-spec';
import { Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { ReferenceData } from '../../tariffs/reference-data';
import type { ApiCarrierDefinition, ApiCarrierSettings, ApiServiceDefinition } from './api-carrier.kind';
import { requireBookingFields } from './booking-data.check';
import type { CarrierHttpClient, CarrierHttpSettings } from './carrier-http.client';
import { CarrierHttpFactory } from './carrier-http.factory';

type ConfigKey = keyof AppConfig;

/** How an API carrier is reached: its env variables, and how its error bodies read. */
export interface ApiCarrierAccess {
  /** The carrier's name in messages, e.g. `FedEx`. */
  name: string;
  /** Variables that must all be set for the adapter to be enabled, in the order messages list them. */
  credentials: readonly ConfigKey[];
  /** The variable that holds the account number. */
  accountNumber: ConfigKey;
  /** The variable that overrides the production URL of the carrier folder (a sandbox or an emulator). */
  baseUrl: ConfigKey;
  /** Variables whose values are scrubbed from carrier messages. */
  secrets: readonly ConfigKey[];
  describeError: CarrierHttpSettings['describeError'];
}

/** The part of a mapping context every API carrier's mapper takes. */
export interface ApiMappingContext<Options> {
  accountNumber: string;
  options: Options;
  currency: string;
  currencies: ReferenceData['currencies'];
}

/**
 * What the adapters of carriers with an HTTP API share: enabled by credentials from the env, one
 * client (connection pool, retries, circuit breaker) and one API wrapper per carrier folder, the
 * mapping context, and the checks before a booking is sent.
 *
 * @example
 * class FedexAdapter extends ApiCarrierAdapter<FedexApi> {
 *   readonly code = 'fedex';
 *   protected readonly access = { name: 'FedEx', credentials: ['FEDEX_CLIENT_ID', ...], ... };
 *   protected createApi(client, carrier) { return new FedexApi(client, carrier.id, ...); }
 *   async rate(carrier, shipment, ctx) { ... this.api(carrier).rate(...) ... }
 * }
 */
@Injectable()
export abstract class ApiCarrierAdapter<Api> implements CarrierAdapter {
  abstract readonly code: string;
  protected abstract readonly access: ApiCarrierAccess;
  private readonly apis = new Map<string, Api>();

  constructor(
    protected readonly config: AppConfig,
    protected readonly http: CarrierHttpFactory,
    protected readonly reference: ReferenceData,
    protected readonly clock: Clock,
  ) {}

  abstract rate(carrier: CarrierDefinition, shipment: ShipmentSpec, ctx: CallContext): Promise<RateResult>;
  abstract book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult>;
  abstract cancel(carrier: CarrierDefinition, booking: { trackingNumber: string; carrierShipmentId?: string }, ctx: CallContext): Promise<void>;

  enabled(): boolean {
    return this.access.credentials.every((key) => Boolean(this.config[key]));
  }

  /** Builds the carrier's API wrapper around its HTTP client (once per carrier folder). */
  protected abstract createApi(client: CarrierHttpClient, carrier: CarrierDefinition, settings: ApiCarrierSettings): Api;

  protected setting(key: ConfigKey): string | undefined {
    return this.config[key] as string | undefined;
  }

  protected requireEnabled(carrier: CarrierDefinition): void {
    if (!this.enabled()) {
      throw new CarrierError(carrier.id, 'AUTH', `${this.access.name} credentials are not configured (${this.access.credentials.join(', ')})`);
    }
  }

  protected mappingContext<Options>(carrier: CarrierDefinition): ApiMappingContext<Options> {
    this.requireEnabled(carrier);
    return {
      accountNumber: this.setting(this.access.accountNumber)!,
      options: (carrier.raw as unknown as ApiCarrierSettings).options as unknown as Options,
      currency: carrier.currency,
      currencies: this.reference.currencies,
    };
  }

  protected api(carrier: CarrierDefinition): Api {
    this.requireEnabled(carrier);
    let api = this.apis.get(carrier.id);
    if (!api) {
      const settings = carrier.raw as unknown as ApiCarrierSettings;
      const client = this.http.client(carrier.id, this.setting(this.access.baseUrl) ?? settings.api.productionUrl, {
        describeError: this.access.describeError,
        secrets: this.access.secrets.map((key) => this.setting(key)),
      });
      api = this.createApi(client, carrier, settings);
      this.apis.set(carrier.id, api);
    }
    return api;
  }

  /** The service a booking names, once the parties hold what every API carrier prints on its label. */
  protected bookableService(carrier: CarrierDefinition, request: BookingRequest): ApiServiceDefinition {
    const service = (carrier as ApiCarrierDefinition).services.find((s) => s.code === request.service);
    if (!service) throw new CarrierError(carrier.id, 'INVALID_REQUEST', `unknown service "${request.service}" of ${carrier.id}`);
    requireBookingFields(carrier.id, [
      { path: 'shipFrom', address: request.shipFrom },
      { path: 'shipTo', address: request.shipTo },
    ], ['name', 'street1', 'city', 'phone']);
    return service;
  }
}
