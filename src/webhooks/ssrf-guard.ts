import { Injectable } from '@nestjs/common';
import dns from 'node:dns';
import net from 'node:net';
import { AppConfig } from '../platform/config/app-config';
import { forbiddenAddressKind } from '../platform/net/address-classification';
import { stripBrackets } from '../platform/net/ip-address';

export class ForbiddenTargetError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: string,
  ) {
    super(`${host} resolves to a ${kind.replace('_', '-')} address (${address}); such targets are refused unless the host is listed in WEBHOOK_ALLOWED_HOSTS`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * Keeps webhook deliveries away from the service's own network: a target must resolve only to public
 * addresses unless its host is in WEBHOOK_ALLOWED_HOSTS. The check runs when an endpoint is registered
 * and again inside the socket's DNS lookup at every delivery, so a host that later re-points to an
 * internal address (DNS rebinding) is caught at connect time.
 */
@Injectable()
export class SsrfGuard {
  private readonly allowed: Set<string>;

  constructor(config: AppConfig) {
    this.allowed = new Set(config.WEBHOOK_ALLOWED_HOSTS.map((h) => h.toLowerCase()));
  }

  isAllowListed(host: string): boolean {
    return this.allowed.has(stripBrackets(host).toLowerCase());
  }

  /** Resolves `host` and throws ForbiddenTargetError if any address is non-public. */
  async assertPublic(host: string): Promise<void> {
    const bare = stripBrackets(host);
    if (this.isAllowListed(bare)) return;
    const addresses = net.isIP(bare) ? [bare] : (await dns.promises.lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
    for (const address of addresses) {
      const kind = forbiddenAddressKind(address);
      if (kind) throw new ForbiddenTargetError(bare, address, kind);
    }
  }

  /** A `lookup` for sockets that refuses non-public answers for hosts not allow-listed. */
  readonly lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (!this.isAllowListed(hostname)) {
        for (const a of list) {
          const kind = forbiddenAddressKind(a.address);
          if (kind) return callback(new ForbiddenTargetError(hostname, a.address, kind), '', 0);
        }
      }
      if (options.all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
