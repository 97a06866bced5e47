import { CarrierError } from '../carrier-error';
import type { CarrierAuth } from './carrier-auth';
import type { CarrierHttpClient, CarrierHttpRequest } from './carrier-http.client';

/** What a token endpoint answered, read into what the cache needs. */
export interface IssuedToken {
  accessToken: string;
  /** Lifetime in seconds as the carrier stated it. */
  expiresInSeconds: number;
}

export interface OAuthClientCredentialsOptions {
  carrier: string;
  /** Builds the token request (UPS: Basic auth + form; FedEx: credentials in the form). */
  tokenRequest: () => CarrierHttpRequest;
  /** Reads the token response body. */
  readToken: (body: unknown) => IssuedToken;
  /** Renew this long before the stated expiry, so that a token never expires mid-flight. */
  renewBeforeSeconds?: number;
  now?: () => Date;
}

/**
 * OAuth 2.0 client-credentials token for one carrier account, cached until shortly before it
 * expires. Concurrent callers share one token request. `invalidate()` (called by the HTTP client on
 * a 401) drops the token so the next call fetches a new one; the client does that once per call.
 *
 * The cache is per process: each service instance holds its own token, which carriers allow (UPS
 * and FedEx issue several valid tokens per client id).
 */
export class OAuthClientCredentials implements CarrierAuth {
  private token?: { value: string; renewAt: number };
  private pending?: Promise<string>;
  private readonly now: () => Date;

  constructor(
    private readonly http: CarrierHttpClient,
    private readonly options: OAuthClientCredentialsOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async headers(signal: AbortSignal): Promise<Record<string, string>> {
    return { Authorization: `Bearer ${await this.accessToken(signal)}` };
  }

  invalidate(): boolean {
    this.token = undefined;
    return true;
  }

  async accessToken(signal: AbortSignal): Promise<string> {
    if (this.token && this.now().getTime() < this.token.renewAt) return this.token.value;
    // One request for all callers waiting on a token; the first caller's signal governs it.
    this.pending ??= this.fetch(signal).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetch(signal: AbortSignal): Promise<string> {
    const res = await this.http.request<unknown>({ ...this.options.tokenRequest(), signal });
    let issued: IssuedToken;
    try {
      issued = this.options.readToken(res.body);
    } catch (e) {
      throw new CarrierError(this.options.carrier, 'AUTH', `token: unexpected token response (${(e as Error).message})`);
    }
    const renewBefore = this.options.renewBeforeSeconds ?? 60;
    // A very short-lived token is renewed at half its life rather than never being cached.
    const lifetime = Math.max(0, issued.expiresInSeconds - Math.min(renewBefore, issued.expiresInSeconds / 2));
    this.token = { value: issued.accessToken, renewAt: this.now().getTime() + lifetime * 1000 };
    return issued.accessToken;
  }
}

/** Reads the common `{ access_token, expires_in }` token body (expires_in as number or string). */
export function readStandardToken(body: unknown): IssuedToken {
  const b = body as { access_token?: unknown; expires_in?: unknown } | undefined;
  if (!b || typeof b.access_token !== 'string' || b.access_token === '') throw new Error('no access_token');
  const expires = Number(b.expires_in);
  if (!Number.isFinite(expires) || expires <= 0) throw new Error('no valid expires_in');
  return { accessToken: b.access_token, expiresInSeconds: expires };
}
