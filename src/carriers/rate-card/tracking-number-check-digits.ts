/**
 * Check-digit algorithms of carrier tracking numbers, as published with the tracking-number formats
 * in jkeen/tracking_number_data (MIT, `CHECKSUM_ALGORITHMS.md`) and the UPU S10 standard.
 */

/** UPU S10: weights 8 6 4 2 3 5 9 7 over the 8 serial digits, 11 minus the remainder mod 11 (10 -> 0, 11 -> 5). */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  if (!/^\d{8}$/.test(serial)) throw new Error(`S10 serial must be 8 digits, got "${serial}"`);
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/**
 * Weighted mod 10 (UPS, FedEx Ground, USPS): digits as they are, letters as (char code - 3) mod 10;
 * characters at odd or even positions (0-based, after an optional reversal) are multiplied; the check
 * digit brings the sum up to a multiple of ten.
 */
export function mod10CheckDigit(sequence: string, options: { oddsMultiplier?: number; evensMultiplier?: number; reverse?: boolean }): number {
  const chars = options.reverse ? [...sequence].reverse() : [...sequence];
  let total = 0;
  chars.forEach((c, i) => {
    let x = /\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 3) % 10;
    if (options.oddsMultiplier && i % 2 === 1) x *= options.oddsMultiplier;
    else if (options.evensMultiplier && i % 2 === 0) x *= options.evensMultiplier;
    total += x;
  });
  const rest = total % 10;
  return rest === 0 ? 0 : 10 - rest;
}

/** DHL Express waybills: the serial taken as a number, mod 7. */
export function mod7CheckDigit(serial: string): number {
  return Number(BigInt(serial) % 7n);
}

/** FedEx Express: sum of digit x weight, mod 11, then mod 10. */
export function weightedMod11CheckDigit(serial: string, weights: number[]): number {
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * weights[i % weights.length], 0);
  return (sum % 11) % 10;
}

const MOD36_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** DPD parcel numbers: ISO 7064 MOD 37,36 (hybrid system), check character 0-9 or A-Z. */
export function mod37x36CheckChar(sequence: string): string {
  const mod = 36;
  let cd = mod;
  for (const ch of sequence.toUpperCase()) {
    const value = MOD36_ALPHABET.indexOf(ch);
    if (value < 0) throw new Error(`invalid character "${ch}" for MOD 37,36`);
    cd += value;
    if (cd > mod) cd -= mod;
    cd *= 2;
    if (cd > mod) cd -= mod + 1;
  }
  cd = mod + 1 - cd;
  if (cd === mod) cd = 0;
  return MOD36_ALPHABET[cd];
}
