/** The locality part of an address: city, region (state, province) and postal code. */
export interface Locality {
  city?: string;
  region?: string;
  postalCode?: string;
}

type Part = keyof Locality;

/**
 * How each country writes the locality lines of a postal address, in order; one inner array per line.
 * Sources: the national postal operators' addressing guides as summarised by the UPU, "Postal
 * addressing systems in member countries" (https://www.upu.int/en/Postal-Solutions/Programmes-Services/Addressing-Solutions),
 * USPS Publication 28 (US: CITY STATE ZIP), Canada Post Addressing Guidelines (CITY PROVINCE POSTAL CODE),
 * Australia Post addressing guidelines (SUBURB STATE POSTCODE), Royal Mail PAF guide (post town, then the
 * postcode on a line of its own), An Post Eircode (IE), Correios (BR: CITY - STATE, then CEP), retrieved
 * 2026-11-27. Countries not listed write "postal code, city, region" on one line, as most of Europe does.
 */
const LOCALITY_LINES: Record<string, Part[][]> = {
  US: [['city', 'region', 'postalCode']],
  CA: [['city', 'region', 'postalCode']],
  AU: [['city', 'region', 'postalCode']],
  NZ: [['city', 'postalCode']],
  GB: [['city'], ['postalCode']],
  IE: [['city', 'region'], ['postalCode']],
  BR: [['city', 'region'], ['postalCode']],
  JP: [['city', 'region', 'postalCode']],
  CN: [['city', 'region', 'postalCode']],
  IN: [['city', 'postalCode'], ['region']],
  SG: [['city', 'postalCode']],
  KR: [['city', 'region', 'postalCode']],
};
const DEFAULT_LINES: Part[][] = [['postalCode', 'city', 'region']];
/** Brazil separates city and state with a dash (São Paulo - SP). */
const SEPARATOR: Record<string, string> = { BR: ' - ' };

/** The locality lines of an address as its destination country writes them, without empty parts. */
export function localityLines(country: string, a: Locality): string[] {
  const lines = LOCALITY_LINES[country] ?? DEFAULT_LINES;
  return lines
    .map((parts) => {
      const values = parts.map((p) => a[p]?.trim()).filter((v): v is string => !!v);
      if (country === 'BR' && parts.includes('city') && parts.includes('region')) return values.join(SEPARATOR.BR);
      return values.join(' ');
    })
    .filter((line) => line !== '');
}
