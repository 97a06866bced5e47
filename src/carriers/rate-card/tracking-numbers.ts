import {
  mod10CheckDigit,
  mod37x36CheckChar,
  mod7CheckDigit,
  s10CheckDigit,
  weightedMod11CheckDigit,
} from './tracking-number-check-digits';

/** Tracking-number formats we can issue for carriers that have no API of their own. */
export type TrackingNumberFormat = 's10' | 'ups' | 'fedex-express' | 'fedex-ground' | 'dhl-express' | 'dpd' | 'usps-impb';

/**
 * The `trackingNumber:` block of a rate-card carrier (or of one of its services) in `carrier.yaml`.
 *
 * @example { format: s10, serviceIndicator: RR, countryCode: DE }           # RR123456785DE
 * @example { format: ups, shipperId: 5R8939, serviceCode: '03' }           # 1Z5R89390357567127
 * @example { format: s10, serviceIndicator: LX, countryCode: NL, range: { from: 10000000, to: 19999999 } }
 */
export interface TrackingNumberSpec {
  format: TrackingNumberFormat;
  /** S10: two letters, the service (R registered, L letter-post express, E EMS, C/V parcels, ...). */
  serviceIndicator?: string;
  /** S10: the issuing postal operator's country (ISO 3166-1 alpha-2). */
  countryCode?: string;
  /** UPS: 6-character account (shipper) number; USPS: 9-digit mailer id (starting with 9). */
  shipperId?: string;
  /** UPS: 2-character service code; USPS: 3-digit service type code. */
  serviceCode?: string;
  /** DPD: 4-digit depot number. */
  depot?: string;
  /** The block of serials the carrier assigned to us, inclusive. Defaults to the format's whole space. */
  range?: { from: number; to: number };
}

/** JSON Schema of the `trackingNumber:` block, for the rate-card carrier.yaml schema. */
export const TRACKING_NUMBER_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['format'],
  properties: {
    format: { enum: ['s10', 'ups', 'fedex-express', 'fedex-ground', 'dhl-express', 'dpd', 'usps-impb'] },
    serviceIndicator: { type: 'string', pattern: '^[A-Z]{2}$' },
    countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
    shipperId: { type: 'string', pattern: '^[A-Z0-9]{6,9}$' },
    serviceCode: { type: 'string', pattern: '^[A-Z0-9]{2,3}$' },
    depot: { type: 'string', pattern: '^\\d{4}$' },
    range: {
      type: 'object',
      additionalProperties: false,
      required: ['from', 'to'],
      properties: { from: { type: 'integer', minimum: 0 }, to: { type: 'integer', minimum: 0 } },
    },
  },
} as const;

interface FormatRule {
  /** Number of serial values the format can hold. */
  capacity: number;
  /** Fields of the spec the format needs, with their exact shape. */
  requires: Partial<Record<keyof TrackingNumberSpec, RegExp>>;
  build(spec: TrackingNumberSpec, serial: number): string;
  /** A whole number of this format, check digit included. */
  pattern: RegExp;
  isValid(value: string): boolean;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const FORMATS: Record<TrackingNumberFormat, FormatRule> = {
  s10: {
    capacity: 1e8,
    requires: { serviceIndicator: /^[A-Z]{2}$/, countryCode: /^[A-Z]{2}$/ },
    build: (s, n) => `${s.serviceIndicator}${pad(n, 8)}${s10CheckDigit(pad(n, 8))}${s.countryCode}`,
    pattern: /^[A-Z]{2}\d{9}[A-Z]{2}$/,
    isValid: (v) => s10CheckDigit(v.slice(2, 10)) === Number(v[10]),
  },
  ups: {
    capacity: 1e7,
    requires: { shipperId: /^[A-Z0-9]{6}$/, serviceCode: /^[A-Z0-9]{2}$/ },
    build: (s, n) => {
      const body = `${s.shipperId}${s.serviceCode}${pad(n, 7)}`;
      return `1Z${body}${mod10CheckDigit(body, { oddsMultiplier: 2 })}`;
    },
    pattern: /^1Z[A-Z0-9]{15}\d$/,
    isValid: (v) => mod10CheckDigit(v.slice(2, 17), { oddsMultiplier: 2 }) === Number(v[17]),
  },
  'fedex-express': {
    capacity: 1e11,
    requires: {},
    build: (_s, n) => `${pad(n, 11)}${weightedMod11CheckDigit(pad(n, 11), FEDEX_WEIGHTS)}`,
    pattern: /^\d{12}$/,
    isValid: (v) => weightedMod11CheckDigit(v.slice(0, 11), FEDEX_WEIGHTS) === Number(v[11]),
  },
  'fedex-ground': {
    capacity: 1e14,
    requires: {},
    build: (_s, n) => `${pad(n, 14)}${mod10CheckDigit(pad(n, 14), { oddsMultiplier: 3 })}`,
    pattern: /^\d{15}$/,
    isValid: (v) => mod10CheckDigit(v.slice(0, 14), { oddsMultiplier: 3 }) === Number(v[14]),
  },
  'dhl-express': {
    capacity: 1e9,
    requires: {},
    build: (_s, n) => `${pad(n, 9)}${mod7CheckDigit(pad(n, 9))}`,
    pattern: /^\d{10,11}$/,
    isValid: (v) => mod7CheckDigit(v.slice(0, -1)) === Number(v.slice(-1)),
  },
  dpd: {
    capacity: 1e10,
    requires: { depot: /^\d{4}$/ },
    build: (s, n) => `${s.depot}${pad(n, 10)}${mod37x36CheckChar(`${s.depot}${pad(n, 10)}`)}`,
    pattern: /^\d{14}[0-9A-Z]$/,
    isValid: (v) => mod37x36CheckChar(v.slice(0, 14)) === v[14],
  },
  'usps-impb': {
    capacity: 1e7,
    requires: { shipperId: /^9\d{8}$/, serviceCode: /^\d{3}$/ },
    build: (s, n) => {
      const body = `94${s.serviceCode}${s.shipperId}${pad(n, 7)}`;
      return `${body}${mod10CheckDigit(body, { evensMultiplier: 3, reverse: true })}`;
    },
    pattern: /^9[2-5]\d{20}$/,
    isValid: (v) => mod10CheckDigit(v.slice(0, 21), { evensMultiplier: 3, reverse: true }) === Number(v[21]),
  },
};

const FEDEX_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

/** Problems with a spec (missing or malformed fields, a range outside the format), as `field: message`. */
export function trackingSpecProblems(spec: TrackingNumberSpec): { field: string; message: string }[] {
  const rule = FORMATS[spec.format];
  if (!rule) return [{ field: 'format', message: `unknown tracking number format "${spec.format}"` }];
  const problems: { field: string; message: string }[] = [];
  for (const [field, shape] of Object.entries(rule.requires) as [keyof TrackingNumberSpec, RegExp][]) {
    const value = spec[field];
    if (typeof value !== 'string' || !shape.test(value)) problems.push({ field, message: `format ${spec.format} needs ${field} matching ${shape}` });
  }
  if (spec.range) {
    if (spec.range.from > spec.range.to) problems.push({ field: 'range', message: 'range.from must not exceed range.to' });
    if (spec.range.to >= rule.capacity) problems.push({ field: 'range.to', message: `format ${spec.format} holds serials below ${rule.capacity}` });
  }
  return problems;
}

/**
 * The tracking number for a serial drawn from a sequence. Serials wrap around inside the carrier's
 * range (or the format's space), so an ever-growing database sequence maps onto the finite block of
 * numbers the carrier assigned; uniqueness over the range's lifetime is also enforced by a unique index.
 */
export function issueTrackingNumber(spec: TrackingNumberSpec, sequenceValue: number | bigint): string {
  const problems = trackingSpecProblems(spec);
  if (problems.length) throw new Error(`invalid tracking number spec: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
  const rule = FORMATS[spec.format];
  const from = spec.range?.from ?? 0;
  const size = BigInt((spec.range?.to ?? rule.capacity - 1) - from + 1);
  const serial = from + Number(BigInt(sequenceValue) % size);
  return rule.build(spec, serial);
}

/** True when `value` (spaces ignored) is a well-formed number of `format` with a correct check digit. */
export function isValidTrackingNumber(format: TrackingNumberFormat, value: string): boolean {
  const rule = FORMATS[format];
  const v = value.replace(/\s+/g, '').toUpperCase();
  return !!rule && rule.pattern.test(v) && rule.isValid(v);
}

/** Postal formats (UPU S10) mark postal services, which declare customs on CN 22/CN 23. */
export function isPostalFormat(format: TrackingNumberFormat): boolean {
  return format === 's10';
}
