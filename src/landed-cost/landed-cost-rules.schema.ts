/** JSON Schemas of the files under `tariffs/` that hold landed-cost rules (validated at boot). */

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const COUNTRY = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const COUNTRIES = { type: 'array', items: COUNTRY, minItems: 1 } as const;
const HS_PREFIXES = { type: 'array', items: { type: 'string', pattern: '^(\\*|\\d{2,10})$' }, minItems: 1 } as const;
export const MONEY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['amount', 'currency'],
  properties: { amount: { type: 'string', pattern: '^\\d+(\\.\\d+)?$' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
} as const;
const BASIS = { enum: ['intrinsic_value', 'customs_value', 'item_value', 'duty_amount', 'tax_amount', 'duty_and_tax_amount'] } as const;
const TAX_BASE = { type: 'array', minItems: 1, items: { enum: ['customs_value', 'intrinsic_value', 'shipping', 'insurance', 'duty', 'fees'] } } as const;
const CONDITIONS = {
  type: 'object',
  additionalProperties: false,
  properties: {
    shipFrom: COUNTRIES,
    shipFromNot: COUNTRIES,
    origins: COUNTRIES,
    originsNot: COUNTRIES,
    mode: { type: 'array', items: { enum: ['courier', 'postal'] }, minItems: 1 },
    importerTypes: { type: 'array', items: { enum: ['consumer', 'business'] }, minItems: 1 },
    registrations: { type: 'array', items: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' }, minItems: 1 },
  },
} as const;

const BASE_PROPS = {
  id: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]*$' },
  type: { type: 'string' },
  validFrom: DATE,
  validTo: DATE,
  source: { type: 'string', minLength: 8 },
  retrievedAt: DATE,
  note: { type: 'string' },
  countries: COUNTRIES,
} as const;
const BASE_REQUIRED = ['id', 'type', 'validFrom', 'source'];
const THRESHOLD_PROPS = { threshold: MONEY_SCHEMA, basis: BASIS, inclusive: { type: 'boolean' } } as const;

function recordType(type: string, props: Record<string, unknown>, required: string[]) {
  return {
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: {
      type: 'object',
      additionalProperties: false,
      required: [...BASE_REQUIRED, ...required],
      properties: { ...BASE_PROPS, ...props },
    },
  };
}

export const RECORD_TYPES = [
  'valuation',
  'customs_exchange_rate',
  'de_minimis',
  'collected_at_sale',
  'flat_duty',
  'additional_duty',
  'duty_surcharge',
  'simplified_regime',
  'tax',
  'fee',
  'warning',
] as const;

const RECORD_SCHEMA = {
  type: 'object',
  required: ['type'],
  properties: { type: { enum: RECORD_TYPES } },
  allOf: [
    recordType('valuation', { basis: { enum: ['CIF', 'FOB'] } }, ['basis']),
    recordType('customs_exchange_rate', { method: { enum: ['date', 'previous_day', 'ecb_penultimate_wednesday', 'hmrc_penultimate_thursday', 'monthly_first_day'] } }, ['method']),
    recordType('de_minimis', { ...THRESHOLD_PROPS, applies: { type: 'array', items: { enum: ['duty', 'tax'] }, minItems: 1 }, conditions: CONDITIONS }, ['threshold', 'basis', 'inclusive', 'applies']),
    recordType('collected_at_sale', { ...THRESHOLD_PROPS, conditions: CONDITIONS, exemptDuty: { type: 'boolean' }, taxBase: TAX_BASE }, ['threshold', 'basis', 'inclusive', 'conditions', 'exemptDuty', 'taxBase']),
    recordType(
      'flat_duty',
      { ...THRESHOLD_PROPS, name: { type: 'string' }, amount: MONEY_SCHEMA, per: { enum: ['distinct_subheading', 'consignment', 'item_line'] }, conditions: CONDITIONS, skipPreferenceClaimed: { type: 'boolean' } },
      ['threshold', 'basis', 'inclusive', 'name', 'amount', 'per', 'skipPreferenceClaimed'],
    ),
    recordType(
      'additional_duty',
      {
        name: { type: 'string' },
        heading: { type: 'string', pattern: '^\\d{4}\\.\\d{2}\\.\\d{2}$' },
        layer: { type: 'string', pattern: '^[a-z0-9_]+$' },
        rate: { type: 'string', minLength: 1 },
        hs: HS_PREFIXES,
        hsNot: HS_PREFIXES,
        conditions: CONDITIONS,
        stacking: { enum: ['additive', 'top_up_to'] },
        notWith: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9_]+$' } },
      },
      ['name', 'heading', 'layer', 'rate', 'hs', 'stacking'],
    ),
    recordType('duty_surcharge', { name: { type: 'string' }, percentOfDuty: { type: 'number', minimum: 0 }, conditions: CONDITIONS }, ['name', 'percentOfDuty']),
    recordType(
      'simplified_regime',
      {
        name: { type: 'string' },
        component: { type: 'string' },
        basis: BASIS,
        bands: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', additionalProperties: false, required: ['percent'], properties: { upTo: MONEY_SCHEMA, percent: { type: 'number', minimum: 0 }, deduction: MONEY_SCHEMA } },
        },
        replaces: { type: 'array', items: { enum: ['duty', 'tax'] }, minItems: 1 },
        conditions: CONDITIONS,
      },
      ['name', 'component', 'basis', 'bands', 'replaces'],
    ),
    recordType(
      'tax',
      { tax: { type: 'string', pattern: '^[a-z_]+$' }, base: TAX_BASE, inclusive: { type: 'boolean' }, percent: { type: 'number', minimum: 0, maximum: 100 }, rateTax: { type: 'string' }, conditions: CONDITIONS },
      ['tax', 'base'],
    ),
    recordType(
      'fee',
      {
        name: { type: 'string' },
        amount: MONEY_SCHEMA,
        percent: { type: 'number', minimum: 0 },
        minimum: MONEY_SCHEMA,
        maximum: MONEY_SCHEMA,
        per: { enum: ['consignment', 'distinct_subheading', 'item_line'] },
        basis: BASIS,
        above: MONEY_SCHEMA,
        atMost: MONEY_SCHEMA,
        taxable: { type: 'boolean' },
        conditions: CONDITIONS,
      },
      ['name', 'per', 'basis', 'taxable'],
    ),
    recordType('warning', { hs: HS_PREFIXES, message: { type: 'string', minLength: 5 }, conditions: CONDITIONS }, ['hs', 'message']),
  ],
} as const;

export const DESTINATION_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'countries', 'records'],
  properties: {
    id: { type: 'string', pattern: '^[a-z]{2,8}$' },
    name: { type: 'string' },
    countries: COUNTRIES,
    schedule: { type: 'string', pattern: '^[A-Z]{2}$' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    source: { type: 'string' },
    records: { type: 'array', items: RECORD_SCHEMA },
  },
} as const;

export const TARIFF_LINE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'expression', 'validFrom'],
  properties: {
    code: { type: 'string', pattern: '^(\\*|\\d{2}|\\d{4}|\\d{6}|\\d{8}|\\d{10})$' },
    expression: { type: 'string', minLength: 1 },
    validFrom: DATE,
    validTo: DATE,
    origins: { type: 'string', pattern: '^(\\*|[A-Z]{2})( [A-Z]{2})*$' },
    program: { type: 'string' },
    description: { type: 'string' },
    source: { type: 'string', minLength: 8 },
  },
} as const;

export const TAX_RATE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'tax', 'kind', 'percent', 'validFrom', 'source'],
  properties: {
    country: COUNTRY,
    region: { type: 'string', pattern: '^[A-Z0-9]{1,3}$' },
    tax: { type: 'string', pattern: '^[a-z_]+$' },
    kind: { enum: ['standard', 'reduced', 'zero'] },
    percent: { type: 'number', minimum: 0, maximum: 100 },
    hs: { type: 'string', pattern: '^\\d{2,10}( \\d{2,10})*$' },
    validFrom: DATE,
    validTo: DATE,
    source: { type: 'string', minLength: 8 },
  },
} as const;

export const WARNINGS_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['records'],
  properties: {
    source: { type: 'string' },
    records: { type: 'array', items: { ...RECORD_SCHEMA, properties: { type: { const: 'warning' } } } },
  },
} as const;
