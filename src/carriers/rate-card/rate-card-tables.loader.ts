import path from 'node:path';
import { loadCsvFile, type LoadedCsv } from '../../platform/data-files/csv-file';
import type { DataFileProblem } from '../../platform/data-files/data-file-problem';
import { pathToField } from '../../platform/data-files/schema-validator';
import { yamlLocator } from '../carrier-catalog.loader';
import type { CarrierDefinition } from '../carrier-definition';
import { normalisePostcode, PostcodeAreaMap, rangesOverlap } from './postcode-areas';
import type { RateCardCarrier, RateCardService } from './rate-card-definition';
import { laneKey, NOT_SERVED_ZONE, RateCardTables, RemoteArea, TransitDays } from './rate-card-tables';
import { TrackingNumberSpec, trackingSpecProblems } from './tracking-numbers';
import { bandAmount, WeightBand } from './weight-rate-table';

const COUNTRY = { type: 'string', pattern: '^[A-Z]{2}$' } as const;
const ZONE = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,20}$' } as const;
const NAME = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } as const;
const POSTCODE = { type: 'string', pattern: '^[A-Za-z0-9 -]{1,10}$' } as const;
const DAYS = { type: 'integer', minimum: 0, maximum: 90 } as const;

const ZONES_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'zone'],
  properties: { country: COUNTRY, postcodeFrom: POSTCODE, postcodeTo: POSTCODE, zone: ZONE, note: { type: 'string' } },
} as const;

const RATES_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['table', 'zone', 'maxKg'],
  properties: {
    table: NAME,
    zone: ZONE,
    maxKg: { type: 'number', exclusiveMinimum: 0 },
    price: { type: 'number', minimum: 0 },
    perUnit: { type: 'number', minimum: 0 },
    unitKg: { type: 'number', exclusiveMinimum: 0 },
    stepKg: { type: 'number', exclusiveMinimum: 0 },
    minimum: { type: 'number', minimum: 0 },
  },
} as const;

const TRANSIT_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'zone', 'minDays', 'maxDays'],
  properties: { service: NAME, zone: ZONE, minDays: DAYS, maxDays: DAYS },
} as const;

const LANES_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['service', 'origin', 'destination', 'minDays', 'maxDays'],
  properties: { service: NAME, origin: COUNTRY, destination: COUNTRY, minDays: DAYS, maxDays: DAYS },
} as const;

const REMOTE_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'name'],
  properties: { country: COUNTRY, postcodeFrom: POSTCODE, postcodeTo: POSTCODE, name: { type: 'string' } },
} as const;

const PALLET_RATES_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['table', 'zone', 'palletType', 'price'],
  properties: { table: NAME, zone: ZONE, palletType: NAME, price: { type: 'number', minimum: 0 } },
} as const;

interface ZoneRow { country: string; postcodeFrom?: string; postcodeTo?: string; zone: string }
interface RateRow { table: string; zone: string; maxKg: number; price?: number; perUnit?: number; unitKg?: number; stepKg?: number; minimum?: number }
interface TransitRow { service: string; zone: string; minDays: number; maxDays: number }
interface LaneRow extends Omit<TransitRow, 'zone'> { origin: string; destination: string }
interface RemoteRow { country: string; postcodeFrom?: string; postcodeTo?: string; name: string }
interface PalletRateRow { table: string; zone: string; palletType: string; price: number }

/**
 * Loads the CSV tables a rate-card carrier.yaml names and checks them against each other and against
 * the YAML: every zone priced has transit days, every table a service names exists, rates rise with
 * weight, postcode ranges do not overlap, each file states its source and date. Every problem is
 * reported with its file, line and field.
 */
export async function loadRateCardTables(
  definition: CarrierDefinition,
  baseDir: string,
): Promise<{ tables: Record<string, unknown>; problems: DataFileProblem[] }> {
  const carrier = definition as RateCardCarrier;
  const yamlFile = path.join(carrier.dir, 'carrier.yaml');
  const yamlRel = path.relative(baseDir, yamlFile);
  const lineOf = await yamlLocator(yamlFile);
  const problems: DataFileProblem[] = [];
  const yamlProblem = (p: (string | number)[], message: string) =>
    problems.push({ file: yamlRel, line: lineOf(p), field: pathToField(p), message });

  const services = carrier.services;
  const needs = {
    rates: services.some((s) => s.pricing.method === 'weight'),
    palletRates: services.some((s) => s.pricing.method === 'pallet'),
    transit: services.some((s) => (s.transitFrom ?? 'zones') === 'zones'),
    lanes: services.some((s) => s.transitFrom === 'lanes'),
    remoteAreas: (carrier.surcharges ?? []).some((s) => 'remoteArea' in s.when),
  };
  for (const [key, needed] of Object.entries(needs)) {
    if (needed && !carrier.files[key as keyof typeof needs]) yamlProblem(['files', key], `is required by the services or surcharges of this carrier`);
  }

  const load = async <T>(key: keyof RateCardCarrier['files'], schema: object): Promise<LoadedCsv<T> & { rel: string }> => {
    const name = carrier.files[key];
    if (!name) return { rows: [], headerComments: [], problems: [], rel: '' };
    const file = path.join(carrier.dir, name);
    const rel = path.relative(baseDir, file);
    const loaded = await loadCsvFile<T>(file, schema, baseDir);
    problems.push(...loaded.problems);
    if (!loaded.problems.some((p) => p.line === undefined)) checkProvenance(loaded.headerComments, rel, problems);
    return { ...loaded, rel };
  };
  const [zones, rates, transit, lanes, remote, palletRates] = await Promise.all([
    load<ZoneRow>('zones', ZONES_ROW),
    load<RateRow>('rates', RATES_ROW),
    load<TransitRow>('transit', TRANSIT_ROW),
    load<LaneRow>('lanes', LANES_ROW),
    load<RemoteRow>('remoteAreas', REMOTE_ROW),
    load<PalletRateRow>('palletRates', PALLET_RATES_ROW),
  ]);

  const tables: RateCardTables = {
    zones: buildAreaMap(zones, (r) => r.zone, problems),
    rates: new Map(),
    palletRates: new Map(),
    transit: new Map(),
    lanes: new Map(),
    remoteAreas: buildAreaMap<RemoteRow, RemoteArea>(remote, (r) => ({ name: r.name }), problems),
  };
  const knownZones = new Set(tables.zones.values());
  const serviceByCode = new Map(services.map((s) => [s.code, s]));

  // Weight rate tables: bands sorted by weight, no duplicate break, price never falling with weight.
  const bandRows = new Map<string, Map<string, WeightBand[]>>();
  for (const { line, record: r } of rates.rows) {
    if (r.price === undefined && r.perUnit === undefined) problems.push({ file: rates.rel, line, field: 'price', message: 'a row needs a price, a perUnit rate or both' });
    if (!knownZones.has(r.zone)) problems.push({ file: rates.rel, line, field: 'zone', message: `zone "${r.zone}" is not in ${zones.rel}` });
    const byZone = bandRows.get(r.table) ?? new Map<string, WeightBand[]>();
    bandRows.set(r.table, byZone);
    const bands = byZone.get(r.zone) ?? [];
    byZone.set(r.zone, bands);
    bands.push({ maxKg: r.maxKg, price: r.price ?? 0, perUnit: r.perUnit ?? 0, unitKg: r.unitKg ?? 1, stepKg: r.stepKg, minimum: r.minimum, line });
  }
  for (const [table, byZone] of bandRows) {
    for (const [zone, bands] of byZone) {
      bands.sort((a, b) => a.maxKg - b.maxKg);
      for (let i = 1; i < bands.length; i++) {
        const prev = bands[i - 1];
        const band = bands[i];
        if (band.maxKg === prev.maxKg) {
          problems.push({ file: rates.rel, line: band.line, field: 'maxKg', message: `table ${table} zone ${zone} has ${band.maxKg} kg twice (also line ${prev.line})` });
        } else if (bandAmount(band, band.maxKg) < bandAmount(prev, prev.maxKg) - 1e-9) {
          problems.push({
            file: rates.rel,
            line: band.line,
            field: 'price',
            message: `table ${table} zone ${zone}: ${round2(bandAmount(band, band.maxKg))} at ${band.maxKg} kg is less than ${round2(bandAmount(prev, prev.maxKg))} at ${prev.maxKg} kg (line ${prev.line})`,
          });
        }
      }
    }
    tables.rates.set(table, byZone);
  }

  const palletCodes = new Set((carrier.palletTypes ?? []).map((p) => p.code));
  for (const { line, record: r } of palletRates.rows) {
    if (!knownZones.has(r.zone)) problems.push({ file: palletRates.rel, line, field: 'zone', message: `zone "${r.zone}" is not in ${zones.rel}` });
    if (!palletCodes.has(r.palletType)) problems.push({ file: palletRates.rel, line, field: 'palletType', message: `pallet type "${r.palletType}" is not in palletTypes of carrier.yaml` });
    const byZone = tables.palletRates.get(r.table) ?? new Map<string, Map<string, number>>();
    tables.palletRates.set(r.table, byZone);
    const byType = byZone.get(r.zone) ?? new Map<string, number>();
    byZone.set(r.zone, byType);
    if (byType.has(r.palletType)) problems.push({ file: palletRates.rel, line, field: 'palletType', message: `table ${r.table} zone ${r.zone} prices "${r.palletType}" twice` });
    byType.set(r.palletType, r.price);
  }

  const addDays = (
    target: Map<string, Map<string, TransitDays>>,
    rel: string,
    line: number,
    service: string,
    key: string,
    days: TransitDays,
    what: string,
  ) => {
    if (days.maxDays < days.minDays) problems.push({ file: rel, line, field: 'maxDays', message: 'must not be less than minDays' });
    const byKey = target.get(service) ?? new Map<string, TransitDays>();
    target.set(service, byKey);
    if (byKey.has(key)) problems.push({ file: rel, line, message: `service ${service} has ${what} ${key} twice` });
    byKey.set(key, { minDays: days.minDays, maxDays: days.maxDays });
  };
  for (const { line, record: r } of transit.rows) {
    const service = serviceByCode.get(r.service);
    if (!service) problems.push({ file: transit.rel, line, field: 'service', message: `unknown service "${r.service}"` });
    else if (service.transitFrom === 'lanes') problems.push({ file: transit.rel, line, field: 'service', message: `service "${r.service}" takes its transit days from lanes` });
    if (!knownZones.has(r.zone)) problems.push({ file: transit.rel, line, field: 'zone', message: `zone "${r.zone}" is not in ${zones.rel}` });
    addDays(tables.transit, transit.rel, line, r.service, r.zone, r, 'zone');
  }
  for (const { line, record: r } of lanes.rows) {
    const service = serviceByCode.get(r.service);
    if (!service) problems.push({ file: lanes.rel, line, field: 'service', message: `unknown service "${r.service}"` });
    else if (service.transitFrom !== 'lanes') problems.push({ file: lanes.rel, line, field: 'service', message: `service "${r.service}" does not set transitFrom: lanes` });
    const origins = carrier.origins;
    if (!origins.includes(r.origin)) problems.push({ file: lanes.rel, line, field: 'origin', message: `"${r.origin}" is not among the carrier's origins (${origins.join(', ')})` });
    addDays(tables.lanes, lanes.rel, line, r.service, laneKey(r.origin, r.destination), r, 'lane');
  }

  services.forEach((service, i) => checkService(carrier, service, i, tables, yamlProblem, { rates: rates.rel, palletRates: palletRates.rel, lanes: lanes.rel }, problems));
  checkReturns(carrier, tables, yamlProblem, { zones: zones.rel, rates: carrier.files.rates ?? 'rates.csv', transit: carrier.files.transit ?? 'transit.csv' });
  checkCarrierYaml(carrier, yamlProblem);
  return { tables: tables as unknown as Record<string, unknown>, problems };
}

function checkService(
  carrier: RateCardCarrier,
  service: RateCardService,
  i: number,
  tables: RateCardTables,
  yamlProblem: (p: (string | number)[], message: string) => void,
  files: { rates: string; palletRates: string; lanes: string },
  problems: DataFileProblem[],
): void {
  const at = ['services', i];
  const pricing = service.pricing;
  let pricedZones: string[] = [];
  if (pricing.method === 'weight') {
    const table = tables.rates.get(pricing.table);
    if (!table) yamlProblem([...at, 'pricing', 'table'], `no rows for table "${pricing.table}" in ${carrier.files.rates ?? 'rates.csv'}`);
    else pricedZones = [...table.keys()];
  } else {
    const table = tables.palletRates.get(pricing.table);
    if (!table) yamlProblem([...at, 'pricing', 'table'], `no rows for table "${pricing.table}" in ${carrier.files.palletRates ?? 'pallet-rates.csv'}`);
    else pricedZones = [...table.keys()];
    if (!carrier.palletTypes?.length) yamlProblem([...at, 'pricing', 'method'], 'pallet pricing needs palletTypes');
    if (service.accepts?.pallets === false) yamlProblem([...at, 'accepts', 'pallets'], 'a pallet service must accept pallets');
    for (const [zone, byType] of table ?? []) {
      for (const type of carrier.palletTypes ?? []) {
        if (!byType.has(type.code)) problems.push({ file: files.palletRates, field: 'palletType', message: `table ${pricing.table} zone ${zone} has no price for pallet type "${type.code}"` });
      }
    }
  }
  if ((service.transitFrom ?? 'zones') === 'zones') {
    const days = tables.transit.get(service.code);
    for (const zone of pricedZones) {
      if (zone !== NOT_SERVED_ZONE && !days?.has(zone)) yamlProblem([...at, 'code'], `zone ${zone} has prices but no transit days in ${carrier.files.transit ?? 'transit.csv'}`);
    }
  } else if (!tables.lanes.get(service.code)?.size) {
    yamlProblem([...at, 'transitFrom'], `no lanes for this service in ${carrier.files.lanes ?? 'lanes.csv'}`);
  } else {
    for (const key of tables.lanes.get(service.code)!.keys()) {
      const destination = key.split('>')[1];
      const zone = tables.zones.lookup(destination).value;
      if (zone !== undefined && !pricedZones.includes(zone)) {
        problems.push({ file: files.lanes, field: 'destination', message: `lane ${key} of ${service.code}: zone ${zone} has no prices in table ${pricing.table}` });
      }
    }
  }
  (service.accepts?.temperature ?? []).forEach((range, j) => {
    if (range.minC >= range.maxC) yamlProblem([...at, 'accepts', 'temperature', j, 'maxC'], 'must be above minC');
  });
  const dims = service.limits.maxDimensionsCm;
  if (dims && (dims[0] < dims[1] || dims[1] < dims[2])) yamlProblem([...at, 'limits', 'maxDimensionsCm'], 'list the longest side first, then the middle, then the shortest');
}

/**
 * Return products (`returns`): the reverse lane is priced with the zone of the buyer's country, so the
 * service must be weight-priced with transit days by zone, and every country it picks up in needs a
 * zone with prices in the table and transit days. `from: served` is replaced here by every country
 * that passes (the carrier's own origins left out: a return from there travels on an outbound lane).
 */
function checkReturns(
  carrier: RateCardCarrier,
  tables: RateCardTables,
  yamlProblem: (p: (string | number)[], message: string) => void,
  files: { zones: string; rates: string; transit: string },
): void {
  const outbound = carrier.origins;
  (carrier.returns ?? []).forEach((offer, i) => {
    const at = ['returns', i];
    const service = carrier.services.find((s) => s.code === offer.service);
    if (!service) return; // the catalog loader names the unknown service
    if (service.pricing.method !== 'weight') return yamlProblem([...at, 'service'], `${service.code} is priced per pallet; a return is priced by weight from the zone of the buyer's country`);
    if (service.transitFrom === 'lanes') return yamlProblem([...at, 'service'], `${service.code} takes its transit days from lanes; a return takes them from the zone of the buyer's country`);
    const table = offer.pricing?.table ?? service.pricing.table;
    const prices = tables.rates.get(table);
    if (!prices) return yamlProblem([...at, 'pricing', 'table'], `no rows for table "${table}" in ${files.rates}`);
    const days = tables.transit.get(service.code);
    /** Why the reverse lane from a country cannot be priced, or undefined when it can. */
    const unpriced = (country: string): string | undefined => {
      const found = tables.zones.lookup(country);
      if (found.needsPostcode) return undefined; // zones by postcode range: found from the buyer's postal code
      const zone = found.value;
      if (zone === undefined) return `${country} has no zone in ${files.zones}`;
      if (zone === NOT_SERVED_ZONE) return `${country} is ${NOT_SERVED_ZONE} in ${files.zones}`;
      if (!prices.has(zone)) return `${country} is zone ${zone}, which has no prices in table ${table}`;
      if (!days?.has(zone)) return `${country} is zone ${zone}, which has no transit days for ${service.code} in ${files.transit}`;
      return undefined;
    };
    if ((offer.from as unknown) === 'served') {
      offer.from = tables.zones
        .countries()
        .filter((c) => !outbound.includes(c) && !unpriced(c))
        .sort();
      if (!offer.from.length) yamlProblem([...at, 'from'], `table ${table} prices no country outside the carrier's origins`);
      return;
    }
    offer.from.forEach((country, j) => {
      const why = outbound.includes(country) ? `${country} is among the carrier's origins: a return from there travels on an outbound lane` : unpriced(country);
      if (why) yamlProblem([...at, 'from', j], why);
    });
  });
}

function checkCarrierYaml(carrier: RateCardCarrier, yamlProblem: (p: (string | number)[], message: string) => void): void {
  // What the schema cannot see: a serial range beyond the format's space, a prefix leaving no digits.
  const checkTracking = (spec: TrackingNumberSpec | undefined, at: (string | number)[]) => {
    for (const p of spec ? trackingSpecProblems(spec) : []) yamlProblem([...at, 'trackingNumber', ...p.field.split('.')], p.message);
  };
  checkTracking(carrier.trackingNumber, []);
  carrier.services.forEach((s, i) => checkTracking(s.trackingNumber as TrackingNumberSpec | undefined, ['services', i]));
  const codes = new Set(carrier.services.map((s) => s.code));
  const temperatureCodes = new Set(carrier.services.flatMap((s) => (s.accepts?.temperature ?? []).map((t) => t.code)));
  const seen = new Set<string>();
  (carrier.surcharges ?? []).forEach((rule, i) => {
    if (seen.has(rule.code)) yamlProblem(['surcharges', i, 'code'], `duplicate surcharge code "${rule.code}"`);
    seen.add(rule.code);
    (rule.services ?? []).forEach((s, j) => {
      if (!codes.has(s)) yamlProblem(['surcharges', i, 'services', j], `unknown service "${s}"`);
    });
    if ('temperatureRange' in rule.when && !temperatureCodes.has(rule.when.temperatureRange)) {
      yamlProblem(['surcharges', i, 'when', 'temperatureRange'], `no service offers temperature range "${rule.when.temperatureRange}"`);
    }
    if ('percent' in rule.charge && rule.charge.of === 'insured-value' && !('insurance' in rule.when)) {
      yamlProblem(['surcharges', i, 'charge', 'of'], 'a percentage of the insured value needs when: { insurance: true }');
    }
  });
  const fuel = carrier.fuel ?? [];
  fuel.forEach((f, i) => {
    if (Number.isNaN(Date.parse(f.from))) yamlProblem(['fuel', i, 'from'], 'is not a date');
    if (i > 0 && f.from <= fuel[i - 1].from) yamlProblem(['fuel', i, 'from'], `must come after ${fuel[i - 1].from}`);
  });
  const palletSeen = new Set<string>();
  (carrier.palletTypes ?? []).forEach((p, i) => {
    if (palletSeen.has(p.code)) yamlProblem(['palletTypes', i, 'code'], `duplicate pallet type "${p.code}"`);
    palletSeen.add(p.code);
  });
  if (carrier.ddp?.supported && !carrier.ddp.ddpFee) yamlProblem(['ddp', 'ddpFee'], 'is required when DDP is supported (write "0.00" when free)');
}

/** Zone and remote-area files share a layout: a country, optionally a postcode range, and a value. */
function buildAreaMap<R extends { country: string; postcodeFrom?: string; postcodeTo?: string }, T>(
  loaded: LoadedCsv<R> & { rel: string },
  value: (row: R) => T,
  problems: DataFileProblem[],
): PostcodeAreaMap<T> {
  const map = new PostcodeAreaMap<T>();
  const whole = new Map<string, number>();
  const ranges = new Map<string, { from: string; to: string; line: number }[]>();
  for (const { line, record: r } of loaded.rows) {
    if (r.postcodeFrom === undefined && r.postcodeTo === undefined) {
      const previous = whole.get(r.country);
      if (previous !== undefined) {
        problems.push({ file: loaded.rel, line, field: 'country', message: `${r.country} is listed twice (also line ${previous})` });
        continue;
      }
      whole.set(r.country, line);
      map.setCountry(r.country, value(r));
      continue;
    }
    const from = normalisePostcode(r.postcodeFrom ?? r.postcodeTo!);
    const to = normalisePostcode(r.postcodeTo ?? r.postcodeFrom!);
    if (from.length !== to.length) {
      problems.push({ file: loaded.rel, line, field: 'postcodeTo', message: `must have as many characters as postcodeFrom (${from} vs ${to})` });
      continue;
    }
    if (from > to) {
      problems.push({ file: loaded.rel, line, field: 'postcodeTo', message: `must not come before postcodeFrom ${from}` });
      continue;
    }
    const list = ranges.get(r.country) ?? [];
    ranges.set(r.country, list);
    const clash = list.find((o) => rangesOverlap(o, { from, to }));
    if (clash) {
      problems.push({ file: loaded.rel, line, field: 'postcodeFrom', message: `${r.country} ${from}-${to} overlaps ${clash.from}-${clash.to} (line ${clash.line})` });
      continue;
    }
    list.push({ from, to, line });
    map.addRange(r.country, { from, to, value: value(r) });
  }
  return map;
}

/** Every table states where its numbers come from and when: `# Source: ...` and a date. */
function checkProvenance(comments: string[], rel: string, problems: DataFileProblem[]): void {
  const text = comments.join('\n');
  if (!/^source:/im.test(text)) problems.push({ file: rel, line: 1, message: 'needs a "# Source: ..." comment line before the header' });
  if (!/\d{4}-\d{2}-\d{2}/.test(text)) problems.push({ file: rel, line: 1, message: 'needs a date (YYYY-MM-DD) in its header comments, e.g. "# Retrieved: 2026-11-27"' });
}

function round2(n: number): string {
  return n.toFixed(2);
}
