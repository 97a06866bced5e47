import net from 'node:net';

/** An IP address as a number: 32 bits for IPv4, 128 for IPv6. */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

/** A block of addresses: `10.0.5.0/24`, `fd00::/8`; a single address is a /32 or /128. */
export interface IpRange {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

/** The address, or undefined when `text` is not an IP literal (brackets and an IPv6 zone are dropped). */
export function parseIp(text: string): IpAddress | undefined {
  const ip = stripBrackets(text).split('%')[0];
  const family = net.isIP(ip);
  if (family === 4) return { family, value: ip.split('.').reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n) };
  if (family === 6) return { family, value: v6Groups(ip.toLowerCase()).reduce((acc, g) => (acc << 16n) + BigInt(g), 0n) };
  return undefined;
}

/** `a.b.c.d/n`, `x::/n` or a bare address; undefined when malformed or the prefix is too long. */
export function parseRange(text: string): IpRange | undefined {
  const [addr, bitsText, ...rest] = text.split('/');
  const ip = parseIp(addr);
  if (!ip || rest.length) return undefined;
  const width = ip.family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
  if (!(bits >= 0 && bits <= width)) return undefined;
  return { family: ip.family, base: ip.value & mask(width, bits), bits };
}

export function inRange(ip: IpAddress, range: IpRange): boolean {
  const width = ip.family === 4 ? 32 : 128;
  return ip.family === range.family && (ip.value & mask(width, range.bits)) === range.base;
}

/** The IPv4 address inside an IPv4-mapped (`::ffff:a.b.c.d`) or NAT64 (`64:ff9b::a.b.c.d`) IPv6 address. */
export function embeddedV4(ip: IpAddress): IpAddress | undefined {
  if (ip.family !== 6) return undefined;
  const high = ip.value >> 32n;
  if (high === 0xffffn || high === 0x64ff9b0000000000000000n) return { family: 4, value: ip.value & 0xffffffffn };
  return undefined;
}

export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

function mask(width: number, bits: number): bigint {
  const all = (1n << BigInt(width)) - 1n;
  return bits === 0 ? 0n : (all >> BigInt(width - bits)) << BigInt(width - bits);
}

function v6Groups(ip: string): number[] {
  const [head, tail = ''] = ip.split('::');
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const parse = (s: string) =>
    (s ? s.split(':') : []).flatMap((g) => {
      if (!g.includes('.')) return [parseInt(g, 16)];
      const n = g.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
      return [Math.floor(n / 65536), n % 65536];
    });
  const h = parse(head);
  const t = parse(tail);
  const fill = ip.includes('::') ? new Array<number>(8 - h.length - t.length).fill(0) : [];
  return [...h, ...fill, ...t];
}
