// autocannon ships no type declarations; the small surface used here is typed in this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as AutocannonFn;
import http from 'node:http';
import type { BenchLoad, BenchRequest } from './bench-scenario';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  setupRequest?: (req: AutocannonRequest, context: unknown) => AutocannonRequest;
}
interface AutocannonResult {
  duration: number;
  requests: { total: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  on(event: 'reqError', fn: (err: Error) => void): void;
  on(event: 'done', fn: () => void): void;
  stop(): void;
}
type AutocannonFn = (
  opts: Record<string, unknown>,
  cb: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

/** Latency in milliseconds, computed from every successful response (sub-millisecond precision). */
export interface LatencySummary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** Responses received. */
  requests: number;
  /** Responses with an expected status. */
  ok: number;
  /** Successful requests per second. */
  rps: number;
  latency: LatencySummary;
  /** Unexpected statuses by code, and socket errors/timeouts. */
  failures: { statusCodes: Record<string, number>; errors: number; timeouts: number; firstError?: string };
}

export interface LoadOptions {
  baseUrl: string;
  load: BenchLoad;
  connections: number;
  /** Either a duration... */
  durationSeconds?: number;
  /** ...or an exact number of requests... */
  amount?: number;
  /** ...stopped after this many seconds even if `amount` is not reached. */
  maxSeconds?: number;
  /**
   * Paced load: requests per second over all connections, sent evenly spaced (see `runPaced`);
   * default: as fast as answers come.
   */
  overallRate?: number;
  /** Called every `progressEvery` successful responses (memory checkpoints). */
  onProgress?: (ok: number) => void;
  progressEvery?: number;
}

/** Serialises a scenario request into what autocannon sends. */
export function toWire(req: BenchRequest): AutocannonRequest {
  const headers: Record<string, string> = { ...(req.headers ?? {}) };
  let body: string | undefined;
  if (req.body !== undefined) {
    body = typeof req.body === 'string' || Buffer.isBuffer(req.body) ? (req.body as string) : JSON.stringify(req.body);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  return { method: req.method, path: req.path, headers, body };
}

/** Growable store of latency samples (ms, as floats) so percentiles are not rounded to whole ms. */
class LatencySamples {
  private data = new Float64Array(1 << 16);
  private n = 0;

  add(ms: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = ms;
  }

  summary(): LatencySummary {
    if (this.n === 0) return { mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
    const sorted = this.data.slice(0, this.n).sort();
    let sum = 0;
    for (let i = 0; i < sorted.length; i++) sum += sorted[i];
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { mean: sum / sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] };
  }
}

/**
 * Drives the service with autocannon from this process (never the service's) and measures every
 * response: rate of expected answers, latency percentiles from exact samples, and every unexpected
 * status so that a fast stream of errors is never mistaken for speed.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.overallRate) return runPaced({ ...options, overallRate: options.overallRate });
  const { load } = options;
  const isOk = statusCheck(load);
  const requests: AutocannonRequest[] = Array.isArray(load.requests)
    ? load.requests.map(toWire)
    : [
        {
          setupRequest: (() => {
            const factory = load.requests;
            let seq = 1;
            return (req: AutocannonRequest) => ({ ...req, ...toWire(factory(seq++)) });
          })(),
        },
      ];
  const samples = new LatencySamples();
  const failedStatuses: Record<string, number> = {};
  let ok = 0;
  let responses = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.baseUrl,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
        requests,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
        timeout: 30,
        // Requests and latency are ours; autocannon's own histogram rounds to whole milliseconds.
        renderProgressBar: false,
        renderLatencyTable: false,
        renderResultsTable: false,
      },
      (err, result) => {
        if (err) return reject(err);
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
        const durationSeconds = options.amount ? elapsed : result.duration || elapsed;
        resolve(loadResult(options.connections, durationSeconds, responses, ok, samples, { statusCodes: failedStatuses, errors: result.errors, timeouts: result.timeouts, firstError }));
      },
    );
    if (options.maxSeconds) {
      const timer = setTimeout(() => instance.stop(), options.maxSeconds * 1000);
      instance.on('done', () => clearTimeout(timer));
    }
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      responses++;
      if (isOk(statusCode)) {
        ok++;
        samples.add(responseTime);
        if (options.onProgress && options.progressEvery && ok % options.progressEvery === 0) options.onProgress(ok);
      } else {
        failedStatuses[statusCode] = (failedStatuses[statusCode] ?? 0) + 1;
      }
    });
    instance.on('reqError', (e) => (firstError ??= e.message));
  });
}

function loadResult(connections: number, durationSeconds: number, responses: number, ok: number, samples: LatencySamples, failures: LoadResult['failures']): LoadResult {
  return { connections, durationSeconds, requests: responses, ok, rps: ok / durationSeconds, latency: samples.summary(), failures };
}

function statusCheck(load: BenchLoad): (status: number) => boolean {
  const expected = new Set(load.expectStatus ?? []);
  return (status) => (expected.size ? expected.has(status) : status >= 200 && status < 300);
}

/**
 * Open-loop paced load: request i is due at start + i / rate and is sent then, whatever the answers
 * before it are doing, over at most `connections` keep-alive sockets (a request waits for a free
 * socket when all are busy). Latency runs from the moment a request is handed to the HTTP client, so
 * waiting for a free socket counts; the generator never waits for answers before sending (no
 * coordinated omission). Timer lateness of this process is not counted: requests that came due
 * while it slept go out together when it wakes.
 *
 * autocannon's own rate limit is not used for this: each of its connections sends back to back until
 * its quota for the second is used up and then idles until the next second, so "half load" would be
 * full speed for half of every second, and latency would measure that burst instead of a busy but
 * unsaturated service.
 */
export function runPaced(options: LoadOptions & { overallRate: number }): Promise<LoadResult> {
  const { load, overallRate } = options;
  const isOk = statusCheck(load);
  const url = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const next: () => BenchRequest = Array.isArray(load.requests)
    ? (() => {
        const list = load.requests as BenchRequest[];
        let i = 0;
        return () => list[i++ % list.length];
      })()
    : (() => {
        const factory = load.requests as (seq: number) => BenchRequest;
        let seq = 1;
        return () => factory(seq++);
      })();
  const total = options.amount ?? Math.max(1, Math.round(overallRate * (options.durationSeconds ?? 10)));
  const limitMs = (options.maxSeconds ?? Infinity) * 1000;
  const intervalMs = 1000 / overallRate;
  const samples = new LatencySamples();
  const failedStatuses: Record<string, number> = {};
  let ok = 0;
  let responses = 0;
  let errors = 0;
  let timeouts = 0;
  let sent = 0;
  let firstError: string | undefined;
  const started = performance.now();

  return new Promise((resolve) => {
    let stopped = false;
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      const durationSeconds = (performance.now() - started) / 1000;
      agent.destroy();
      resolve(loadResult(options.connections, durationSeconds, responses, ok, samples, { statusCodes: failedStatuses, errors, timeouts, firstError }));
    };
    const settled = () => {
      if (responses + errors + timeouts === sent && (stopped || sent === total)) finish();
    };
    const send = () => {
      const sentAt = performance.now();
      const wire = toWire(next());
      const body = wire.body === undefined ? undefined : Buffer.from(wire.body);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: wire.method ?? 'GET',
          path: wire.path ?? '/',
          agent,
          headers: { ...wire.headers, ...(body && { 'content-length': String(body.length) }) },
          timeout: 30_000,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            responses++;
            const status = res.statusCode ?? 0;
            if (isOk(status)) {
              ok++;
              samples.add(performance.now() - sentAt);
              if (options.onProgress && options.progressEvery && ok % options.progressEvery === 0) options.onProgress(ok);
            } else {
              failedStatuses[status] = (failedStatuses[status] ?? 0) + 1;
            }
            settled();
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
      req.on('error', (e: Error & { code?: string }) => {
        if (e.code === 'TIMEOUT') timeouts++;
        else errors++;
        firstError ??= e.message;
        settled();
      });
      req.end(body);
      sent++;
    };
    // Sends whatever has come due, then sleeps until the next request is due.
    const tick = () => {
      const now = performance.now();
      if (now - started > limitMs) stopped = true;
      while (!stopped && sent < total && started + sent * intervalMs <= now) send();
      if (stopped || sent === total) return settled();
      setTimeout(tick, Math.max(0, started + sent * intervalMs - performance.now()));
    };
    tick();
  });
}
