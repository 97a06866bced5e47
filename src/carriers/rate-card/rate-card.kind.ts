import { COMMON_CARRIER_PROPERTIES, COMMON_CARRIER_REQUIRED } from '../carrier-definition';
import type { CarrierKind } from '../carrier-kind';

/** carrier.yaml of carriers priced from tables in their folder. */
export const RATE_CARD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [...COMMON_CARRIER_REQUIRED],
  properties: {
    ...COMMON_CARRIER_PROPERTIES,
    adapter: { const: 'rate-card' },
    services: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name'],
        properties: {
          code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
          name: { type: 'string' },
          cutoff: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
        },
      },
    },
  },
} as const;

export const rateCardKind: CarrierKind = { adapter: 'rate-card', schema: RATE_CARD_SCHEMA };
