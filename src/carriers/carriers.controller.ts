import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { Clock } from '../platform/clock/clock';
import { AppError } from '../platform/errors/app-error';
import { CarrierAdapterRegistry } from './carrier-adapter.registry';
import { CarrierCatalog } from './carrier-catalog';
import type { CarrierDefinition } from './carrier-definition';
import type { RateCardCarrier } from './rate-card/rate-card-definition';
import type { RateCardTables } from './rate-card/rate-card-tables';
import { NOT_SERVED_ZONE } from './rate-card/rate-card-tables';
import { fuelPercentOn } from './rate-card/service-charges';

/** Fields of a service definition that are internal (table names, carrier API codes), not for clients. */
const HIDDEN_SERVICE_FIELDS = new Set(['rates', 'zones', 'transitTable', 'surchargeTables', 'productCode', 'apiCode', 'localProductCode']);

@ApiTags('Reference data')
@Controller('v1/carriers')
export class CarriersController {
  constructor(
    private readonly catalog: CarrierCatalog,
    private readonly adapters: CarrierAdapterRegistry,
    private readonly clock: Clock,
  ) {}

  @Get()
  @RequireScopes()
  @ApiOkResponse({ description: 'Carriers loaded from carriers/, with their services, capabilities, limits, surcharges and duty terms' })
  list(): { data: unknown[] } {
    return { data: this.catalog.all().map((c) => this.view(c)) };
  }

  @Get(':id')
  @RequireScopes()
  @ApiOkResponse({ description: 'One carrier with its services, capabilities and limits' })
  get(@Param('id') id: string): unknown {
    const carrier = this.catalog.get(id);
    if (!carrier) throw new AppError(404, 'CARRIER_NOT_FOUND', `no carrier "${id}"`);
    return this.view(carrier);
  }

  private view(c: CarrierDefinition): Record<string, unknown> {
    const adapter = this.adapters.has(c.adapter) ? this.adapters.get(c.adapter) : undefined;
    const rateCard = c.adapter === 'rate-card' ? (c as RateCardCarrier) : undefined;
    const destinations = rateCard ? servedCountries(rateCard) : undefined;
    return {
      id: c.id,
      name: c.name,
      adapter: c.adapter,
      enabled: adapter ? (adapter.enabled?.(c) ?? true) : false,
      description: c.description,
      source: c.source,
      currency: c.currency,
      origins: c.origins,
      ...(c.returns?.length && { returns: c.returns.map(({ service, name, from, to }) => ({ service, name, from, to })) }),
      timeZone: c.timeZone,
      mode: c.mode ?? 'courier',
      ddp: c.ddp,
      trackingNumber: c.trackingNumber,
      ...(rateCard && {
        fuelPercent: fuelPercentOn(rateCard, this.clock.nowDateTime(c.timeZone).toISODate()!),
        surcharges: (rateCard.surcharges ?? []).map(({ code, name, when, charge, services }) => ({ code, name, when, charge, services })),
        palletTypes: rateCard.palletTypes,
      }),
      services: c.services.map((s) => {
        const visible = Object.fromEntries(Object.entries(s).filter(([k]) => !HIDDEN_SERVICE_FIELDS.has(k)));
        if (rateCard && 'pricing' in visible) {
          const { table: _table, ...pricing } = visible.pricing as Record<string, unknown>;
          visible.pricing = pricing;
          visible.destinations = destinations?.get(s.code) ?? [];
        }
        return visible;
      }),
    };
  }
}

/** Countries each rate-card service delivers to: zones with prices and, for lane services, a lane. */
function servedCountries(carrier: RateCardCarrier): Map<string, string[]> {
  const tables = carrier.tables as unknown as RateCardTables;
  const out = new Map<string, string[]>();
  for (const service of carrier.services) {
    const priced = service.pricing.method === 'weight' ? tables.rates.get(service.pricing.table) : tables.palletRates.get(service.pricing.table);
    const lanes = service.transitFrom === 'lanes' ? new Set([...(tables.lanes.get(service.code)?.keys() ?? [])].map((k) => k.split('>')[1])) : undefined;
    const countries = tables.zones.countries().filter((country) => {
      const zone = tables.zones.lookup(country).value;
      const byRange = zone === undefined; // known only by postcode ranges: served somewhere in it
      return (byRange || (zone !== NOT_SERVED_ZONE && priced?.has(zone))) && (!lanes || lanes.has(country));
    });
    out.set(service.code, countries.sort());
  }
  return out;
}
