import { inRange, IpRange, parseIp, parseRange, stripBrackets } from './ip-address';

/** One allowed destination: a host name, an address or a block of addresses, on one port. */
export interface AllowEntry {
  /** A lower-case host name (matched by name), or undefined for an address block. */
  name?: string;
  range?: IpRange;
  port: number;
  /** The entry as written, for messages. */
  text: string;
}

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Reads one allow-list entry: `host`, `host:port`, `10.0.5.0/24`, `10.0.5.0/24:6101`, `fd00::17`,
 * `[fd00::/64]:9100`. Without a port the entry allows `defaultPort` only.
 */
export function parseAllowEntry(text: string, defaultPort: number): AllowEntry | { problem: string } {
  const entry = text.trim();
  let hostPart = entry;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) [, hostPart, portText] = bracketed;
  else if (entry.split(':').length === 2) [hostPart, portText] = entry.split(':');
  // More than one colon without brackets: an IPv6 address or block with no port.
  const port = portText === undefined ? defaultPort : /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) return { problem: `${entry}: the port must be a number from 1 to 65535` };
  if (parseIp(hostPart.split('/')[0])) {
    const range = parseRange(hostPart);
    return range ? { range, port, text: entry } : { problem: `${entry}: not an address or address/prefix-length block` };
  }
  const name = hostPart.toLowerCase().replace(/\.$/, '');
  if (!HOST_NAME.test(name)) return { problem: `${entry}: not a host name, address or address block` };
  return { name, port, text: entry };
}

/**
 * Destinations an administrator allowed (printers on the warehouse network, say). A host name entry
 * matches that name; an address entry matches an address literal, or every address a name resolves to.
 */
export class HostAllowList {
  private constructor(readonly entries: readonly AllowEntry[]) {}

  /** Throws with every malformed entry listed. */
  static parse(texts: readonly string[], defaultPort: number): HostAllowList {
    const entries: AllowEntry[] = [];
    const problems: string[] = [];
    for (const text of texts) {
      const parsed = parseAllowEntry(text, defaultPort);
      if ('problem' in parsed) problems.push(parsed.problem);
      else entries.push(parsed);
    }
    if (problems.length) throw new Error(`invalid allow-list entries: ${problems.join('; ')}`);
    return new HostAllowList(entries);
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  /** True when `host` (a name or an address literal) is itself listed for `port`. */
  allowsHost(host: string, port: number): boolean {
    const bare = stripBrackets(host).toLowerCase().replace(/\.$/, '');
    const ip = parseIp(bare);
    return this.entries.some((e) => e.port === port && (ip ? !!e.range && inRange(ip, e.range) : e.name === bare));
  }

  /** True when the resolved `address` lies in a listed block for `port`. */
  allowsAddress(address: string, port: number): boolean {
    const ip = parseIp(address);
    return !!ip && this.entries.some((e) => e.port === port && !!e.range && inRange(ip, e.range));
  }
}
