import net from 'node:net';

/** Kinds of addresses a webhook target must not resolve to (unless its host is allow-listed). */
export type ForbiddenAddressKind = 'loopback' | 'private' | 'link_local' | 'unique_local' | 'unspecified' | 'multicast' | 'shared' | 'reserved';

const V4_RANGES: Array<[string, number, ForbiddenAddressKind]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
}

function inV4Range(ip: string, base: string, bits: number): boolean {
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (v4ToInt(ip) & mask) === (v4ToInt(base) & mask);
}

function expandV6(ip: string): number[] {
  const [head, tail = ''] = ip.split('::');
  const parse = (s: string) => (s ? s.split(':') : []);
  let h = parse(head);
  let t = parse(tail);
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const fix = (groups: string[]) =>
    groups.flatMap((g) => {
      if (!g.includes('.')) return [g];
      const n = v4ToInt(g);
      return [(n >>> 16).toString(16), (n & 0xffff).toString(16)];
    });
  h = fix(h);
  t = fix(t);
  const fill = ip.includes('::') ? new Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((g) => parseInt(g, 16));
}

/** Why an address may not be a webhook target, or undefined when it is a public address. */
export function forbiddenAddressKind(ip: string): ForbiddenAddressKind | undefined {
  const family = net.isIP(ip);
  if (family === 4) {
    for (const [base, bits, kind] of V4_RANGES) if (inV4Range(ip, base, bits)) return kind;
    return undefined;
  }
  if (family !== 6) return 'reserved';
  const g = expandV6(ip.toLowerCase().split('%')[0]);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address: judge that one.
  if ((g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) || (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))) {
    const v4 = `${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`;
    return forbiddenAddressKind(v4);
  }
  if ((g[0] & 0xffc0) === 0xfe80) return 'link_local';
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique_local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved';
  return undefined;
}
