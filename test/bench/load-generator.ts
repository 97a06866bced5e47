import { fork } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { BenchLoad, BenchRequest } from './bench-scenario';

// autocannon ships no type declarations; the small surface used here is typed in this file. It is
// loaded on first use, so that the paced generator's own process (paced-load-process.ts) stays small.
let autocannonModule: AutocannonFn | undefined;
function autocannon(...args: Parameters<AutocannonFn>): AutocannonInstance {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  autocannonModule ??= require('autocannon') as AutocannonFn;
  return autocannonModule(...args);
}

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
  if (options.overallRate) return runPacedInChild({ ...options, overallRate: options.overallRate });
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

function statusCheck(load: Pick<BenchLoad, 'expectStatus'>): (status: number) => boolean {
  const expected = new Set(load.expectStatus ?? []);
  return (status) => (expected.size ? expected.has(status) : status >= 200 && status < 300);
}

/** A paced load as handed to its own process: plain data only (requests already serialised). */
export interface PacedJob {
  baseUrl: string;
  connections: number;
  overallRate: number;
  /** Requests to send in all (the list is cycled through). */
  total: number;
  /** Stop sending after this many seconds even if `total` is not reached. */
  maxSeconds?: number;
  requests: AutocannonRequest[];
  expectStatus?: number[];
}

/**
 * Runs a paced load (`runPaced`) in a process of its own and returns what it measured. The bench's
 * own process holds the seeded fixtures, reports and autocannon's state (tens of MB): V8 collected
 * that heap about once a second during a paced run, and each collection held up the answers in
 * flight by 20-50 ms, which the latency figures then counted against the service. The generator's
 * own process holds only its requests and samples.
 */
function runPacedInChild(options: LoadOptions & { overallRate: number }): Promise<LoadResult> {
  if (options.onProgress) throw new Error('progress callbacks are not available for a paced load');
  const { load, overallRate } = options;
  const total = options.amount ?? Math.max(1, Math.round(overallRate * (options.durationSeconds ?? 10)));
  const requests = Array.isArray(load.requests)
    ? load.requests.map(toWire)
    : Array.from({ length: total }, (_, i) => toWire((load.requests as (seq: number) => BenchRequest)(i + 1)));
  const job: PacedJob = { baseUrl: options.baseUrl, connections: options.connections, overallRate, total, maxSeconds: options.maxSeconds, requests, expectStatus: load.expectStatus };
  const child = fork(path.join(__dirname, 'paced-load-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [], serialization: 'advanced' });
  return new Promise((resolve, reject) => {
    let result: LoadResult | undefined;
    child.once('message', (m: { result?: LoadResult; error?: string }) => {
      if (m.result) result = m.result;
      else reject(new Error(`paced load: ${m.error ?? 'no result'}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => (result ? resolve(result) : reject(new Error(`the paced load generator exited with code ${code} before answering`))));
    child.send(job);
  });
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
export function runPaced(job: PacedJob): Promise<LoadResult> {
  const { overallRate, total } = job;
  const isOk = statusCheck(job);
  const url = new URL(job.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections });
  const bodies = job.requests.map((r) => (r.body === undefined ? undefined : Buffer.from(r.body)));
  const limitMs = (job.maxSeconds ?? Infinity) * 1000;
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
      resolve(loadResult(job.connections, durationSeconds, responses, ok, samples, { statusCodes: failedStatuses, errors, timeouts, firstError }));
    };
    const settled = () => {
      if (responses + errors + timeouts === sent && (stopped || sent === total)) finish();
    };
    const send = () => {
      const sentAt = performance.now();
      const i = sent % job.requests.length;
      const wire = job.requests[i];
      const body = bodies[i];
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
