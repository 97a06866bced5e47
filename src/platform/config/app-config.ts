import 'reflect-metadata';
import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
} from 'class-validator';
import path from 'node:path';
import { parseAllowEntry } from '../net/host-allow-list';

const TRUE_WORDS = ['1', 'true', 'yes', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'off'];
/** A yes/no setting; any other word is left as it is, so that validation refuses it by name (a typo must not switch a feature off). */
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '' || typeof value === 'boolean') return value === '' ? undefined : value;
  const word = String(value).trim().toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  return value;
};
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * Every setting the service reads from its environment, validated at boot.
 * This file is the only place in `src/` that reads `process.env` (see `loadConfig`).
 * Secrets are marked in `SECRET_KEYS` so that they never reach a log line.
 */
export class AppConfig {
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL connection URL. The launcher sets it to the embedded server when the operator does not. */
  @IsString() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  /** Set by the launcher when DATABASE_URL points at the embedded PostgreSQL it started. */
  @Transform(toBool) @IsBoolean()
  EMBEDDED_DATABASE = false;

  /** Base URL under which buyers reach the service (used in tracking links). Defaults to http://localhost:PORT. */
  @IsOptional() @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL?: string;

  /** When set, a key with this value exists with scope `admin` after boot. */
  @IsOptional() @IsString() @MinLength(24, { message: 'ADMIN_API_KEY must be at least 24 characters' })
  ADMIN_API_KEY?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  /** Log each request line (method, route, status, time). Off keeps logs to warnings and errors of requests. */
  @Transform(toBool) @IsBoolean()
  LOG_REQUESTS = true;

  /** Folder of carrier definitions (carrier.yaml + CSV tables per carrier). */
  @IsString()
  CARRIERS_DIR = 'carriers';

  /** Folder whose `<carrier>/events.csv` files map carrier event codes to tracking statuses. Defaults to CARRIERS_DIR. */
  @IsOptional() @IsString()
  TRACKING_EVENT_CODES_DIR?: string;

  /** Folder of tariff, tax and exchange-rate data. */
  @IsString()
  TARIFFS_DIR = 'tariffs';

  /** Minutes a stored quote (and the prices in it) stays valid. */
  @Type(() => Number) @IsInt() @Min(1) @Max(24 * 60)
  QUOTE_TTL_MINUTES = 30;

  /** Time budget in ms for the whole carrier fan-out of one quote. */
  @Type(() => Number) @IsInt() @Min(10) @Max(60000)
  QUOTE_TIME_BUDGET_MS = 2500;

  /** Days an expired quote is kept (GET answers 410 meanwhile, then 404) before it is deleted. */
  @Type(() => Number) @IsInt() @Min(0) @Max(3650)
  QUOTE_RETENTION_DAYS = 7;

  /**
   * Seconds an instance trusts an API key it has already checked before asking the database again
   * (0: every request asks). Revoking a key takes effect at once on the instance that revoked it and
   * within this many seconds on the others.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(300)
  API_KEY_CACHE_SECONDS = 10;

  /** Largest accepted request body, in bytes (413 above). */
  @Type(() => Number) @IsInt() @Min(1024)
  BODY_LIMIT_BYTES = 5 * 1024 * 1024;

  /** Hosts that webhook targets may use even when they resolve to private or loopback addresses. */
  @Transform(toList) @IsString({ each: true })
  WEBHOOK_ALLOWED_HOSTS: string[] = [];

  /**
   * Network label printers the print station may send raw ZPL to: `host`, `host:port`, an address or
   * an address block (`10.0.5.0/24`, `[fd00::/64]:9101`); without a port only 9100. Empty (default):
   * no station can print over the network. Staff choose their station's printer among these.
   */
  @Transform(toList)
  @ValidateBy({
    name: 'printerAllowList',
    validator: {
      validate: (v: unknown) => Array.isArray(v) && v.every((e) => typeof e === 'string' && !('problem' in parseAllowEntry(e, 9100))),
      defaultMessage: (a) => (Array.isArray(a?.value) ? a.value : []).map((e: string) => parseAllowEntry(String(e), 9100)).flatMap((r: object) => ('problem' in r ? [r.problem] : [])).join('; '),
    },
  })
  PRINTER_ALLOWED_HOSTS: string[] = [];

  /** Run pg-boss background workers in this process (polling, webhook delivery). */
  @Transform(toBool) @IsBoolean()
  JOBS_ENABLED = true;

  /** How often an idle job worker looks for new jobs, in seconds (pg-boss polling; minimum 0.5). */
  @Type(() => Number) @IsNumber() @Min(0.5) @Max(60)
  JOBS_POLL_INTERVAL_SECONDS = 2;

  /**
   * How often pg-boss maintenance runs, in seconds: it finds jobs whose worker died or lost the
   * database mid-job (their expiry passed) and queues their retry. One instance runs it per interval.
   */
  @Type(() => Number) @IsInt() @Min(1) @Max(3600)
  JOBS_MAINTENANCE_INTERVAL_SECONDS = 120;

  /**
   * Delays in seconds before each delivery attempt of a merchant webhook (the first is usually 0).
   * Default: the Standard Webhooks schedule, about three days in all; each delay gets up to 20% jitter.
   */
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => Number(s.trim())) : value))
  @IsInt({ each: true }) @Min(0, { each: true })
  WEBHOOK_RETRY_SCHEDULE_SECONDS: number[] = [0, 5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400];

  /** Time a merchant webhook target has to answer, in ms. */
  @Type(() => Number) @IsInt() @Min(100) @Max(60000)
  WEBHOOK_TIMEOUT_MS = 15000;

  /**
   * Secrets of carriers that push events in Parcelwise's generic signed format, as `carrier=secret`
   * pairs separated by commas (e.g. `post-ch=abc...,gls-de=def...`).
   */
  @Transform(toList) @IsString({ each: true }) @Matches(/^[a-z0-9-]+=.{16,}$/, { each: true, message: 'CARRIER_WEBHOOK_SECRETS entries must be carrier=secret (16+ characters)' })
  CARRIER_WEBHOOK_SECRETS: string[] = [];

  /** Carrier pushes whose signed timestamp is further than this from now are refused (replay window), seconds. */
  @Type(() => Number) @IsInt() @Min(10) @Max(3600)
  CARRIER_WEBHOOK_TOLERANCE_SECONDS = 300;

  /** Days a return label stays usable; an unused one then expires (the return goes to `expired`). */
  @Type(() => Number) @IsInt() @Min(1) @Max(365)
  RETURN_LABEL_VALID_DAYS = 28;

  /** API carriers are polled for tracking until delivered or this many days after the first poll. */
  @Type(() => Number) @IsInt() @Min(1) @Max(365)
  TRACKING_POLL_MAX_AGE_DAYS = 60;

  /** Requests per minute per IP on public (no key) routes. */
  @Type(() => Number) @IsInt() @Min(1)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 60;

  /**
   * Reverse proxies in front of the service whose `X-Forwarded-For` entries are trusted when rate
   * limits find the client address. 0 (default) uses the socket peer and ignores the header, which a
   * client can forge; behind one load balancer set 1.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(10)
  TRUSTED_PROXY_HOPS = 0;

  /**
   * Key for signing verified-view grants and merchant links of the public tracking page (HMAC-SHA256),
   * at least 32 characters. Set it in production and keep it stable: changing it ends every verified
   * session and signed link. When unset, a random key is generated on first boot and stored in the
   * database (table `app_secret`), so every instance on that database shares it.
   */
  @IsOptional() @IsString() @MinLength(32, { message: 'PUBLIC_TRACKING_SECRET must be at least 32 characters' })
  PUBLIC_TRACKING_SECRET?: string;

  /** Wrong postal codes accepted per tracking token per hour before verification is refused (429). */
  @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  PUBLIC_VERIFY_FAILURES_PER_TOKEN_PER_HOUR = 5;

  /** Wrong postal codes (or unknown tokens and numbers) per client address per hour before 429. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  PUBLIC_VERIFY_FAILURES_PER_IP_PER_HOUR = 30;

  /** A buyer opening the tracking page asks an API carrier for fresh events at most this often per shipment, minutes. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1440)
  PUBLIC_TRACKING_REFRESH_MINUTES = 10;

  @IsOptional() @IsString() MYDHL_BASE_URL?: string;
  @IsOptional() @IsString() MYDHL_API_KEY?: string;
  @IsOptional() @IsString() MYDHL_API_SECRET?: string;
  @IsOptional() @IsString() MYDHL_ACCOUNT_NUMBER?: string;
  @IsOptional() @IsString() UPS_BASE_URL?: string;
  @IsOptional() @IsString() UPS_CLIENT_ID?: string;
  @IsOptional() @IsString() UPS_CLIENT_SECRET?: string;
  @IsOptional() @IsString() UPS_ACCOUNT_NUMBER?: string;
  @IsOptional() @IsString() FEDEX_BASE_URL?: string;
  @IsOptional() @IsString() FEDEX_CLIENT_ID?: string;
  @IsOptional() @IsString() FEDEX_CLIENT_SECRET?: string;
  @IsOptional() @IsString() FEDEX_ACCOUNT_NUMBER?: string;
  /** Secret for FedEx webhook `fdx-signature` verification. */
  @IsOptional() @IsString() FEDEX_WEBHOOK_SECRET?: string;
  /** Credential UPS Track Alert sends with its pushes. */
  @IsOptional() @IsString() UPS_WEBHOOK_CREDENTIAL?: string;

  /** Time limit of one HTTP attempt to a carrier API (MyDHL, UPS, FedEx), ms. */
  @Type(() => Number) @IsInt() @Min(50) @Max(120000)
  CARRIER_TIMEOUT_MS = 10000;

  /** Attempts of a safe carrier call (rates, tracking, tokens), the first included; bookings get one. */
  @Type(() => Number) @IsInt() @Min(1) @Max(10)
  CARRIER_MAX_ATTEMPTS = 3;

  /** Consecutive failed carrier calls (timeouts, 5xx) that open a carrier's circuit breaker. */
  @Type(() => Number) @IsInt() @Min(1) @Max(1000)
  CARRIER_BREAKER_FAILURES = 5;

  /** How long an open circuit refuses calls before one trial call, ms. */
  @Type(() => Number) @IsInt() @Min(100) @Max(3600000)
  CARRIER_BREAKER_COOLDOWN_MS = 30000;

  /** Longest carrier `Retry-After` waited within one call; longer fails the call as rate-limited, ms. */
  @Type(() => Number) @IsInt() @Min(0) @Max(600000)
  CARRIER_MAX_RETRY_AFTER_MS = 5000;

  /** Absolute path of the carriers folder. */
  get carriersDir(): string {
    return path.resolve(this.CARRIERS_DIR);
  }

  get tariffsDir(): string {
    return path.resolve(this.TARIFFS_DIR);
  }

  get publicBaseUrl(): string {
    const base = this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`;
    return base.replace(/\/+$/, '');
  }
}

/** Names of settings whose values must never be printed. */
export const SECRET_KEYS = new Set<string>([
  'DATABASE_URL',
  'ADMIN_API_KEY',
  'MYDHL_API_KEY',
  'MYDHL_API_SECRET',
  'UPS_CLIENT_SECRET',
  'FEDEX_CLIENT_SECRET',
  'FEDEX_WEBHOOK_SECRET',
  'UPS_WEBHOOK_CREDENTIAL',
  'CARRIER_WEBHOOK_SECRETS',
  'PUBLIC_TRACKING_SECRET',
]);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Builds and validates the configuration from an environment map (the process environment by default).
 * Unknown variables are ignored; invalid ones fail with every problem listed.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  // Only the variables declared (decorated) on AppConfig are read; the rest of the environment is ignored.
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((m) => m.propertyName),
  );
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && v !== '' && known.has(k)) plain[k] = v;
  }
  const config = plainToInstance(AppConfig, plain, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        const messages = Object.values(e.constraints ?? {}).join('; ');
        return SECRET_KEYS.has(e.property) ? `${e.property}: ${messages}` : `${e.property}=${JSON.stringify(plain[e.property])}: ${messages}`;
      }),
    );
  }
  return Object.freeze(config);
}
