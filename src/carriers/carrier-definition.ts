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
  /** Countries the carrier picks up from. */
  origins: string[];
  /** IANA zone where cut-off times are read, e.g. `Europe/Berlin`. */
  timeZone: string;
  services: ServiceDefinition[];
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
  timeZone: { type: 'string', minLength: 3 },
} as const;

export const COMMON_CARRIER_REQUIRED = ['id', 'name', 'adapter', 'source', 'currency', 'origins', 'timeZone', 'services'] as const;
