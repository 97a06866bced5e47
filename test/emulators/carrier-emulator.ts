import { DateTime } from 'luxon';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SchemaProblem } from './openapi-document';

/**
 * Failure a test asks an emulator to produce, per operation (`rate`, `ship`, `track`, `cancel`,
 * `token`, or `any`):
 * - `latency`: answer normally after `latencyMs` (longer than the client timeout = a timeout);
 * - `server-error`: HTTP `status` (default 503) with the carrier's error body;
 * - `rate-limit`: 429 with `Retry-After: retryAfterSeconds` (default 1);
 * - `malformed-json`: 200 with a truncated JSON body;
 * - `expired-token`: 401 as for an expired or revoked token (OAuth carriers forget issued tokens);
 * - `business-error`: the carrier's own refusal (e.g. no service on the lane, invalid postcode);
 * - `reset`: the connection is closed without an answer.
 */
export interface FaultSpec {
  mode: 'latency' | 'server-error' | 'rate-limit' | 'malformed-json' | 'expired-token' | 'business-error' | 'reset';
  operation?: string;
  /** How many matching requests get the fault (default: every one until cleared). */
  count?: number;
  latencyMs?: number;
  status?: number;
  retryAfterSeconds?: number;
}

export interface RecordedRequest {
  operation: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** Schema problems found in the request (empty when it conforms). */
  problems: SchemaProblem[];
  fault?: string;
}

export interface EmulatorRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | undefined>;
  rawBody: string;
  body: unknown;
  params: Record<string, string>;
}

export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send this text verbatim instead of JSON (malformed bodies, ZPL). */
  raw?: string;
}

export interface Route {
  operation: string;
  method: string;
  /** Path template with `{param}` segments. */
  path: string;
  handle: (req: EmulatorRequest, emulator: CarrierEmulator) => EmulatorResponse | Promise<EmulatorResponse>;
}

/**
 * A real local HTTP server speaking one carrier's wire format. Subclasses declare routes; this base
 * parses requests, records them with their schema problems, applies the faults a test selected
 * (in-process via `fault()`, or over HTTP via `POST /__emulator/faults`), and offers control routes:
 *
 * - `POST /__emulator/faults` `{ mode, operation?, count?, latencyMs?, status?, retryAfterSeconds? }`
 * - `DELETE /__emulator/faults` clears faults; `POST /__emulator/reset` clears faults, requests and state
 * - `GET /__emulator/requests` what was received, each with its schema problems (`DELETE` forgets them)
 * - `POST /__emulator/shipments/{trackingNumber}/advance` `{ "to": "picked_up" | "in_transit" | "delivered" }`
 */
export abstract class CarrierEmulator {
  readonly requests: RecordedRequest[] = [];
  private faults: (FaultSpec & { remaining: number })[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(readonly name: string) {}

  protected abstract routes(): Route[];

  /** The carrier's error body for a status and message (each carrier has its own shape). */
  protected abstract errorBody(status: number, message: string, code?: string): unknown;

  /** The carrier's answer to a `business-error` fault for an operation. */
  protected abstract businessError(operation: string): EmulatorResponse;

  /** Called on `expired-token`: forget issued tokens so that the client must fetch a new one. */
  protected expireTokens(): void {}

  /** Moves an emulated shipment along (control route); subclasses keep shipment state. */
  advance(_trackingNumber: string, _to: string): boolean {
    return false;
  }

  /** Clears faults, recorded requests and emulator state. */
  reset(): void {
    this.faults = [];
    this.requests.length = 0;
    this.resetState();
  }

  protected resetState(): void {}

  fault(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.count ?? Number.POSITIVE_INFINITY });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Requests that did not conform to the carrier's schema. A test asserts this stays empty. */
  get violations(): RecordedRequest[] {
    return this.requests.filter((r) => r.problems.length > 0);
  }

  calls(operation: string): RecordedRequest[] {
    return this.requests.filter((r) => r.operation === operation);
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    const routes = this.routes();
    this.server = http.createServer((req, res) => {
      void this.dispatch(routes, req, res).catch((e) => {
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify(this.errorBody(500, `emulator failure: ${(e as Error).message}`)));
        }
      });
    });
    this.server.keepAliveTimeout = 5000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://${host}:${address.port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async dispatch(routes: Route[], req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    const query = Object.fromEntries(url.searchParams.entries());
    const method = (req.method ?? 'GET').toUpperCase();

    if (url.pathname.startsWith('/__emulator/')) return this.control(method, url.pathname, rawBody, res);

    let body: unknown = undefined;
    if (rawBody) {
      if ((headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(rawBody).entries());
      else {
        try {
          body = JSON.parse(rawBody);
        } catch {
          body = rawBody;
        }
      }
    }
    for (const route of routes) {
      const params = matchPath(route.path, url.pathname);
      if (!params || route.method !== method) continue;
      const request: EmulatorRequest = { method, path: url.pathname, query, headers, rawBody, body, params };
      const recorded: RecordedRequest = { operation: route.operation, method, path: url.pathname, query, headers, body, problems: [] };
      this.requests.push(recorded);
      const fault = this.takeFault(route.operation);
      if (fault) recorded.fault = fault.mode;
      if (fault?.mode === 'latency') await sleep(fault.latencyMs ?? 1000);
      if (fault?.mode === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault && fault.mode !== 'latency') return this.send(res, this.faultResponse(fault, route.operation));
      const answer = await route.handle(request, this);
      // A handler reports schema problems by answering 400 with `problems`; keep them on the record.
      const problems = (answer as EmulatorResponse & { problems?: SchemaProblem[] }).problems;
      if (problems) recorded.problems = problems;
      return this.send(res, answer);
    }
    this.send(res, { status: 404, body: this.errorBody(404, `no route ${method} ${url.pathname}`) });
  }

  private takeFault(operation: string): FaultSpec | undefined {
    const f = this.faults.find((x) => x.remaining > 0 && (!x.operation || x.operation === 'any' || x.operation === operation));
    if (!f) return undefined;
    f.remaining -= 1;
    return f;
  }

  private faultResponse(fault: FaultSpec, operation: string): EmulatorResponse {
    switch (fault.mode) {
      case 'server-error': {
        const status = fault.status ?? 503;
        return { status, body: this.errorBody(status, 'The service is temporarily unavailable, please try again later', 'SERVICE.UNAVAILABLE') };
      }
      case 'rate-limit':
        return {
          status: 429,
          headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
          body: this.errorBody(429, 'Too many requests: quota exceeded', 'RATE.LIMIT.EXCEEDED'),
        };
      case 'malformed-json':
        return { status: 200, raw: '{"output": {"partial": [1, 2, ', headers: { 'content-type': 'application/json' } };
      case 'expired-token':
        this.expireTokens();
        return { status: 401, body: this.errorBody(401, 'The given access token has expired or is invalid', 'NOT.AUTHORIZED') };
      case 'business-error':
        return this.businessError(operation);
      default:
        return { status: 500, body: this.errorBody(500, `unknown fault ${fault.mode}`) };
    }
  }

  private control(method: string, pathname: string, rawBody: string, res: http.ServerResponse): void {
    let body: any = {};
    try {
      body = rawBody ? JSON.parse(rawBody) : {};
    } catch {
      return this.send(res, { status: 400, body: { error: 'body must be JSON' } });
    }
    if (pathname === '/__emulator/faults' && method === 'POST') {
      this.fault(body as FaultSpec);
      return this.send(res, { status: 204 });
    }
    if (pathname === '/__emulator/faults' && method === 'DELETE') {
      this.clearFaults();
      return this.send(res, { status: 204 });
    }
    if (pathname === '/__emulator/reset' && method === 'POST') {
      this.reset();
      return this.send(res, { status: 204 });
    }
    if (pathname === '/__emulator/requests' && method === 'GET') {
      return this.send(res, { status: 200, body: { requests: this.requests } });
    }
    if (pathname === '/__emulator/requests' && method === 'DELETE') {
      this.requests.length = 0;
      return this.send(res, { status: 204 });
    }
    const advance = /^\/__emulator\/shipments\/([^/]+)\/advance$/.exec(pathname);
    if (advance && method === 'POST') {
      return this.send(res, this.advance(decodeURIComponent(advance[1]), String(body.to ?? 'in_transit')) ? { status: 204 } : { status: 404, body: { error: 'unknown shipment' } });
    }
    this.send(res, { status: 404, body: { error: 'unknown control route' } });
  }

  private send(res: http.ServerResponse, answer: EmulatorResponse): void {
    const headers: Record<string, string> = { ...(answer.headers ?? {}) };
    let payload = '';
    if (answer.raw !== undefined) payload = answer.raw;
    else if (answer.body !== undefined) {
      payload = JSON.stringify(answer.body);
      headers['content-type'] ??= 'application/json';
    }
    res.writeHead(answer.status, headers);
    res.end(payload);
  }

  /** Answers 400 in the carrier's error shape listing every schema problem (and records them). */
  protected invalid(problems: SchemaProblem[]): EmulatorResponse & { problems: SchemaProblem[] } {
    const message = problems
      .slice(0, 10)
      .map((p) => `${p.path} ${p.message}`)
      .join('; ');
    return { status: 400, body: this.errorBody(400, `request does not conform to the API schema: ${message}`, 'INVALID.INPUT'), problems };
  }
}

/**
 * Emulated tracking histories span 34 hours and end now: the newest scan of a delivered parcel is
 * the present, never a time in the future (the service refuses events far in the future).
 */
export function historyStart(): DateTime {
  return DateTime.utc().minus({ hours: 35 });
}

function matchPath(template: string, actual: string): Record<string, string> | undefined {
  const t = template.split('/');
  const a = actual.split('/');
  if (t.length !== a.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const m = /^\{(.+)\}$/.exec(t[i]);
    if (m) params[m[1]] = decodeURIComponent(a[i]);
    else if (t[i] !== a[i]) return undefined;
  }
  return params;
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
