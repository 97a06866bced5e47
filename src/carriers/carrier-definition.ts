import type { Money } from '../money/money';

/**
 * A carrier as operations staff describe it in `carriers/<id>/carrier.yaml` (format in
 * `carriers/README.md`). The common part is typed here; each adapter adds its own fields (validated
 * by the adapter's schema) and the tables it loads from the carrier's folder.
 */
export interface CarrierDefinition {
  id: string;
  name: string;
  /** Code of the adapter that speaks to this carrier (`rate-card`, `mydhl`, `ups`, `fedex`). */
  adapter: string;
  description?: string;
  /** Where the prices and rules come from, and whether they are published list prices or an example. */
  source: { url?: string; note?: string; retrieved: string; status: 'published' | 'example' | 'carrier-api' };
  /** Currency of the carrier's prices. */
  currency: string;
  /** Countries the carrier's own shipments start in (its `returns` offers also pick up elsewhere, for return lanes only). */
  origins: string[];
  /** Return products: labels from a buyer's country back to the merchant (carrier.yaml `returns`). */
  returns?: ReturnOffer[];
  /** IANA zone where cut-off times are read, e.g. `Europe/Berlin`. */
  timeZone: string;
  services: ServiceDefinition[];
  /**
   * How customs treat the carrier's shipments: `courier` (express integrators, freight) or `postal`
   * (items in the UPU postal stream, with their own de minimis and clearance rules). Default `courier`.
   */
  mode?: 'courier' | 'postal';
  /** Format of the carrier's tracking numbers; booking issues numbers from it for carriers without an API. */
  trackingNumber?: TrackingNumberFormat;
  /** Whether the carrier offers delivered-duty-paid, and its fees for collecting duties and taxes. */
  ddp?: DdpTerms;
  /** The folder the definition was read from (absolute). */
  dir: string;
  /** The YAML as read, for adapter-specific fields. */
  raw: Record<string, unknown>;
  /** Tables the adapter loaded from the folder (zone maps, rate cards, event codes). */
  tables: Record<string, unknown>;
}

export interface ServiceDefinition {
  code: string;
  name: string;
  /** Local time (HH:mm, in the carrier's time zone) after which a parcel leaves the next business day. */
  cutoff?: string;
  /** Any further fields the adapter's schema allows (limits, accepts, rate tables, option codes). */
  [key: string]: unknown;
}

/**
 * A return product of the carrier: it picks a parcel up in one of `from` and delivers it to one of
 * `to` (the merchant's country), booked with `service` (its limits, what it accepts, its tracking
 * numbers). Real products: DHL Express Worldwide Import (an import account pays; pick-up in any
 * country DHL Express delivers to), Deutsche Post DHL Retoure International, Asendia e-PAQ Returns.
 *
 * @example { service: express-worldwide, name: DHL Express Worldwide Import, from: [CA, US], to: [DE] }
 */
export interface ReturnOffer {
  /** Code of one of the carrier's services: the return label is booked with it. */
  service: string;
  /** The carrier's name for the return product, e.g. `DHL Express Worldwide Import`. */
  name: string;
  /**
   * Countries the buyer hands the parcel over in. A rate-card carrier may write `served` in carrier.yaml
   * (every country its tables price for the service); the loader replaces it with the list.
   */
  from: string[];
  /** Countries the returns are delivered to: the merchant's, each among `origins`. */
  to: string[];
  /**
   * Rate-card carriers: how the reverse lane is priced. `zone: pickup-country` takes the zone the
   * carrier's zone map gives the buyer's country (the zone of the outbound lane to it), with its transit
   * days; `table` names the weight table in rates.csv (default: the service's own).
   */
  pricing?: { zone: 'pickup-country'; table?: string };
}

/**
 * A tracking-number format, by `format`, with the block of serials the carrier assigned (`range`,
 * inclusive; default the format's whole space):
 * - `s10`: UPU S10 (`RR123456785DE`): two letters of service indicator, 8 serial digits, a mod-11 check
 *   digit with weights 8 6 4 2 3 5 9 7, then the issuing country.
 * - `mod7`: `length` digits (after an optional `prefix`) whose last digit is the serial number mod 7
 *   (DHL Express air waybills).
 * - `mod10`: `prefix` then digits whose last is a GS1 mod-10 check digit (weights 3 and 1 from the right)
 *   over the digits; `length` counts the whole number including the prefix.
 * - `sscc`: GS1 SSCC-18 per pallet: extension digit, GS1 company prefix, serial, mod-10 check digit.
 * - `ups`: UPS 1Z numbers a shipper with UPS-certified labels issues: `1Z`, `shipperId` (6), `serviceCode` (2),
 *   7 serial digits, a mod-10 check digit.
 * - `fedex-express` (12 digits, weighted mod 11) and `fedex-ground` (15 digits, mod 10): blocks FedEx
 *   assigns to label-certified shippers.
 * - `dpd`: DPD parcel numbers: `depot` (4 digits), 10 serial digits, an ISO 7064 MOD 37,36 check character.
 * - `usps-impb`: USPS Intelligent Mail package barcodes: `94`, `serviceCode` (3 digits), a 9-digit Mailer
 *   ID `shipperId`, 7 serial digits, a GS1 mod-10 check digit.
 *
 * @example { format: s10, serviceIndicator: "CX", countryCode: "DE" }
 * @example { format: dpd, depot: "0176", range: { from: 5000000, to: 5999999 } }
 */
export type TrackingNumberFormat = (
  | { format: 's10'; serviceIndicator: string; countryCode: string }
  | { format: 'mod7'; length: number; prefix?: string }
  | { format: 'mod10'; length: number; prefix?: string }
  | { format: 'sscc'; extensionDigit: string; companyPrefix: string }
  | { format: 'ups'; shipperId: string; serviceCode: string }
  | { format: 'fedex-express' }
  | { format: 'fedex-ground' }
  | { format: 'dpd'; depot: string }
  | { format: 'usps-impb'; shipperId: string; serviceCode: string }
) & {
  range?: { from: number; to: number };
};

/** Every `format` a carrier.yaml `trackingNumber` block may name (checked against the issuing code by a test). */
export const TRACKING_NUMBER_FORMATS = ['s10', 'mod7', 'mod10', 'sscc', 'ups', 'fedex-express', 'fedex-ground', 'dpd', 'usps-impb'] as const;

/**
 * What a carrier charges for handling duties and taxes. With `incoterm: DDP` the shipper pays
 * `ddpFee`; with DAP the carrier advances duties at import and bills the recipient
 * `disbursementFee` (a percentage of the amount advanced with a minimum, or a flat fee).
 * The landed-cost engine receives these through `LandedCostInput.carrierFees`.
 */
export interface DdpTerms {
  /** False when the carrier cannot bill duties to the shipper (quotes with DDP then exclude it). */
  supported: boolean;
  ddpFee?: Money;
  disbursementFee?: { percent?: number; minimum?: Money; flat?: Money };
}

/** Money in YAML: `{ amount: "12.50", currency: EUR }`, the amount quoted as in the API. */
export const MONEY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['amount', 'currency'],
  properties: {
    amount: { type: 'string', pattern: '^\\d+(\\.\\d{1,4})?$' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
} as const;

const COUNTRIES = { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[A-Z]{2}$' } } as const;

/**
 * carrier.yaml `returns` (see `ReturnOffer`): every adapter may list the countries; rate-card carriers
 * also say how the reverse lane is priced (their kind's schema replaces this one).
 */
export const RETURNS_SCHEMA = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['service', 'name', 'from', 'to'],
    properties: {
      service: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 40 },
      name: { type: 'string', minLength: 1 },
      from: COUNTRIES,
      to: COUNTRIES,
    },
  },
} as const;

/** JSON Schema fragments shared by every adapter's carrier.yaml schema. */
export const COMMON_CARRIER_PROPERTIES = {
  id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 40 },
  name: { type: 'string', minLength: 1 },
  adapter: { type: 'string' },
  description: { type: 'string' },
  source: {
    type: 'object',
    additionalProperties: false,
    required: ['retrieved', 'status'],
    properties: {
      url: { type: 'string' },
      note: { type: 'string' },
      retrieved: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      status: { enum: ['published', 'example', 'carrier-api'] },
    },
  },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  origins: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Z]{2}$' } },
  returns: RETURNS_SCHEMA,
  timeZone: { type: 'string', minLength: 3 },
  mode: { enum: ['courier', 'postal'] },
  trackingNumber: {
    type: 'object',
    additionalProperties: false,
    required: ['format'],
    properties: {
      format: { enum: TRACKING_NUMBER_FORMATS },
      serviceIndicator: { type: 'string', pattern: '^[A-Z]{2}$' },
      countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
      length: { type: 'integer', minimum: 6, maximum: 40 },
      prefix: { type: 'string', pattern: '^[A-Z0-9]{1,10}$' },
      extensionDigit: { type: 'string', pattern: '^\\d$' },
      companyPrefix: { type: 'string', pattern: '^\\d{7,10}$' },
      shipperId: { type: 'string' },
      serviceCode: { type: 'string' },
      depot: { type: 'string', pattern: '^\\d{4}$' },
      range: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: { from: { type: 'integer', minimum: 0 }, to: { type: 'integer', minimum: 0 } },
      },
    },
    allOf: [
      // Ajv's strict mode wants the properties a `required` names declared beside it.
      { if: { properties: { format: { const: 's10' } } }, then: { properties: { serviceIndicator: true, countryCode: true }, required: ['serviceIndicator', 'countryCode'] } },
      { if: { properties: { format: { enum: ['mod7', 'mod10'] } } }, then: { properties: { length: true }, required: ['length'] } },
      { if: { properties: { format: { const: 'sscc' } } }, then: { properties: { extensionDigit: true, companyPrefix: true }, required: ['extensionDigit', 'companyPrefix'] } },
      {
        if: { properties: { format: { const: 'ups' } } },
        then: { properties: { shipperId: { type: 'string', pattern: '^[A-Z0-9]{6}$' }, serviceCode: { type: 'string', pattern: '^[A-Z0-9]{2}$' } }, required: ['shipperId', 'serviceCode'] },
      },
      { if: { properties: { format: { const: 'dpd' } } }, then: { properties: { depot: true }, required: ['depot'] } },
      {
        if: { properties: { format: { const: 'usps-impb' } } },
        then: { properties: { shipperId: { type: 'string', pattern: '^9\\d{8}$' }, serviceCode: { type: 'string', pattern: '^\\d{3}$' } }, required: ['shipperId', 'serviceCode'] },
      },
    ],
  },
  ddp: {
    type: 'object',
    additionalProperties: false,
    required: ['supported'],
    properties: {
      supported: { type: 'boolean' },
      ddpFee: MONEY_SCHEMA,
      disbursementFee: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        properties: {
          percent: { type: 'number', minimum: 0, maximum: 100 },
          minimum: MONEY_SCHEMA,
          flat: MONEY_SCHEMA,
        },
      },
    },
  },
} as const;

export const COMMON_CARRIER_REQUIRED = ['id', 'name', 'adapter', 'source', 'currency', 'origins', 'timeZone', 'services'] as const;
