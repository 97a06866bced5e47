/**
 * How a carrier client authenticates its calls. `headers()` is asked before every attempt;
 * `invalidate()` is called once when the carrier answers 401 so that the next `headers()` fetches a
 * fresh credential (an OAuth token that expired early, was revoked, or was issued to another node).
 */
export interface CarrierAuth {
  headers(signal: AbortSignal): Promise<Record<string, string>>;
  /** Forget a cached credential. Returns false when there is nothing to renew (static credentials). */
  invalidate(): boolean;
}

/** HTTP Basic with fixed credentials (MyDHL API key and secret). */
export class BasicAuth implements CarrierAuth {
  private readonly header: string;

  constructor(username: string, password: string) {
    this.header = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  async headers(): Promise<Record<string, string>> {
    return { Authorization: this.header };
  }

  invalidate(): boolean {
    return false;
  }
}
