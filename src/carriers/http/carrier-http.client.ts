import { Logger } from '@nestjs/common';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import {
  BrokenCircuitError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  RetryPolicy,
  TaskCancelledError,
  circuitBreaker,
  handleWhen,
  retry,
} from 'cockatiel';
import http from 'node:http';
import https from 'node:https';
import { CarrierError, CarrierErrorCode } from '../carrier-error';
import type { CarrierAuth } from './carrier-auth';
import { codeForHttpStatus, codeForNetworkError, parseRetryAfter } from './http-failure.mapper';
import { redactSecrets, redactUrl } from './redaction';
import { BackoffSettings, retryDelay } from './retry-backoff';

export interface CarrierHttpSettings {
  /** Carrier id, for errors and logs. */
  carrier: string;
  baseUrl: string;
  /** Time limit of one attempt, ms. */
  timeoutMs: number;
  /** Attempts of a safe call, the first included (1 = no retry). Unsafe calls get exactly one. */
  maxAttempts: number;
  backoff: BackoffSettings;
  /** Consecutive failed attempts that open the circuit, and how long it stays open. */
  breaker: { consecutiveFailures: number; cooldownMs: number };
  /** Longest `Retry-After` waited inside one call; a longer one fails the call as RATE_LIMITED. */
  maxRetryAfterMs: number;
  /** Credentials scrubbed from carrier messages before they are kept in errors. */
  secrets?: (string | undefined)[];
  now?: () => Date;
  /** Reads the carrier's own error body: its message, and a code when the status alone misleads. */
  describeError?: (status: number, body: unknown) => { message?: string; code?: CarrierErrorCode } | undefined;
}

export interface CarrierHttpRequest {
  /** What the call is for (`rate`, `ship`, `track`, `token`...), in logs and error messages. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** Idempotent (rates, tracking, tokens): may be retried after timeouts, 5xx and 429. */
  safe: boolean;
  auth?: CarrierAuth;
  signal?: AbortSignal;
  /** Non-2xx statuses the caller handles itself (their body is returned, not thrown). */
  acceptStatuses?: number[];
}

export interface CarrierHttpResponse<T> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

/**
 * The one way adapters talk HTTP to a carrier. Per call: a timeout per attempt, the caller's abort
 * signal (the quote's time budget), retries with exponential backoff and full jitter for safe calls
 * only, `Retry-After` honoured, one credential renewal on 401, and a circuit breaker per carrier that
 * fails fast while the carrier is down. Every failure leaves as a `CarrierError` whose message keeps
 * what the carrier said (scrubbed of credentials). Bodies are never logged: they hold addresses.
 *
 * The breaker's state lives in this process (each service instance learns on its own that a carrier
 * is down, within `consecutiveFailures` calls); that is deliberate, a shared breaker would need a
 * round trip to the database on every carrier call.
 */
export class CarrierHttpClient {
  private readonly logger: Logger;
  private readonly http: AxiosInstance;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly retry: RetryPolicy;
  private readonly now: () => Date;

  constructor(private readonly settings: CarrierHttpSettings) {
    this.logger = new Logger(`CarrierHttp:${settings.carrier}`);
    this.now = settings.now ?? (() => new Date());
    this.http = axios.create({
      baseURL: settings.baseUrl.replace(/\/+$/, ''),
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
      proxy: false,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    });
    this.breaker = circuitBreaker(
      handleWhen((e) => e instanceof CarrierError && countsAgainstCarrier(e)),
      {
        halfOpenAfter: settings.breaker.cooldownMs,
        breaker: new ConsecutiveBreaker(settings.breaker.consecutiveFailures),
      },
    );
    this.breaker.onBreak(() => this.logger.warn(`circuit opened after ${settings.breaker.consecutiveFailures} consecutive failures`));
    this.breaker.onReset(() => this.logger.log('circuit closed again'));
    this.retry = retry(
      handleWhen((e) => e instanceof CarrierError && e.retryable && !this.retryAfterTooLong(e)),
      {
        maxAttempts: Math.max(0, settings.maxAttempts - 1),
        backoff: new DelegateBackoff((ctx) => {
          const error = 'error' in ctx.result ? ctx.result.error : undefined;
          return retryDelay(ctx.attempt, error, settings.backoff);
        }),
      },
    );
  }

  /** `closed`, `open`, `half-open` or `isolated`; for health pages and tests. */
  get circuit(): string {
    return CircuitState[this.breaker.state].toLowerCase().replace('halfopen', 'half-open');
  }

  async request<T>(req: CarrierHttpRequest): Promise<CarrierHttpResponse<T>> {
    const signal = req.signal ?? new AbortController().signal;
    const once = () => this.breaker.execute(() => this.attemptWithRenewal<T>(req, signal));
    try {
      if (!req.safe) return await once();
      return await this.retry.execute(once, signal);
    } catch (e) {
      throw this.normalise(e, req, signal);
    }
  }

  private retryAfterTooLong(e: CarrierError): boolean {
    return e.code === 'RATE_LIMITED' && (e.options.retryAfterMs ?? 0) > this.settings.maxRetryAfterMs;
  }

  /** One attempt; a 401 gets exactly one more try with a renewed credential. */
  private async attemptWithRenewal<T>(req: CarrierHttpRequest, signal: AbortSignal): Promise<CarrierHttpResponse<T>> {
    const first = await this.send(req, signal);
    if (first.status === 401 && req.auth?.invalidate()) {
      this.logger.log(`${req.operation}: 401, renewing the credential once`);
      return this.finish<T>(req, await this.send(req, signal));
    }
    return this.finish<T>(req, first);
  }

  private async send(req: CarrierHttpRequest, signal: AbortSignal): Promise<AxiosResponse<string>> {
    if (signal.aborted) throw this.budgetSpent(req);
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const combined = AbortSignal.any([signal, timeout]);
    const headers: Record<string, string> = { Accept: 'application/json', ...(req.headers ?? {}) };
    if (req.auth) Object.assign(headers, await req.auth.headers(signal));
    let data: string | undefined;
    if (req.json !== undefined) {
      data = JSON.stringify(req.json);
      headers['Content-Type'] = 'application/json';
    } else if (req.form) {
      data = new URLSearchParams(req.form).toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const started = performance.now();
    try {
      const res = await this.http.request<string>({
        method: req.method,
        url: req.path,
        params: req.query ? dropUndefined(req.query) : undefined,
        headers,
        data,
        signal: combined,
      });
      this.logger.debug(`${req.operation} ${req.method} ${redactUrl(req.path)} -> ${res.status} in ${Math.round(performance.now() - started)} ms`);
      return res;
    } catch (e) {
      const ms = Math.round(performance.now() - started);
      if (signal.aborted) throw this.budgetSpent(req);
      if (timeout.aborted) {
        this.logger.warn(`${req.operation} ${req.method} ${redactUrl(req.path)}: no answer within ${this.settings.timeoutMs} ms`);
        throw new CarrierError(this.settings.carrier, 'TIMEOUT', `${req.operation}: no answer within ${this.settings.timeoutMs} ms`, { cause: e });
      }
      const code = (e as { code?: string }).code;
      this.logger.warn(`${req.operation} ${req.method} ${redactUrl(req.path)}: network failure ${code ?? 'unknown'} after ${ms} ms`);
      throw new CarrierError(this.settings.carrier, codeForNetworkError(code), `${req.operation}: cannot reach the carrier (${code ?? 'network error'})`, {
        cause: e,
      });
    }
  }

  private finish<T>(req: CarrierHttpRequest, res: AxiosResponse<string>): CarrierHttpResponse<T> {
    const headers = Object.fromEntries(Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const ok = (res.status >= 200 && res.status < 300) || (req.acceptStatuses ?? []).includes(res.status);
    let body: unknown;
    let malformed = false;
    const text = typeof res.data === 'string' ? res.data : '';
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        malformed = true;
      }
    }
    if (ok) {
      if (malformed) {
        this.logger.warn(`${req.operation}: HTTP ${res.status} with a body that is not JSON`);
        throw new CarrierError(this.settings.carrier, 'UNKNOWN', `${req.operation}: the carrier answered with malformed JSON`, {
          httpStatus: res.status,
        });
      }
      return { status: res.status, headers, body: body as T };
    }
    const described = malformed ? undefined : this.settings.describeError?.(res.status, body);
    const code = described?.code ?? codeForHttpStatus(res.status);
    const carrierMessage = described?.message ? redactSecrets(described.message, this.settings.secrets ?? []) : undefined;
    const retryAfterMs = res.status === 429 ? parseRetryAfter(headers['retry-after'], this.now()) : undefined;
    this.logger.warn(`${req.operation} ${req.method} ${redactUrl(req.path)} -> HTTP ${res.status} (${code})`);
    throw new CarrierError(
      this.settings.carrier,
      code,
      `${req.operation}: HTTP ${res.status}${carrierMessage ? `: ${carrierMessage}` : ''}`,
      { carrierMessage, httpStatus: res.status, retryAfterMs },
    );
  }

  private budgetSpent(req: CarrierHttpRequest): CarrierError {
    return new CarrierError(this.settings.carrier, 'TIMEOUT', `${req.operation}: the caller's time budget ran out`, { cause: CALLER_ABORT });
  }

  private normalise(e: unknown, req: CarrierHttpRequest, signal: AbortSignal): CarrierError {
    if (e instanceof CarrierError) return e;
    if (e instanceof BrokenCircuitError) {
      return new CarrierError(this.settings.carrier, 'UNAVAILABLE', `${req.operation}: circuit open after repeated failures; not calling the carrier for now`, {
        cause: e,
      });
    }
    if (e instanceof TaskCancelledError || signal.aborted) return this.budgetSpent(req);
    return new CarrierError(this.settings.carrier, 'UNKNOWN', `${req.operation}: ${(e as Error)?.message ?? String(e)}`, { cause: e });
  }
}

/** Marks a timeout that is the caller's (its budget ran out), not the carrier's. */
const CALLER_ABORT = Symbol('caller-abort');

/** Failures that say the carrier is unwell (not that our request was wrong) open the circuit. */
function countsAgainstCarrier(e: CarrierError): boolean {
  if (e.options.cause === CALLER_ABORT) return false;
  return e.code === 'TIMEOUT' || e.code === 'UNAVAILABLE' || (e.code === 'UNKNOWN' && e.options.httpStatus !== undefined);
}

function dropUndefined(query: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = String(v);
  return out;
}
