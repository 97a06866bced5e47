import { isIP } from 'node:net';

/**
 * The client's address as seen through `trustedHops` reverse proxies.
 *
 * Each proxy appends the address it received the connection from to `X-Forwarded-For`, so the
 * trustworthy entries are the last ones: with N trusted proxies the client is the Nth entry from the
 * right (the socket peer being the last proxy). Entries further left were written by the client and
 * may be anything, so they are never used; with 0 hops the header is ignored altogether.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const socket = socketAddress ?? 'unknown';
  if (trustedHops <= 0 || !forwardedFor) return socket;
  const chain = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // addresses = [...chain, socket]; the client sits trustedHops from the end.
  const index = chain.length - trustedHops;
  if (index < 0) return chain[0] ?? socket;
  return chain[index];
}

/**
 * The key a per-client limit counts under: an IPv4 address as is, an IPv6 address by its /64 prefix
 * (one subscriber usually holds a whole /64 and can rotate through it at will).
 */
export function clientKey(address: string): string {
  let a = address.trim();
  if (a.startsWith('[') && a.includes(']')) a = a.slice(1, a.indexOf(']'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) return mapped[1];
  if (isIP(a) === 4) return a;
  if (isIP(a) === 6) return `${expandIpv6(a).slice(0, 4).join(':')}::/64`;
  return a.slice(0, 100);
}

function expandIpv6(address: string): string[] {
  const withoutZone = address.split('%')[0];
  const [head, tail] = withoutZone.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - h.length - t.length;
  return [...h, ...Array<string>(Math.max(0, missing)).fill('0'), ...t].map((g) => (parseInt(g, 16) || 0).toString(16));
}
