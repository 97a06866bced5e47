/**
 * The contract between the benchmark runner (`npm run bench`, `test/bench/run.mjs`) and the scenario
 * modules of each area (`test/bench/<area>.scenario.ts`).
 *
 * The runner owns the process model: it builds the service, starts it as a separate process on a
 * fresh PostgreSQL database, and drives it over HTTP with autocannon from its own process. A scenario
 * only says what to seed and what to send; it never starts the app in-process and never times
 * anything itself, so every figure in one run is measured the same way.
 *
 * @example
 * ```ts
 * export const quotesScenario: BenchScenario = {
 *   id: 'quotes',
 *   title: 'POST /v1/quotes (5 items, 2 parcels, DE->US DDP)',
 *   async prepare(ctx) {
 *     const key = await ctx.keyWith('quotes');
 *     return {
 *       requests: [{ method: 'POST', path: '/v1/quotes', headers: bearer(key), body: QUOTE_BODY }],
 *       verify: (res) => (Array.isArray(res.json?.options) && res.json.options.length > 0) || 'no options',
 *     };
 *   },
 * };
 * ```
 */
export interface BenchScenario {
  /** Stable id used in the table, the JSON file, `--only` and targets (e.g. `quotes`, `label-pdf`). */
  id: string;
  /** One line saying what one request does. */
  title: string;
  /**
   * Seeds what the load needs (through the service's API or with SQL) and returns the load.
   * Throw `BenchSkip` when the feature is not there (route missing, no carrier for the lane): the
   * runner reports the scenario as skipped with the reason instead of failing the whole run.
   */
  prepare(ctx: BenchContext): Promise<BenchLoad>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP request. A non-string body is sent as JSON with `content-type: application/json`. */
export interface BenchRequest {
  method: HttpMethod;
  /** Path and query, e.g. `/v1/quotes` or `/t/abc?lang=de`. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

/** What the runner sends, and how it judges the answers. */
export interface BenchLoad {
  /**
   * Either a fixed list that every connection sends in rotation, or a factory called once per
   * request with a run-wide sequence number (for unique idempotency keys, event ids or tokens).
   * A factory must be cheap: it runs in the load generator and steals CPU from the measurement.
   */
  requests: BenchRequest[] | ((seq: number) => BenchRequest);
  /** Concurrent connections (default: the runner's, 32). */
  connections?: number;
  /** Units of work per request when a request carries several (e.g. 10 tracking events). */
  unitsPerRequest?: number;
  /** Name of that unit in the report (e.g. `events`, `labels`). */
  unit?: string;
  /** Statuses that count as success (default: any 2xx). */
  expectStatus?: number[];
  /**
   * Checks one response before the load starts (the first request of the list, or `seq` 0 of the
   * factory): return true, or a message saying what is wrong. A benchmark of wrong answers is worthless.
   */
  verify?: (res: BenchResponse) => true | string;
}

/** A response read fully by the runner's HTTP helper. */
export interface BenchResponse {
  status: number;
  headers: Record<string, string>;
  /** Raw body. */
  body: Buffer;
  /** Body as text (UTF-8). */
  text: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  json: any;
}

/** What a scenario gets from the runner. */
export interface BenchContext {
  /** Base URL of the service under test, e.g. `http://127.0.0.1:41234`. */
  baseUrl: string;
  /** The admin API key the service was started with (`ADMIN_API_KEY`). */
  adminKey: string;
  /** Creates an API key with these scopes through `POST /v1/api-keys` and returns its value. */
  keyWith(...scopes: string[]): Promise<string>;
  /** One request to the service (outside the measured load), e.g. to seed through the real API. */
  request(req: BenchRequest): Promise<BenchResponse>;
  /** Runs SQL on the service's database (seeding large tables with `generate_series`). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** The carriers folder the running service loaded (absolute path). */
  carriersDir: string;
  /** The tariffs folder the running service loaded (absolute path). */
  tariffsDir: string;
  /** Values shared between scenarios of one service instance (e.g. booked shipment ids for label reads). */
  shared: Map<string, unknown>;
  /** Progress line on the runner's console. */
  log(message: string): void;
}

/** Thrown by `prepare` when the scenario cannot run on this build; the reason is reported. */
export class BenchSkip extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BenchSkip';
  }
}

/** `Authorization` header for an API key. */
export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
