import type { BookingRequest } from '../carrier-adapter';
import type { CarrierDefinition } from '../carrier-definition';
import { CarrierError } from '../carrier-error';
import { FixedClock } from '../../platform/clock/clock';
import type { AppConfig } from '../../platform/config/app-config';
import type { ReferenceData } from '../../tariffs/reference-data';
import { ApiCarrierAdapter, apiCarrierAccess, type ApiMappingContext } from './api-carrier.adapter';
import type { ApiCarrierSettings } from './api-carrier.kind';
import type { CarrierHttpClient } from './carrier-http.client';
import type { CarrierHttpFactory } from './carrier-http.factory';

/** The smallest API adapter: its "API" records what it was built from. */
class SampleAdapter extends ApiCarrierAdapter<{ client: CarrierHttpClient; carrier: string; version?: string }, ApiMappingContext<{ dg: string }>> {
  readonly code = 'sample';
  protected readonly access = apiCarrierAccess('Sample', 'UPS', ['CLIENT_ID', 'CLIENT_SECRET'], () => undefined);

  protected async askRates() {
    return { rates: [], notOffered: [] };
  }
  protected mapping(carrier: CarrierDefinition) {
    return this.mappingContext<{ dg: string }>(carrier);
  }
  async book(carrier: CarrierDefinition, request: BookingRequest) {
    const service = this.bookableService(carrier, request);
    return { trackingNumber: service.carrierCode, parcels: [] };
  }
  async cancel(): Promise<void> {}
  protected createApi(client: CarrierHttpClient, carrier: CarrierDefinition, settings: ApiCarrierSettings) {
    return { client, carrier: carrier.id, version: settings.api.version };
  }
  apiOf(carrier: CarrierDefinition) {
    return this.api(carrier);
  }
  mappingOf(carrier: CarrierDefinition) {
    return this.mapping(carrier);
  }
}

function sut(env: Partial<AppConfig>) {
  const clients: { carrier: string; baseUrl: string; secrets: unknown }[] = [];
  const http = {
    client: (carrier: string, baseUrl: string, extra: { secrets?: unknown }) => {
      clients.push({ carrier, baseUrl, secrets: extra.secrets });
      return { carrier, baseUrl } as unknown as CarrierHttpClient;
    },
  } as unknown as CarrierHttpFactory;
  const reference = { currencies: { EUR: 2 } } as unknown as ReferenceData;
  const adapter = new SampleAdapter(env as AppConfig, http, reference, new FixedClock(new Date('2026-11-27T10:00:00Z')));
  return { adapter, clients };
}

const carrier = (id: string): CarrierDefinition =>
  ({
    id,
    currency: 'EUR',
    services: [{ code: 'express', carrierCode: 'X1' }],
    raw: { api: { productionUrl: `https://${id}.example`, version: '2' }, options: { dg: 'yes' } },
  }) as unknown as CarrierDefinition;

const party = { name: 'A', street1: 'Main St 1', city: 'Bonn', phone: '+49 1', country: 'DE' };
const booking = (over: Partial<BookingRequest>) => ({ service: 'express', shipFrom: party, shipTo: party, ...over }) as unknown as BookingRequest;

const full = { UPS_CLIENT_ID: 'id', UPS_CLIENT_SECRET: 'secret', UPS_ACCOUNT_NUMBER: '123' };

describe('ApiCarrierAdapter', () => {
  it.each(Object.keys(full))('is disabled without %s, and says which variables to set', async (missing) => {
    const { adapter, clients } = sut({ ...full, [missing]: '' });
    expect(adapter.enabled()).toBe(false);
    expect(() => adapter.apiOf(carrier('c1'))).toThrow(
      new CarrierError('c1', 'AUTH', 'Sample credentials are not configured (UPS_CLIENT_ID, UPS_CLIENT_SECRET, UPS_ACCOUNT_NUMBER)'),
    );
    expect(() => adapter.mappingOf(carrier('c1'))).toThrow(CarrierError);
    expect(clients).toEqual([]);
  });

  it('builds one client and API per carrier folder, at the production URL unless the env overrides it', () => {
    const plain = sut(full);
    const a = plain.adapter.apiOf(carrier('c1'));
    expect(plain.adapter.apiOf(carrier('c1'))).toBe(a);
    expect(plain.adapter.apiOf(carrier('c2'))).not.toBe(a);
    expect(a).toMatchObject({ carrier: 'c1', version: '2' });
    expect(plain.clients).toEqual([
      { carrier: 'c1', baseUrl: 'https://c1.example', secrets: ['secret', 'id'] },
      { carrier: 'c2', baseUrl: 'https://c2.example', secrets: ['secret', 'id'] },
    ]);

    const emulated = sut({ ...full, UPS_BASE_URL: 'http://127.0.0.1:9' });
    emulated.adapter.apiOf(carrier('c1'));
    expect(emulated.clients[0].baseUrl).toBe('http://127.0.0.1:9');
  });

  it('gives mappers the account, the carrier options, currency and currency table', () => {
    expect(sut(full).adapter.mappingOf(carrier('c1'))).toEqual({ accountNumber: '123', options: { dg: 'yes' }, currency: 'EUR', currencies: { EUR: 2 } });
  });

  it('books only a service of the carrier, with the parties complete', async () => {
    const { adapter } = sut(full);
    await expect(adapter.book(carrier('c1'), booking({}))).resolves.toMatchObject({ trackingNumber: 'X1' });
    await expect(adapter.book(carrier('c1'), booking({ service: 'slow' }))).rejects.toThrow('unknown service "slow" of c1');
    await expect(adapter.book(carrier('c1'), booking({ shipTo: { ...party, phone: '' } as never }))).rejects.toThrow('booking data missing for c1: shipTo.phone');
  });
});
