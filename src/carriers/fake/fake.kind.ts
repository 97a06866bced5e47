import { COMMON_CARRIER_PROPERTIES, COMMON_CARRIER_REQUIRED } from '../carrier-definition';
import type { CarrierKind } from '../carrier-kind';

/**
 * carrier.yaml of a fake carrier (adapter `fake`) for tests and demos: it answers after `delayMs`
 * with one flat price per service, or fails with a carrier error code.
 */
export const FAKE_CARRIER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [...COMMON_CARRIER_REQUIRED, 'behaviour'],
  properties: {
    ...COMMON_CARRIER_PROPERTIES,
    adapter: { const: 'fake' },
    behaviour: {
      type: 'object',
      additionalProperties: false,
      properties: {
        delayMs: { type: 'integer', minimum: 0, maximum: 600000 },
        fail: { enum: ['TIMEOUT', 'RATE_LIMITED', 'AUTH', 'INVALID_REQUEST', 'UNAVAILABLE', 'UNKNOWN'] },
        /** Throw a plain error instead of a CarrierError (a bug in an adapter). */
        crash: { type: 'boolean' },
        /** Report the carrier as not configured (`enabled()` false), like an API carrier without credentials. */
        disabled: { type: 'boolean' },
      },
    },
    services: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name', 'price', 'minDays', 'maxDays'],
        properties: {
          code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          name: { type: 'string' },
          cutoff: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
          price: { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$' },
          minDays: { type: 'integer', minimum: 0 },
          maxDays: { type: 'integer', minimum: 0 },
        },
      },
    },
  },
} as const;

export const fakeCarrierKind: CarrierKind = { adapter: 'fake', schema: FAKE_CARRIER_SCHEMA };
