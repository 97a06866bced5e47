import { loadConfig } from '../src/platform/config/app-config';
import { DataFileError } from '../src/platform/data-files/data-file-problem';
import { createApp } from '../src/platform/http/create-app';
import { createTestDatabase } from './support/database';
import { auth, startTestApp, TestApp } from './support/test-app';

describe('platform: health, metrics, OpenAPI, errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database reachable', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('puts a request id on every response and echoes a sane caller id', async () => {
    const a = await t.http().get('/health');
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await t.http().get('/health').set('X-Request-Id', 'checkout-req-123456');
    expect(b.headers['x-request-id']).toBe('checkout-req-123456');
    const c = await t.http().get('/v1/carriers').set('X-Request-Id', 'bad id with spaces');
    expect(c.headers['x-request-id']).not.toBe('bad id with spaces');
    expect(c.body.error.requestId).toBe(c.headers['x-request-id']);
  });

  it('serves Prometheus metrics with request counts and latency histograms by route', async () => {
    await t.http().get('/health');
    const res = await t.http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/health",status="200"\} \d+/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health"\}/);
  });

  it('serves the OpenAPI document generated from the code, and the docs page', async () => {
    const res = await t.http().get('/openapi.json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/api-keys', '/v1/carriers', '/v1/tariffs/hs/{code}', '/health']));
    expect(res.body.components.schemas.CreateApiKeyDto.properties.scopes).toBeDefined();
    const docs = await t.http().get('/docs').redirects(1);
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.http().get('/v1/nope').set(auth(t.adminKey)).expect(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String), details: [] });
  });

  it('answers malformed JSON with a 400, never a 500', async () => {
    const res = await t
      .http()
      .post('/v1/api-keys')
      .set(auth(t.adminKey))
      .set('content-type', 'application/json')
      .send('{"name": "x", ')
      .expect(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  it('answers a body over the limit with 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024), scopes: ['quotes'] });
    const res = await t.http().post('/v1/api-keys').set(auth(t.adminKey)).set('content-type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lists every validation problem with its path and rejects unknown fields', async () => {
    const res = await t
      .http()
      .post('/v1/api-keys')
      .set(auth(t.adminKey))
      .send({ name: '', scopes: ['quotes', 'root'], colour: 'blue' })
      .expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    const paths = res.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['colour', 'name', 'scopes']);
    expect(res.body.error.details.find((d: { path: string }) => d.path === 'colour').message).toBe('unknown field');
  });

  it('rejects a body that is not an object', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const res = await t.http().post('/v1/api-keys').set(auth(t.adminKey)).set('content-type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.requestId).toBeDefined();
    }
  });
});

describe('platform: data files are validated at boot', () => {
  it('refuses to start on bad carrier files and lists every problem with file, line and field', async () => {
    const db = await createTestDatabase();
    try {
      const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', CARRIERS_DIR: 'test/fixtures/bad-carriers' });
      const error = await createApp(config, { quiet: true }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DataFileError);
      const problems = (error as DataFileError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'test/fixtures/bad-carriers/broken-yaml/carrier.yaml', message: expect.stringMatching(/YAML syntax/) }),
          expect.objectContaining({ file: 'test/fixtures/bad-carriers/bad-fields/carrier.yaml', line: 5, field: 'currency' }),
          expect.objectContaining({ file: 'test/fixtures/bad-carriers/bad-fields/carrier.yaml', line: 8, field: 'colour', message: 'unknown field' }),
          expect.objectContaining({ file: 'test/fixtures/bad-carriers/bad-fields/carrier.yaml', line: 10, field: 'services[0].code' }),
          expect.objectContaining({ file: 'test/fixtures/bad-carriers/unknown-adapter/carrier.yaml', field: 'adapter' }),
        ]),
      );
      expect((error as Error).message).toMatch(/bad-fields\/carrier.yaml:8 colour: unknown field/);
    } finally {
      await db.drop();
    }
  });

  it('refuses to start on bad tariff files and lists every problem', async () => {
    const db = await createTestDatabase();
    try {
      const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', TARIFFS_DIR: 'test/fixtures/bad-tariffs' });
      const error = (await createApp(config, { quiet: true }).then(
        () => undefined,
        (e: unknown) => e,
      )) as DataFileError;
      expect(error).toBeInstanceOf(DataFileError);
      expect(error.problems).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ file: 'test/fixtures/bad-tariffs/hs/harmonized-system.csv', line: 4, field: 'hscode' }),
          expect.objectContaining({ file: 'test/fixtures/bad-tariffs/hs/harmonized-system.csv', line: 5, field: 'level' }),
          expect.objectContaining({ file: 'test/fixtures/bad-tariffs/reference/currencies.csv', line: 3, field: 'minorUnits' }),
          // A country named by its code ("US") would print as such on labels.
          expect.objectContaining({ file: 'test/fixtures/bad-tariffs/reference/countries.csv', line: 236, field: 'name' }),
        ]),
      );
    } finally {
      await db.drop();
    }
  });
});
