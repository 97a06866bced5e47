import { CarrierEmulator, EmulatorRequest, EmulatorResponse } from './carrier-emulator';
import type { SchemaProblem } from './openapi-document';

/**
 * An emulator of a carrier that issues OAuth client-credentials tokens: it keeps the tokens it
 * issued (they survive a reset, as sessions do at the real carrier, and go on `expired-token`) and
 * answers calls without a known bearer token with the carrier's 401.
 */
export abstract class OAuthCarrierEmulator extends CarrierEmulator {
  private readonly tokens = new Set<string>();
  private serial = 0;

  /** The carrier's answer to a call without a valid bearer token. */
  protected abstract unauthorised(): EmulatorResponse;

  protected override expireTokens(): void {
    this.tokens.clear();
  }

  /** The next number of this emulator's one counter (tokens and shipment numbers draw from it). */
  protected nextSerial(): number {
    this.serial += 1;
    return this.serial;
  }

  /** Issues and remembers a token, named by the carrier's format from the next serial. */
  protected issueToken(format: (serial: number) => string): string {
    const token = format(this.nextSerial());
    this.tokens.add(token);
    return token;
  }

  /** The token endpoint's content-type check: client credentials come form-encoded. */
  protected formEncoded(req: EmulatorRequest): SchemaProblem[] {
    return (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
      ? []
      : [{ path: 'header.content-type', message: 'must be application/x-www-form-urlencoded' }];
  }

  protected authorised(req: EmulatorRequest, next: () => EmulatorResponse | Promise<EmulatorResponse>): EmulatorResponse | Promise<EmulatorResponse> {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m || !this.tokens.has(m[1])) return this.unauthorised();
    return next();
  }
}
