/**
 * Masks for what the page shows of identifiers and the address. A masked value must let the buyer
 * recognise their parcel or address without letting a stranger use it: a full tracking number could
 * be typed into a carrier's own (less careful) tracking page, so most of it is hidden.
 */

const MASK = '•';

/**
 * Hides at least six characters: numbers of 12 or more characters keep the first two (the carrier's
 * prefix, e.g. `1Z`, `RR`) and the last four; 10 to 11 characters keep the last four; shorter numbers
 * the last two. Enough to tell parcels apart, too little to type into a carrier's own page.
 *
 * @example maskTrackingNumber('1Z999AA10123456784') // '1Z••••••••••••6784'
 */
export function maskTrackingNumber(number: string): string {
  const n = number.replace(/\s+/g, '');
  if (n.length <= 4) return MASK.repeat(n.length);
  if (n.length <= 9) return MASK.repeat(n.length - 2) + n.slice(-2);
  if (n.length <= 11) return MASK.repeat(n.length - 4) + n.slice(-4);
  return n.slice(0, 2) + MASK.repeat(n.length - 6) + n.slice(-4);
}

/** `Jane Doe` -> `J••• D•••`: the initial of each word. */
export function maskWords(value: string): string {
  return value
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => maskWord(w))
    .join(' ');
}

function maskWord(word: string): string {
  const chars = [...word];
  // House numbers are hidden entirely, and always as three marks so that not even their length shows.
  if (/^\d/.test(word)) return MASK.repeat(3);
  return chars[0] + MASK.repeat(3);
}

/** `10115` -> `10•••`, `SW1A 1AA` -> `SW•••`: the leading area of a postal code only. */
export function maskPostalCode(postalCode: string): string {
  const compact = postalCode.trim();
  return compact.slice(0, 2) + MASK.repeat(3);
}

export interface AddressToMask {
  name: string | null;
  company: string | null;
  street1: string | null;
  street2: string | null;
  city: string | null;
  postalCode: string | null;
}

/**
 * The masked delivery address of the verified view: initials of name, company and street, house
 * numbers hidden, the postal area and the city.
 *
 * @example ['J••• D•••', 'H••• •••', '10••• Berlin']
 */
export function maskAddress(a: AddressToMask): string[] {
  const lines: string[] = [];
  if (a.name) lines.push(maskWords(a.name));
  if (a.company) lines.push(maskWords(a.company));
  if (a.street1) lines.push(maskWords(a.street1));
  if (a.street2) lines.push(maskWords(a.street2));
  const place = [a.postalCode ? maskPostalCode(a.postalCode) : null, a.city].filter(Boolean).join(' ');
  if (place) lines.push(place);
  return lines;
}
