import { EMULATOR_CREDENTIALS, EmulatorSet, startEmulators } from './emulator-set';

/**
 * The emulators themselves: they must refuse what the real carriers refuse (otherwise the adapter
 * tests prove nothing), speak each carrier's auth, and obey the fault control routes.
 */
describe('carrier emulators', () => {
  let emu: EmulatorSet;
  const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
  const dhlHeaders = { 'content-type': 'application/json', 'x-version': '3.1.0', authorization: basic(EMULATOR_CREDENTIALS.MYDHL_API_KEY, EMULATOR_CREDENTIALS.MYDHL_API_SECRET) };
  const dhlRate = {
    customerDetails: { shipperDetails: { postalCode: '53113', cityName: 'Bonn', countryCode: 'DE' }, receiverDetails: { postalCode: '10001', cityName: 'New York', countryCode: 'US' } },
    accounts: [{ typeCode: 'shipper', number: '123456789' }],
    plannedShippingDateAndTime: '2026-11-30T12:00:00GMT+01:00',
    unitOfMeasurement: 'metric',
    isCustomsDeclarable: true,
    packages: [{ weight: 2.5, dimensions: { length: 30, width: 20, height: 15 } }],
  };

  beforeAll(async () => {
    emu = await startEmulators();
  });
  afterEach(() => emu.reset());
  afterAll(() => emu.stop());

  const post = (url: string, body: unknown, headers: Record<string, string>) => fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

  async function upsToken(): Promise<string> {
    const res = await post(`${emu.ups.url}/security/v1/oauth/token`, 'grant_type=client_credentials', {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(EMULATOR_CREDENTIALS.UPS_CLIENT_ID, EMULATOR_CREDENTIALS.UPS_CLIENT_SECRET),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { access_token: string; expires_in: string };
    expect(body.expires_in).toMatch(/^\d+$/);
    return body.access_token;
  }

  it('MyDHL: a conforming rate request is answered like the specification example', async () => {
    const res = await post(`${emu.mydhl.url}/rates`, dhlRate, dhlHeaders);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { products: { productCode: string; totalPrice: { currencyType: string }[]; detailedPriceBreakdown: unknown[] }[] };
    expect(body.products.map((p) => p.productCode)).toEqual(['P', 'Y', 'K', 'W']);
    expect(body.products[0].totalPrice[0].currencyType).toBe('BILLC');
    expect(emu.mydhl.violations).toEqual([]);
  });

  it.each([
    ['an unknown field', { ...dhlRate, colour: 'red' }, 'has unknown field "colour"'],
    ['a missing required field', { ...dhlRate, packages: undefined }, 'misses required field "packages"'],
    ['a weight as a string', { ...dhlRate, packages: [{ weight: '2.5' }] }, 'must be number'],
    ['a city longer than 45 characters', { ...dhlRate, customerDetails: { ...dhlRate.customerDetails, receiverDetails: { postalCode: '10001', cityName: 'x'.repeat(46), countryCode: 'US' } } }, 'must NOT have more than 45 characters'],
  ])('MyDHL: refuses %s with 400 and records the violation', async (_name, body, message) => {
    const res = await post(`${emu.mydhl.url}/rates`, body, dhlHeaders);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain(message);
    expect(emu.mydhl.violations).toHaveLength(1);
  });

  it('MyDHL: refuses a call without x-version, and wrong credentials with 401', async () => {
    const { 'x-version': _v, ...noVersion } = dhlHeaders;
    expect((await post(`${emu.mydhl.url}/rates`, dhlRate, noVersion)).status).toBe(400);
    expect((await post(`${emu.mydhl.url}/rates`, dhlRate, { ...dhlHeaders, authorization: basic('x', 'y') })).status).toBe(401);
  });

  it('UPS: validates against the copied UPS OpenAPI files (numbers must be strings, required fields present)', async () => {
    const token = await upsToken();
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, transId: 't1', transactionSrc: 'test' };
    const address = { AddressLine: [''], PostalCode: '53113', CountryCode: 'DE' };
    const shipment = {
      Shipper: { ShipperNumber: EMULATOR_CREDENTIALS.UPS_ACCOUNT_NUMBER, Address: address },
      ShipTo: { Address: { ...address, PostalCode: '10001', CountryCode: 'US' } },
      ShipFrom: { Address: address },
      Package: [{ PackagingType: { Code: '02' }, PackageWeight: { UnitOfMeasurement: { Code: 'KGS', Description: 'Kilograms' }, Weight: 2.5 } }],
    };
    const bad = await post(`${emu.ups.url}/api/rating/v2409/Shop`, { RateRequest: { Request: { RequestOption: 'Shop' }, Shipment: shipment } }, headers);
    expect(bad.status).toBe(400);
    const problems = emu.ups.violations[0].problems.map((p) => `${p.path} ${p.message}`);
    expect(problems).toContain('RateRequest.Shipment.Package.0.PackageWeight.Weight must be string');
    emu.reset();
    shipment.Package[0].PackageWeight.Weight = '2.5' as unknown as number;
    const good = await post(`${emu.ups.url}/api/rating/v2409/Shop`, { RateRequest: { Request: { RequestOption: 'Shop' }, Shipment: shipment } }, headers);
    expect(good.status).toBe(200);
    expect(emu.ups.violations).toEqual([]);
  });

  it('UPS: data calls need a bearer token it issued; tracking needs transId and transactionSrc', async () => {
    expect((await fetch(`${emu.ups.url}/api/track/v1/details/1Z999AA10123456784`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const token = await upsToken();
    const res = await fetch(`${emu.ups.url}/api/track/v1/details/1Z999AA10123456784`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(emu.ups.violations[0].problems.map((p) => p.path).sort()).toEqual(['header.transId', 'header.transactionSrc']);
  });

  it('FedEx: OAuth with credentials in the form, and whole-number dimensions only', async () => {
    const tokenRes = await post(`${emu.fedex.url}/oauth/token`, `grant_type=client_credentials&client_id=${EMULATOR_CREDENTIALS.FEDEX_CLIENT_ID}&client_secret=${EMULATOR_CREDENTIALS.FEDEX_CLIENT_SECRET}`, { 'content-type': 'application/x-www-form-urlencoded' });
    const { access_token: token, expires_in: expires } = (await tokenRes.json()) as { access_token: string; expires_in: number };
    expect(expires).toBeGreaterThan(0);
    const body = {
      accountNumber: { value: EMULATOR_CREDENTIALS.FEDEX_ACCOUNT_NUMBER },
      requestedShipment: {
        shipper: { address: { postalCode: '53113', countryCode: 'DE' } },
        recipient: { address: { postalCode: '10001', countryCode: 'US' } },
        pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
        requestedPackageLineItems: [{ weight: { units: 'KG', value: 2 }, dimensions: { length: 30.5, width: 20, height: 10, units: 'CM' } }],
      },
    };
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    expect((await post(`${emu.fedex.url}/rate/v1/rates/quotes`, body, headers)).status).toBe(400);
    expect(emu.fedex.violations[0].problems).toEqual([{ path: 'requestedShipment.requestedPackageLineItems.0.dimensions.length', message: 'must be integer' }]);
    body.requestedShipment.requestedPackageLineItems[0].dimensions.length = 31;
    expect((await post(`${emu.fedex.url}/rate/v1/rates/quotes`, body, headers)).status).toBe(200);
  });

  it('fault control over HTTP: a selected fault hits the named operation the given number of times', async () => {
    const control = (path: string, body?: unknown) => fetch(`${emu.mydhl.url}/__emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect((await control('faults', { mode: 'rate-limit', operation: 'rate', retryAfterSeconds: 7, count: 1 })).status).toBe(204);
    const limited = await post(`${emu.mydhl.url}/rates`, dhlRate, dhlHeaders);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await post(`${emu.mydhl.url}/rates`, dhlRate, dhlHeaders)).status).toBe(200);
    await control('faults', { mode: 'malformed-json', operation: 'rate' });
    const broken = await post(`${emu.mydhl.url}/rates`, dhlRate, dhlHeaders);
    expect(broken.status).toBe(200);
    await expect(broken.json()).rejects.toThrow();
    await fetch(`${emu.mydhl.url}/__emulator/faults`, { method: 'DELETE' });
    expect((await post(`${emu.mydhl.url}/rates`, dhlRate, dhlHeaders)).status).toBe(200);
    const listed = (await (await fetch(`${emu.mydhl.url}/__emulator/requests`)).json()) as { requests: { operation: string; fault?: string }[] };
    expect(listed.requests.map((r) => r.fault ?? 'ok')).toEqual(['rate-limit', 'ok', 'malformed-json', 'ok']);
    expect((await control('reset')).status).toBe(204);
  });
});
