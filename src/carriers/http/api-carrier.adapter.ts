import { Injectable } from '@nestjs/common';
import type { BookingRequest, BookingResult, CallContext, CarrierAdapter, CarrierRate, RateResult } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import type { ShipmentSpec } from '../shipment-spec';
import { Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { ReferenceData } from '../../tariffs/reference-data';
import type { ApiCarrierDefinition, ApiCarrierSettings, ApiServiceDefinition } from './api-carrier.kind';
import { rateApiServices } from './api-carrier-rating';
import { requireBookingFields } from './booking-data.check';
import type { CarrierHttpClient, CarrierHttpSettings } from './carrier-http.client';
import { CarrierHttpFactory } from './carrier-http.factory';

type ConfigKey = keyof AppConfig;
/** Carriers with an HTTP API have their variables under one prefix: `FEDEX_BASE_URL`, `FEDEX_ACCOUNT_NUMBER`... */
type EnvPrefix = { [K in ConfigKey]: K extends `${infer P}_ACCOUNT_NUMBER` ? P : never }[ConfigKey];
type Suffix<K, P extends string> = K extends `${P}_${infer S}` ? S : never;

/** How an API carrier is reached: its env variables, and how its error bodies read. */
export interface ApiCarrierAccess {
  /** The carrier's name in messages, e.g. `FedEx`. */
  name: string;
  /** Variables that must all be set for the adapter to be enabled (the account number last). */
  credentials: readonly ConfigKey[];
  /** The variable that holds the account number. */
  accountNumber: ConfigKey;
  /** The variable that overrides the production URL of the carrier folder (a sandbox or an emulator). */
  baseUrl: ConfigKey;
  describeError: CarrierHttpSettings['describeError'];
}

/**
 * The access of a carrier whose variables follow the convention: `<PREFIX>_BASE_URL`,
 * `<PREFIX>_ACCOUNT_NUMBER` and the two named credentials, e.g.
 * `apiCarrierAccess('FedEx', 'FEDEX', ['CLIENT_ID', 'CLIENT_SECRET'], describeFedexError)`.
 */
export function apiCarrierAccess<P extends EnvPrefix>(
  name: string,
  prefix: P,
  credentials: readonly Suffix<ConfigKey, P>[],
  describeError: ApiCarrierAccess['describeError'],
): ApiCarrierAccess {
  const key = (suffix: string) => `${prefix}_${suffix}` as ConfigKey;
  return {
    name,
    credentials: [...credentials.map(key), key('ACCOUNT_NUMBER')],
    accountNumber: key('ACCOUNT_NUMBER'),
    baseUrl: key('BASE_URL'),
    describeError,
  };
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
 * class FedexAdapter extends ApiCarrierAdapter<FedexApi, FedexMappingContext> {
 *   readonly code = 'fedex';
 *   protected readonly access = apiCarrierAccess('FedEx', 'FEDEX', ['CLIENT_ID', 'CLIENT_SECRET'], describeFedexError);
 *   protected createApi(client, carrier) { return new FedexApi(client, carrier.id, ...); }
 *   protected mapping(carrier) { return this.mappingContext<FedexOptions>(carrier); }
 *   protected async askRates(api, shipment, mapping, eligible, signal) { return parseRateResponse(await api.rate(...), eligible, mapping); }
 * }
 */
@Injectable()
export abstract class ApiCarrierAdapter<Api, Mapping> implements CarrierAdapter {
  abstract readonly code: string;
  protected abstract readonly access: ApiCarrierAccess;
  private readonly apis = new Map<string, Api>();

  constructor(
    protected readonly config: AppConfig,
    protected readonly http: CarrierHttpFactory,
    protected readonly reference: ReferenceData,
    protected readonly clock: Clock,
  ) {}

  abstract book(carrier: CarrierDefinition, request: BookingRequest, ctx: CallContext): Promise<BookingResult>;
  abstract cancel(carrier: CarrierDefinition, booking: { trackingNumber: string; carrierShipmentId?: string }, ctx: CallContext): Promise<void>;

  enabled(): boolean {
    return this.access.credentials.every((key) => Boolean(this.config[key]));
  }

  /** The context the carrier's mapper needs (account, options, currencies...). */
  protected abstract mapping(carrier: CarrierDefinition): Mapping;

  /** One rate call for the services that can take the shipment: the carrier's prices and the services it did not price. */
  protected abstract askRates(
    api: Api,
    shipment: ShipmentSpec,
    mapping: Mapping,
    eligible: ApiServiceDefinition[],
    signal: AbortSignal,
  ): Promise<{ rates: CarrierRate[]; notOffered: ApiServiceDefinition[] }>;

  /** Services the shipment cannot use are explained without a call; the carrier prices the rest in one. */
  async rate(carrier: CarrierDefinition, shipment: ShipmentSpec, ctx: CallContext): Promise<RateResult> {
    const mapping = this.mapping(carrier);
    return rateApiServices((carrier as ApiCarrierDefinition).services, shipment, (eligible) => this.askRates(this.api(carrier), shipment, mapping, eligible, ctx.signal), carrier.currency);
  }

  /** Builds the carrier's API wrapper around its HTTP client (once per carrier folder). */
  protected abstract createApi(client: CarrierHttpClient, carrier: CarrierDefinition, settings: ApiCarrierSettings): Api;

  protected setting(key: ConfigKey): string | undefined {
    return this.config[key] as string | undefined;
  }

  /**
   * The credentials to scrub from carrier messages (the account number is not secret), longest
   * first so that one containing another is never left half scrubbed.
   */
  private secrets(): string[] {
    return this.access.credentials
      .filter((key) => key !== this.access.accountNumber)
      .map((key) => this.setting(key) ?? '')
      .sort((a, b) => b.length - a.length);
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
        secrets: this.secrets(),
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
