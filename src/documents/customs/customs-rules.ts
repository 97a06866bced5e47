import type { Money } from '../../money/money';

/** A part of a country picked out by the start of its postal codes (e.g. DE 27498, Heligoland). */
export interface TerritoryPart {
  country: string;
  postalCodePrefixes: string[];
  name: string;
}

/**
 * An area inside which goods move without customs formalities: a customs union together with its
 * VAT area (a parcel crossing a fiscal border still needs a declaration).
 */
export interface CustomsTerritory {
  id: string;
  name: string;
  include: ({ countries: string[] } | TerritoryPart)[];
  exclude?: TerritoryPart[];
}

/** Injection token of the loaded CustomsFormRules. */
export const CUSTOMS_FORM_RULES = Symbol('CUSTOMS_FORM_RULES');

/** The rules read from `tariffs/documents/customs-forms.yaml`. */
export interface CustomsFormRules {
  customsTerritories: CustomsTerritory[];
  postalDeclarations: {
    cn22: {
      /** The UPU limit, in SDR (ISO 4217 `XDR`). */
      maxValue: Money;
      /** The limit in other currencies; values in an unlisted currency get a CN 23. */
      equivalents: Money[];
      maxWeightKg: number;
    };
  };
}

export const CUSTOMS_FORM_RULES_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'customsTerritories', 'postalDeclarations'],
  $defs: {
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    money: {
      type: 'object',
      additionalProperties: false,
      required: ['amount', 'currency'],
      properties: { amount: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
    },
    part: {
      type: 'object',
      additionalProperties: false,
      required: ['country', 'postalCodePrefixes', 'name'],
      properties: {
        country: { $ref: '#/$defs/country' },
        postalCodePrefixes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[0-9A-Z]+$' } },
        name: { type: 'string' },
      },
    },
  },
  properties: {
    source: {
      type: 'object',
      required: ['url', 'retrieved'],
      properties: { url: { type: 'string' }, retrieved: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
    },
    customsTerritories: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'include'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          include: {
            type: 'array',
            minItems: 1,
            items: {
              oneOf: [
                {
                  type: 'object',
                  additionalProperties: false,
                  required: ['countries'],
                  properties: { countries: { type: 'array', minItems: 1, items: { $ref: '#/$defs/country' } } },
                },
                { $ref: '#/$defs/part' },
              ],
            },
          },
          exclude: { type: 'array', items: { $ref: '#/$defs/part' } },
        },
      },
    },
    postalDeclarations: {
      type: 'object',
      additionalProperties: false,
      required: ['cn22'],
      properties: {
        cn22: {
          type: 'object',
          additionalProperties: false,
          required: ['maxValue', 'equivalents', 'maxWeightKg'],
          properties: {
            maxValue: { $ref: '#/$defs/money' },
            equivalents: { type: 'array', items: { $ref: '#/$defs/money' } },
            maxWeightKg: { type: 'number', exclusiveMinimum: 0 },
          },
        },
      },
    },
  },
} as const;
