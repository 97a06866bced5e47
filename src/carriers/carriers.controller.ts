import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { CarrierCatalog } from './carrier-catalog';

/** Fields of a service definition that are internal tables, not something a client needs to see. */
const HIDDEN_SERVICE_FIELDS = new Set(['rates', 'zones', 'transitTable', 'surchargeTables']);

@ApiTags('Reference data')
@Controller('v1/carriers')
export class CarriersController {
  constructor(private readonly catalog: CarrierCatalog) {}

  @Get()
  @RequireScopes()
  @ApiOkResponse({ description: 'Carriers loaded from carriers/, with their services, capabilities and limits' })
  list(): { data: unknown[] } {
    return {
      data: this.catalog.all().map((c) => ({
        id: c.id,
        name: c.name,
        adapter: c.adapter,
        description: c.description,
        source: c.source,
        currency: c.currency,
        origins: c.origins,
        timeZone: c.timeZone,
        services: c.services.map((s) => Object.fromEntries(Object.entries(s).filter(([k]) => !HIDDEN_SERVICE_FIELDS.has(k)))),
      })),
    };
  }
}
