import {
  mod10CheckDigit,
  mod37x36CheckChar,
  mod7CheckDigit,
  s10CheckDigit,
  weightedMod11CheckDigit,
} from './tracking-number-check-digits';
import type { TrackingNumberFormat as CatalogFormat } from '../carrier-definition';

/**
 * Every tracking-number format we can issue and check, as a `carrier.yaml` names it in its
 * `trackingNumber:` block (see `TrackingNumberFormat` in carrier-definition.ts and carriers/README.md):
 * the generic formats (`s10`, `mod7`, `mod10`, `sscc`) and the integrators' own (UPS 1Z, FedEx, DPD,
 * USPS IMpb) for shippers those carriers assigned a block of numbers to.
 *
 * @example { format: s10, serviceIndicator: CX, countryCode: DE }   # CX123456785DE
 * @example { format: mod10, prefix: AS, length: 16 }                # AS + 13 digits + GS1 check digit
 */
export type TrackingNumberSpec = CatalogFormat;

export type TrackingNumberFormatName = TrackingNumberSpec['format'];

interface FormatRule {
  /** Number of serial values the spec can hold. */
  capacity(spec: TrackingNumberSpec): number;
  /** Fields of the spec the format needs, with their exact shape. */
  requires: Record<string, RegExp>;
  build(spec: TrackingNumberSpec, serial: number): string;
  /** A whole number of this format (spaces removed), check digit included. */
  isValid(value: string, spec?: TrackingNumberSpec): boolean;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
// Spec fields by name: each rule has checked `requires` before it reads them.
const field = (spec: TrackingNumberSpec, name: string) => String((spec as unknown as Record<string, unknown>)[name] ?? '');
const digitsOf = (value: string) => value.replace(/\D/g, '');
/** GS1 mod 10: weights 3 and 1 alternating from the rightmost digit. */
const gs1 = (digits: string) => mod10CheckDigit(digits, { evensMultiplier: 3, reverse: true });
const FEDEX_WEIGHTS = [3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1];

const FORMATS: Record<TrackingNumberFormatName, FormatRule> = {
  s10: {
    capacity: () => 1e8,
    requires: { serviceIndicator: /^[A-Z]{2}$/, countryCode: /^[A-Z]{2}$/ },
    build: (s, n) => `${field(s, 'serviceIndicator')}${pad(n, 8)}${s10CheckDigit(pad(n, 8))}${field(s, 'countryCode')}`,
    isValid: (v) => /^[A-Z]{2}\d{9}[A-Z]{2}$/.test(v) && s10CheckDigit(v.slice(2, 10)) === Number(v[10]),
  },
  mod7: {
    capacity: (s) => 10 ** Math.min(15, Number(field(s, 'length')) - 1),
    requires: { length: /^\d+$/ },
    build: (s, n) => {
      const serial = pad(n, Number(field(s, 'length')) - 1);
      return `${field(s, 'prefix')}${serial}${mod7CheckDigit(serial)}`;
    },
    isValid: (v, s) => {
      const body = s ? v.slice(field(s, 'prefix').length) : v.replace(/^[A-Z]+/, '');
      return /^\d{7,}$/.test(body) && (!s || body.length === Number(field(s, 'length'))) && mod7CheckDigit(body.slice(0, -1)) === Number(body.slice(-1));
    },
  },
  mod10: {
    capacity: (s) => 10 ** Math.min(15, Number(field(s, 'length')) - field(s, 'prefix').length - 1),
    requires: { length: /^\d+$/ },
    build: (s, n) => {
      const prefix = field(s, 'prefix');
      const body = `${prefix}${pad(n, Number(field(s, 'length')) - prefix.length - 1)}`;
      return `${body}${gs1(digitsOf(body))}`;
    },
    isValid: (v, s) =>
      (!s || (v.length === Number(field(s, 'length')) && v.startsWith(field(s, 'prefix')))) && /\d$/.test(v) && gs1(digitsOf(v.slice(0, -1))) === Number(v.slice(-1)),
  },
  sscc: {
    capacity: (s) => 10 ** (16 - field(s, 'companyPrefix').length),
    requires: { extensionDigit: /^\d$/, companyPrefix: /^\d{7,10}$/ },
    build: (s, n) => {
      const body = `${field(s, 'extensionDigit')}${field(s, 'companyPrefix')}${pad(n, 16 - field(s, 'companyPrefix').length)}`;
      return `${body}${gs1(body)}`;
    },
    isValid: (v) => /^\d{18}$/.test(v) && gs1(v.slice(0, 17)) === Number(v[17]),
  },
  ups: {
    capacity: () => 1e7,
    requires: { shipperId: /^[A-Z0-9]{6}$/, serviceCode: /^[A-Z0-9]{2}$/ },
    build: (s, n) => {
      const body = `${field(s, 'shipperId')}${field(s, 'serviceCode')}${pad(n, 7)}`;
      return `1Z${body}${mod10CheckDigit(body, { oddsMultiplier: 2 })}`;
    },
    isValid: (v) => /^1Z[A-Z0-9]{15}\d$/.test(v) && mod10CheckDigit(v.slice(2, 17), { oddsMultiplier: 2 }) === Number(v[17]),
  },
  'fedex-express': {
    capacity: () => 1e11,
    requires: {},
    build: (_s, n) => `${pad(n, 11)}${weightedMod11CheckDigit(pad(n, 11), FEDEX_WEIGHTS)}`,
    isValid: (v) => /^\d{12}$/.test(v) && weightedMod11CheckDigit(v.slice(0, 11), FEDEX_WEIGHTS) === Number(v[11]),
  },
  'fedex-ground': {
    capacity: () => 1e14,
    requires: {},
    build: (_s, n) => `${pad(n, 14)}${mod10CheckDigit(pad(n, 14), { oddsMultiplier: 3 })}`,
    isValid: (v) => /^\d{15}$/.test(v) && mod10CheckDigit(v.slice(0, 14), { oddsMultiplier: 3 }) === Number(v[14]),
  },
  dpd: {
    capacity: () => 1e10,
    requires: { depot: /^\d{4}$/ },
    build: (s, n) => `${field(s, 'depot')}${pad(n, 10)}${mod37x36CheckChar(`${field(s, 'depot')}${pad(n, 10)}`)}`,
    isValid: (v) => /^\d{14}[0-9A-Z]$/.test(v) && mod37x36CheckChar(v.slice(0, 14)) === v[14],
  },
  'usps-impb': {
    capacity: () => 1e7,
    requires: { shipperId: /^9\d{8}$/, serviceCode: /^\d{3}$/ },
    build: (s, n) => {
      const body = `94${field(s, 'serviceCode')}${field(s, 'shipperId')}${pad(n, 7)}`;
      return `${body}${gs1(body)}`;
    },
    isValid: (v) => /^9[2-5]\d{20}$/.test(v) && gs1(v.slice(0, 21)) === Number(v[21]),
  },
};

/** The formats this module can issue and check. */
export const ISSUABLE_FORMATS = Object.keys(FORMATS) as TrackingNumberFormatName[];

/** Problems with a spec (missing or malformed fields, a range outside the format), as `field: message`. */
export function trackingSpecProblems(spec: TrackingNumberSpec): { field: string; message: string }[] {
  const rule = FORMATS[spec.format];
  if (!rule) return [{ field: 'format', message: `unknown tracking number format "${(spec as { format: string }).format}"` }];
  const problems: { field: string; message: string }[] = [];
  for (const [name, shape] of Object.entries(rule.requires)) {
    if (!shape.test(field(spec, name))) problems.push({ field: name, message: `format ${spec.format} needs ${name} matching ${shape}` });
  }
  if (problems.length) return problems;
  const capacity = rule.capacity(spec);
  if (!(capacity >= 1)) problems.push({ field: 'length', message: `format ${spec.format} leaves no digits for a serial` });
  if (spec.range) {
    if (spec.range.from > spec.range.to) problems.push({ field: 'range', message: 'range.from must not exceed range.to' });
    if (spec.range.to >= capacity) problems.push({ field: 'range.to', message: `format ${spec.format} holds serials below ${capacity}` });
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
  const size = BigInt((spec.range?.to ?? rule.capacity(spec) - 1) - from + 1);
  const serial = from + Number(BigInt(sequenceValue) % size);
  return rule.build(spec, serial);
}

/**
 * True when `value` (spaces ignored) is a well-formed number of the format with a correct check digit.
 * Given a whole spec, prefix and length must match it too.
 */
export function isValidTrackingNumber(format: TrackingNumberFormatName | TrackingNumberSpec, value: string): boolean {
  const spec = typeof format === 'string' ? undefined : format;
  const rule = FORMATS[spec?.format ?? (format as TrackingNumberFormatName)];
  return !!rule && rule.isValid(value.replace(/\s+/g, '').toUpperCase(), spec);
}
