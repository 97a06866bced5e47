import { embeddedV4, inRange, IpRange, parseIp, parseRange } from './ip-address';

/** Kinds of addresses that are not on the public internet (webhook targets must not resolve to them unless allow-listed). */
export type ForbiddenAddressKind = 'loopback' | 'private' | 'link_local' | 'unique_local' | 'unspecified' | 'multicast' | 'shared' | 'reserved';

const RANGES: Array<[IpRange, ForbiddenAddressKind]> = (
  [
    ['0.0.0.0/8', 'unspecified'],
    ['10.0.0.0/8', 'private'],
    ['100.64.0.0/10', 'shared'],
    ['127.0.0.0/8', 'loopback'],
    ['169.254.0.0/16', 'link_local'],
    ['172.16.0.0/12', 'private'],
    ['192.0.0.0/24', 'reserved'],
    ['192.0.2.0/24', 'reserved'],
    ['192.168.0.0/16', 'private'],
    ['198.18.0.0/15', 'reserved'],
    ['198.51.100.0/24', 'reserved'],
    ['203.0.113.0/24', 'reserved'],
    ['224.0.0.0/4', 'multicast'],
    ['240.0.0.0/4', 'reserved'],
    ['::/128', 'unspecified'],
    ['::1/128', 'loopback'],
    ['fe80::/10', 'link_local'],
    ['fc00::/7', 'unique_local'],
    ['ff00::/8', 'multicast'],
    ['2001:db8::/32', 'reserved'],
  ] as const
).map(([cidr, kind]) => [parseRange(cidr)!, kind]);

/** Why an address is not public, or undefined when it is a public address. Anything not an IP literal is `reserved`. */
export function forbiddenAddressKind(ip: string): ForbiddenAddressKind | undefined {
  const parsed = parseIp(ip);
  if (!parsed) return 'reserved';
  // IPv4-mapped and NAT64 addresses carry an IPv4 address: judge that one.
  const address = embeddedV4(parsed) ?? parsed;
  return RANGES.find(([range]) => inRange(address, range))?.[1];
}
