import path from 'node:path';
import { loadCsvFile } from '../../platform/data-files/csv-file';
import type { DataFileProblem } from '../../platform/data-files/data-file-problem';
import { COMMON_CARRIER_PROPERTIES, COMMON_CARRIER_REQUIRED, CarrierDefinition, ServiceDefinition } from '../carrier-definition';
import type { CarrierKind } from '../carrier-kind';
import { EventCodeTable, TRACKING_STATUSES } from './event-code-table';

/** Limits and accepted handling of one service of an API carrier (checked before the carrier is asked). */
export interface ApiServiceDefinition extends ServiceDefinition {
  /** The carrier's own code for the service (MyDHL productCode, UPS Service.Code, FedEx serviceType). */
  carrierCode: string;
  /** `international`, `domestic` or `both`. */
  scope: 'international' | 'domestic' | 'both';
  limits: { maxWeightKg: number; maxLengthCm?: number; maxLengthPlusGirthCm?: number; maxParcels?: number };
  accepts: {
    /** Lithium packing instructions with section accepted, e.g. `PI967-II`; `any` allows other classes too. */
    dangerousGoods: string[];
    dryIce: boolean;
    signature: ('standard' | 'adult')[];
    temperatureControl: boolean;
    /** Highest insured value, in the carrier currency. */
    maxInsurance?: number;
  };
  /** Destination countries not served (sanctions, carrier suspensions). */
  excludedDestinations?: string[];
}

export interface ApiCarrierDefinition extends CarrierDefinition {
  services: ApiServiceDefinition[];
}

/** What the carrier folder's YAML adds for API carriers. */
export interface ApiCarrierSettings {
  api: { productionUrl: string; testUrl?: string; version?: string };
  trackingUrl?: string;
  /** Carrier option codes for our handling needs (shape per adapter). */
  options: Record<string, unknown>;
}

const SERVICE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'carrierCode', 'scope', 'limits', 'accepts'],
  properties: {
    code: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
    name: { type: 'string', minLength: 1 },
    cutoff: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
    carrierCode: { type: 'string', minLength: 1 },
    scope: { enum: ['international', 'domestic', 'both'] },
    limits: {
      type: 'object',
      additionalProperties: false,
      required: ['maxWeightKg'],
      properties: {
        maxWeightKg: { type: 'number', exclusiveMinimum: 0 },
        maxLengthCm: { type: 'number', exclusiveMinimum: 0 },
        maxLengthPlusGirthCm: { type: 'number', exclusiveMinimum: 0 },
        maxParcels: { type: 'integer', minimum: 1 },
      },
    },
    accepts: {
      type: 'object',
      additionalProperties: false,
      required: ['dangerousGoods', 'dryIce', 'signature', 'temperatureControl'],
      properties: {
        dangerousGoods: { type: 'array', items: { type: 'string', pattern: '^(PI9(65|66|67|68|69|70)-(IA|IB|I|II)|any)$' } },
        dryIce: { type: 'boolean' },
        signature: { type: 'array', items: { enum: ['standard', 'adult'] } },
        temperatureControl: { type: 'boolean' },
        maxInsurance: { type: 'number', minimum: 0 },
      },
    },
    excludedDestinations: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
  },
} as const;

const EVENT_CODE_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'status', 'description'],
  properties: {
    code: { type: 'string', minLength: 1 },
    status: { enum: [...TRACKING_STATUSES] },
    substatus: { type: 'string', pattern: '^[a-z_]+$' },
    reason: { type: 'string', pattern: '^[a-z_]+$' },
    actionRequired: { enum: ['true', 'false', 'yes', 'no'] },
    description: { type: 'string', minLength: 1 },
  },
} as const;

/**
 * The carrier.yaml schema and table loader shared by the API adapters (`mydhl`, `ups`, `fedex`):
 * common carrier fields, `api` (production and test base URLs, API version), per-service limits and
 * accepted handling, the adapter's option-code map (its own schema), and `events.csv`.
 */
export function apiCarrierKind(adapter: string, optionsSchema: object): CarrierKind {
  return {
    adapter,
    schema: {
      type: 'object',
      additionalProperties: false,
      required: [...COMMON_CARRIER_REQUIRED, 'api', 'options'],
      properties: {
        ...COMMON_CARRIER_PROPERTIES,
        adapter: { const: adapter },
        api: {
          type: 'object',
          additionalProperties: false,
          required: ['productionUrl'],
          properties: {
            productionUrl: { type: 'string', pattern: '^https://' },
            testUrl: { type: 'string', pattern: '^https://' },
            version: { type: 'string', minLength: 1 },
          },
        },
        trackingUrl: { type: 'string', pattern: '^https://.*\\{trackingNumber\\}' },
        options: optionsSchema,
        services: { type: 'array', minItems: 1, items: SERVICE_SCHEMA },
      },
    },
    loadTables: async (definition, baseDir) => loadEventCodes(definition, baseDir),
  };
}

async function loadEventCodes(definition: CarrierDefinition, baseDir: string): Promise<{ tables: Record<string, unknown>; problems: DataFileProblem[] }> {
  const file = path.join(definition.dir, 'events.csv');
  // The same file the tracking room reads for pushed events (its loader checks substatus and reason
  // names against the unified model); here it maps the events the adapter pulls.
  const loaded = await loadCsvFile<{ code: string; status: string; substatus?: string; reason?: string; description: string }>(file, EVENT_CODE_ROW, baseDir);
  const problems = [...loaded.problems];
  const rel = path.relative(baseDir, file);
  if (!loaded.headerComments.some((c) => /source/i.test(c))) {
    problems.push({ file: rel, message: 'must start with a "# source: ..." comment line naming where the codes come from' });
  }
  const seen = new Set<string>();
  for (const { line, record } of loaded.rows) {
    if (seen.has(record.code)) problems.push({ file: rel, line, field: 'code', message: `duplicate code "${record.code}"` });
    seen.add(record.code);
  }
  return { tables: { eventCodes: new EventCodeTable(loaded.rows.map((r) => r.record)) }, problems };
}
