import { randomBytes, randomFillSync } from 'node:crypto';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * Random bytes for ids, drawn from the CSPRNG 4 KB at a time: one call per id cost more than the rest
 * of the id (a quote makes one id per option). Each byte is handed out once.
 */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;
function takeRandom(n: number): Buffer {
  if (used + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(POOL_BYTES));
    used = 0;
  }
  const bytes = pool.subarray(used, used + n);
  used += n;
  return bytes;
}

/**
 * A prefixed, time-ordered identifier such as `shp_01jdz8k3v5q7w9x2c4e6g8j0m`: 10 characters of
 * millisecond time then 16 random characters (80 bits), Crockford base32. Sorting ids sorts by creation
 * time, which keeps cursor paging on the id simple.
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = takeRandom(10);
  let rand = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      rand += CROCKFORD[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${prefix}_${time}${rand}`;
}

/** A URL-safe random token carrying `bytes` bytes of entropy (default 24 = 192 bits). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
