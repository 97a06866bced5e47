import { Pool } from 'pg';
import type { BenchContext, BenchRequest, BenchResponse } from './bench-scenario';
import { toWire } from './load-generator';

export interface ContextOptions {
  baseUrl: string;
  adminKey: string;
  databaseUrl: string;
  carriersDir: string;
  tariffsDir: string;
  log: (message: string) => void;
}

/** Sends one request with fetch and reads the whole answer. */
export async function sendRequest(baseUrl: string, req: BenchRequest): Promise<BenchResponse> {
  const wire = toWire(req);
  const res = await fetch(baseUrl + wire.path, {
    method: wire.method,
    headers: wire.headers,
    body: wire.body,
    signal: AbortSignal.timeout(60_000),
  });
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  let json: unknown;
  if ((headers['content-type'] ?? '').includes('json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: res.status, headers, body, text, json };
}

/** The runner's side of a scenario's world: HTTP to the service, API keys, SQL on its database. */
export class RunnerContext implements BenchContext {
  readonly baseUrl: string;
  readonly adminKey: string;
  readonly carriersDir: string;
  readonly tariffsDir: string;
  readonly shared = new Map<string, unknown>();
  private readonly pool: Pool;
  private readonly keys = new Map<string, string>();

  constructor(private readonly options: ContextOptions) {
    this.baseUrl = options.baseUrl;
    this.adminKey = options.adminKey;
    this.carriersDir = options.carriersDir;
    this.tariffsDir = options.tariffsDir;
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 4 });
  }

  log(message: string): void {
    this.options.log(message);
  }

  request(req: BenchRequest): Promise<BenchResponse> {
    return sendRequest(this.baseUrl, req);
  }

  /** Keys are created once per scope set and service instance, like a real integration would. */
  async keyWith(...scopes: string[]): Promise<string> {
    const id = [...scopes].sort().join('+');
    const known = this.keys.get(id);
    if (known) return known;
    const res = await this.request({
      method: 'POST',
      path: '/v1/api-keys',
      headers: { authorization: `Bearer ${this.adminKey}` },
      body: { name: `bench ${id}`, scopes },
    });
    if (res.status !== 201 || typeof res.json?.key !== 'string') {
      throw new Error(`creating an API key with scopes ${id} failed: ${res.status} ${res.text.slice(0, 300)}`);
    }
    this.keys.set(id, res.json.key);
    return res.json.key;
  }

  async sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]> {
    const result = await this.pool.query(text, params as unknown[]);
    return result.rows as T[];
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
