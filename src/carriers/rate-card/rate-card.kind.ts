import { COMMON_CARRIER_PROPERTIES, COMMON_CARRIER_REQUIRED, MONEY_SCHEMA, RETURNS_SCHEMA } from '../carrier-definition';
import type { CarrierKind } from '../carrier-kind';
import { loadRateCardTables } from './rate-card-tables.loader';

const CODE = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 40 } as const;
const FILE = { type: 'string', pattern: '^[A-Za-z0-9._-]+\\.csv$' } as const;
const POSITIVE = { type: 'number', exclusiveMinimum: 0 } as const;
const NON_NEGATIVE = { type: 'number', minimum: 0 } as const;
const DIMENSIONS = { type: 'array', minItems: 3, maxItems: 3, items: POSITIVE } as const;
const STRINGS = (pattern: string) => ({ type: 'array', minItems: 1, items: { type: 'string', pattern } }) as const;

const DANGEROUS_GOODS_RULE = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1 },
    unNumbers: STRINGS('^UN\\d{4}$'),
    classes: STRINGS('^[1-9](\\.[1-6])?$'),
    packingInstructions: STRINGS('^PI\\d{3}$'),
    sections: STRINGS('^(IA|IB|I|II)$'),
    packingGroups: STRINGS('^(I|II|III)$'),
    maxQuantity: { type: 'integer', minimum: 1 },
  },
} as const;

/** One condition per surcharge rule (see SurchargeCondition). */
const SURCHARGE_CONDITION = {
  type: 'object',
  minProperties: 1,
  maxProperties: 1,
  additionalProperties: false,
  properties: {
    always: { const: true },
    remoteArea: { const: true },
    residential: { const: true },
    fragile: { const: true },
    dryIce: { const: true },
    insurance: { const: true },
    signature: { enum: ['standard', 'adult', 'any'] },
    dangerousGoods: {
      anyOf: [
        { enum: ['any', 'fully-regulated', 'lithium-section-ii'] },
        {
          type: 'object',
          additionalProperties: false,
          required: ['unNumbers'],
          properties: { unNumbers: STRINGS('^UN\\d{4}$') },
        },
      ],
    },
    temperatureRange: CODE,
    longestSideOverCm: POSITIVE,
    parcelWeightOverKg: POSITIVE,
    lengthPlusGirthOverCm: POSITIVE,
  },
} as const;

const SURCHARGE_CHARGE = {
  type: 'object',
  additionalProperties: false,
  properties: {
    amount: NON_NEGATIVE,
    per: { enum: ['shipment', 'parcel', 'kg', 'dry-ice-kg'] },
    percent: { type: 'number', minimum: 0, maximum: 1000 },
    of: { enum: ['base', 'insured-value'] },
    minimum: NON_NEGATIVE,
    maximum: POSITIVE,
  },
  // Either a percentage of something or an amount per unit. (Ajv's strict mode wants the properties a
  // `required` names declared beside it.)
  if: { properties: { percent: true }, required: ['percent'] },
  then: { properties: { of: true }, required: ['of'] },
  else: { properties: { amount: true, per: true }, required: ['amount', 'per'] },
} as const;

const SERVICE = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'tracked', 'pricing', 'limits'],
  properties: {
    code: CODE,
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    cutoff: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
    tracked: { type: 'boolean' },
    trackingNumber: COMMON_CARRIER_PROPERTIES.trackingNumber,
    transitFrom: { enum: ['zones', 'lanes'] },
    pricing: {
      type: 'object',
      additionalProperties: false,
      required: ['method', 'table'],
      properties: {
        method: { enum: ['weight', 'pallet'] },
        basis: { enum: ['shipment', 'parcel'] },
        table: CODE,
        dimensionalDivisor: { type: 'integer', minimum: 1000, maximum: 10000 },
        minimumChargeableKg: POSITIVE,
      },
      if: { properties: { method: { const: 'weight' } } },
      then: { properties: { basis: true }, required: ['basis'] },
    },
    limits: {
      type: 'object',
      additionalProperties: false,
      required: ['maxParcelWeightKg'],
      properties: {
        maxParcels: { type: 'integer', minimum: 1 },
        maxParcelWeightKg: POSITIVE,
        maxShipmentWeightKg: POSITIVE,
        maxDimensionsCm: DIMENSIONS,
        maxLengthPlusGirthCm: POSITIVE,
        maxSumOfSidesCm: POSITIVE,
        maxValue: MONEY_SCHEMA,
      },
    },
    accepts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        pallets: { type: 'boolean' },
        dangerousGoods: { type: 'array', items: DANGEROUS_GOODS_RULE },
        dryIce: {
          type: 'object',
          additionalProperties: false,
          required: ['maxKgPerParcel'],
          properties: { maxKgPerParcel: POSITIVE },
        },
        signature: { type: 'array', uniqueItems: true, items: { enum: ['standard', 'adult'] } },
        insurance: {
          type: 'object',
          additionalProperties: false,
          required: ['maxValue'],
          properties: { maxValue: MONEY_SCHEMA },
        },
        temperature: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['code', 'name', 'minC', 'maxC'],
            properties: {
              code: CODE,
              name: { type: 'string', minLength: 1 },
              minC: { type: 'number', minimum: -196, maximum: 60 },
              maxC: { type: 'number', minimum: -196, maximum: 60 },
            },
          },
        },
      },
    },
  },
} as const;

/**
 * Return products of a rate-card carrier: `from` may be `served` (every country the service's tables
 * price), and `pricing` says which zone and weight table price the reverse lane.
 */
const RETURNS = {
  ...RETURNS_SCHEMA,
  items: {
    ...RETURNS_SCHEMA.items,
    required: [...RETURNS_SCHEMA.items.required, 'pricing'],
    properties: {
      ...RETURNS_SCHEMA.items.properties,
      from: { anyOf: [{ const: 'served' }, RETURNS_SCHEMA.items.properties.from] },
      pricing: {
        type: 'object',
        additionalProperties: false,
        required: ['zone'],
        properties: { zone: { const: 'pickup-country' }, table: CODE },
      },
    },
  },
} as const;

/** carrier.yaml of carriers priced from tables in their folder (format in carriers/README.md). */
export const RATE_CARD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [...COMMON_CARRIER_REQUIRED, 'files', 'trackingNumber', 'ddp'],
  properties: {
    ...COMMON_CARRIER_PROPERTIES,
    adapter: { const: 'rate-card' },
    returns: RETURNS,
    files: {
      type: 'object',
      additionalProperties: false,
      required: ['zones'],
      properties: {
        zones: FILE,
        rates: FILE,
        transit: FILE,
        remoteAreas: FILE,
        lanes: FILE,
        palletRates: FILE,
      },
    },
    fuel: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'percent'],
        properties: {
          from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          percent: { type: 'number', minimum: 0, maximum: 100 },
        },
      },
    },
    palletTypes: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'maxWeightKg', 'maxDimensionsCm'],
        properties: { code: CODE, name: { type: 'string' }, maxWeightKg: POSITIVE, maxDimensionsCm: DIMENSIONS },
      },
    },
    surcharges: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'when', 'charge'],
        properties: {
          code: CODE,
          name: { type: 'string', minLength: 1 },
          when: SURCHARGE_CONDITION,
          charge: SURCHARGE_CHARGE,
          fuel: { type: 'boolean' },
          services: { type: 'array', minItems: 1, items: CODE },
        },
      },
    },
    services: { type: 'array', minItems: 1, items: SERVICE },
  },
} as const;

export const rateCardKind: CarrierKind = { adapter: 'rate-card', schema: RATE_CARD_SCHEMA, loadTables: loadRateCardTables };
