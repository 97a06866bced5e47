import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { checkAddress } from '../addresses/address-check';
import { AddressRules } from '../addresses/address-rules';
import { CarrierAdapterRegistry } from '../carriers/carrier-adapter.registry';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import type { CarrierDefinition } from '../carriers/carrier-definition';
import { Clock } from '../platform/clock/clock';
import type { ErrorDetail } from '../platform/errors/app-error';
import { flattenValidationErrors } from '../platform/errors/validation-errors';
import type { RequestCheck, Resolve } from '../platform/http/request-checks';
import { problemsBeyondDecorators } from '../platform/http/validation.pipe';
import { ReferenceData } from '../tariffs/reference-data';
import { CreateShipmentDto } from './dto/shipment-request.dto';

/**
 * Validates one booking body the way the global pipe validates `POST /v1/shipments` (whitelist,
 * unknown fields rejected at every depth, arrays where objects belong, the DTO's request checks), for
 * bodies that arrive inside another request (batches), where one bad item must not reject the
 * others. Paths are prefixed with `path`.
 */
export async function validateShipmentRequest(plain: unknown, path: string, resolve: Resolve): Promise<{ dto?: CreateShipmentDto; problems: ErrorDetail[] }> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return { problems: [{ path, message: 'must be an object' }] };
  const dto = plainToInstance(CreateShipmentDto, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: false, validationError: { target: false, value: false } });
  const structural = flattenValidationErrors(errors);
  const found = [...structural, ...(await problemsBeyondDecorators(dto, structural, resolve))];
  const problems = found.map((p) => ({ path: p.path ? `${path}.${p.path}` : path, message: p.message }));
  return problems.length ? { problems } : { dto, problems };
}

export interface ShipmentCheckData {
  addressRules: AddressRules;
  reference: ReferenceData;
  catalog: CarrierCatalog;
  adapters: CarrierAdapterRegistry;
  clock: Clock;
}

/**
 * The checks booking makes before it calls a carrier (BookingService.plan) that need no stored state,
 * with the same paths and words: addresses against the country's rules, carrier and service, ship
 * date, the carrier's origins and DDP, the items' codes. The global pipe runs them when a booking
 * already fails its DTO validation, so that the 400 lists these problems too instead of on the next
 * try. Booking a quote: its carrier, service and route come from the stored quote, which booking
 * looks up; here only the fields that conflict with it are reported. `valid` skips parts the DTO
 * validation already rejected.
 */
export function checkShipmentRequest(body: CreateShipmentDto, data: ShipmentCheckData, valid: (path: string) => boolean): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const isKnownCountry = (c: string) => data.reference.countries.has(c);
  const countries: { shipFrom?: string; shipTo?: string } = {};
  for (const side of ['shipFrom', 'shipTo'] as const) {
    const address = body[side];
    if (typeof address !== 'object' || address === null || !valid(`${side}.country`)) continue;
    const checked = checkAddress(address, data.addressRules, { path: side, full: true, isKnownCountry });
    problems.push(...checked.problems);
    if (!checked.problems.some((p) => p.path === `${side}.country`)) countries[side] = checked.address.country;
  }

  problems.push(...bookingModeProblems(body));
  if (body.quoteId || body.optionId) return problems;

  const carrier = typeof body.carrier === 'string' && valid('carrier') ? data.catalog.get(body.carrier) : undefined;
  if (typeof body.carrier === 'string' && valid('carrier') && !carrier) problems.push({ path: 'carrier', message: `unknown carrier "${body.carrier}"; see GET /v1/carriers` });
  if (carrier && typeof body.service === 'string' && valid('service') && !carrier.services.some((s) => s.code === body.service)) {
    problems.push({ path: 'service', message: `carrier ${carrier.id} has no service "${body.service}"; it has ${carrier.services.map((s) => s.code).join(', ')}` });
  }
  if (carrier) {
    problems.push(...carrierProblems(carrier, data.adapters));
    if (typeof body.shipDate === 'string' && valid('shipDate')) problems.push(...shipDateProblems(body.shipDate, carrier, data.clock));
    if (countries.shipFrom) problems.push(...pickupProblems(carrier, countries.shipFrom));
    if (body.incoterm === 'DDP' && valid('incoterm')) problems.push(...ddpProblems(carrier, 'incoterm'));
  }

  const items = (Array.isArray(body.items) ? body.items : []).map((item, i) =>
    typeof item === 'object' && item !== null
      ? {
          currency: typeof item.unitValue?.currency === 'string' && valid(`items[${i}].unitValue.currency`) ? item.unitValue.currency : undefined,
          originCountry: typeof item.originCountry === 'string' && valid(`items[${i}].originCountry`) ? item.originCountry : undefined,
        }
      : {},
  );
  problems.push(...itemProblems(items, data.reference));
  return problems;
}

/**
 * A booking is either of a quote (quoteId and optionId, the rest from the quote) or direct (carrier,
 * service and parcels): what is missing or out of place for the one the body chose.
 */
export function bookingModeProblems(body: CreateShipmentDto): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (body.quoteId || body.optionId) {
    if (!body.quoteId) problems.push({ path: 'quoteId', message: 'quoteId is required with optionId' });
    if (!body.optionId) problems.push({ path: 'optionId', message: 'optionId is required with quoteId' });
    for (const field of ['carrier', 'service', 'parcels', 'items', 'incoterm', 'handling', 'importer', 'customerId', 'currency'] as const) {
      if (body[field] !== undefined) problems.push({ path: field, message: `comes from the quote; leave it out when booking quoteId/optionId` });
    }
    return problems;
  }
  if (!body.carrier) problems.push({ path: 'carrier', message: 'carrier is required (or book a quote with quoteId and optionId)' });
  if (!body.service) problems.push({ path: 'service', message: 'service is required (or book a quote with quoteId and optionId)' });
  if (!body.parcels?.length) problems.push({ path: 'parcels', message: 'at least one parcel is required' });
  return problems;
}

/** Whether the carrier can book at all on this service: its adapter installed and configured. */
export function carrierProblems(carrier: CarrierDefinition, adapters: CarrierAdapterRegistry): ErrorDetail[] {
  const adapter = adapters.has(carrier.adapter) ? adapters.get(carrier.adapter) : undefined;
  if (!adapter) return [{ path: 'carrier', message: `carrier ${carrier.id} cannot book (adapter ${carrier.adapter} is not installed)` }];
  if (adapter.enabled && !adapter.enabled(carrier)) return [{ path: 'carrier', message: `carrier ${carrier.id} is not configured on this service` }];
  return [];
}

/** A requested ship date from today to 30 days ahead, in the carrier's time zone. */
export function shipDateProblems(shipDate: string, carrier: CarrierDefinition, clock: Clock): ErrorDetail[] {
  const now = clock.nowDateTime(carrier.timeZone);
  const today = now.toISODate()!;
  const latest = now.plus({ days: 30 }).toISODate()!;
  if (shipDate < today) return [{ path: 'shipDate', message: `shipDate is in the past (today is ${today} in ${carrier.timeZone})` }];
  if (shipDate > latest) return [{ path: 'shipDate', message: `shipDate may be at most 30 days ahead (${latest})` }];
  return [];
}

/**
 * The carrier picks up in its origins, and in the countries its return products (carrier.yaml
 * `returns`) collect from; whether a return product serves this lane is the rating's to say.
 */
export function pickupProblems(carrier: CarrierDefinition, country: string): ErrorDetail[] {
  if (carrier.origins.includes(country) || carrier.returns?.some((offer) => offer.from.includes(country))) return [];
  return [{ path: 'shipFrom.country', message: `${carrier.name} does not pick up in ${country}; it serves ${carrier.origins.join(', ')}` }];
}

export function ddpProblems(carrier: CarrierDefinition, path: string): ErrorDetail[] {
  return carrier.ddp && !carrier.ddp.supported ? [{ path, message: `${carrier.name} does not offer DDP (duties paid by the sender)` }] : [];
}

/** Items' currencies and origin countries known, and one currency for the whole customs invoice. */
export function itemProblems(items: { currency?: string; originCountry?: string }[], reference: ReferenceData): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const currencies = new Set<string>();
  items.forEach((item, i) => {
    if (item.currency !== undefined) {
      currencies.add(item.currency);
      if (!reference.currencies.has(item.currency)) problems.push({ path: `items[${i}].unitValue.currency`, message: `unknown currency ${item.currency}` });
    }
    if (item.originCountry !== undefined && !reference.countries.has(item.originCountry)) {
      problems.push({ path: `items[${i}].originCountry`, message: `unknown country ${item.originCountry}` });
    }
  });
  if (currencies.size > 1) problems.push({ path: 'items', message: `all items must be valued in one currency for the customs documents (got ${[...currencies].join(', ')})` });
  return problems;
}

/** {@link checkShipmentRequest} as a request check of the global pipe (`@CheckedBy` on CreateShipmentDto). */
export const shipmentRequestChecks: RequestCheck<CreateShipmentDto> = (dto, { valid, resolve }) =>
  checkShipmentRequest(
    dto,
    { addressRules: resolve(AddressRules), reference: resolve(ReferenceData), catalog: resolve(CarrierCatalog), adapters: resolve(CarrierAdapterRegistry), clock: resolve(Clock) },
    valid,
  );
