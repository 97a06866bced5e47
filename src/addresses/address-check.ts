import type { ErrorDetail } from '../platform/errors/app-error';
import type { AddressRules, PostalCodeRule, RegionRule } from './address-rules';

/** An address as the API receives it (shipments, returns). */
export interface PostalAddress {
  name?: string;
  company?: string;
  street1?: string;
  street2?: string;
  street3?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country: string;
  phone?: string;
  email?: string;
  residential?: boolean;
  taxIds?: { type: string; value: string; country?: string }[];
}

export interface AddressCheck<T extends PostalAddress> {
  /** The address with its postal code and region in canonical form (`sw1a1aa` -> `SW1A 1AA`, `Ontario` -> `ON`). */
  address: T;
  problems: ErrorDetail[];
}

export interface AddressCheckOptions {
  /** JSON path of the address in the request, e.g. `shipTo`. */
  path: string;
  /** A label-ready address: name or company, street, city, and postal code and region where the country has them. */
  full: boolean;
  isKnownCountry: (code: string) => boolean;
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

/** Upper case, single spaces, and the country's separator put back where it was left out. */
export function normalisePostalCode(raw: string, rule?: PostalCodeRule): string {
  let code = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  if (!rule) return code;
  // The canonical form (with the separator) first, even where the pattern also allows the code without it.
  if (rule.separator !== undefined && rule.separatorAt !== undefined) {
    const bare = code.replace(/[\s-]/g, '');
    const at = rule.separatorAt < 0 ? bare.length + rule.separatorAt : rule.separatorAt;
    if (at > 0 && at < bare.length) {
      const candidate = `${bare.slice(0, at)}${rule.separator}${bare.slice(at)}`;
      if (rule.pattern.test(candidate)) return candidate;
    }
  }
  if (rule.pattern.test(code)) return code;
  // Some formats take the code without its separator only (e.g. `12345` vs `123 45`).
  const squeezed = code.replace(/\s+/g, '');
  if (rule.pattern.test(squeezed)) code = squeezed;
  return code;
}

export function findRegion(value: string, regions: RegionRule[]): RegionRule | undefined {
  const wanted = fold(value);
  return regions.find((r) => r.code === wanted || r.aliases.includes(wanted) || fold(r.name) === wanted);
}

function postalCodeFitsRegion(postalCode: string, region: RegionRule): boolean {
  if (region.postalPrefixes.length === 0) return true;
  const code = postalCode.replace(/[\s-]/g, '');
  // Prefixes of letters only judge codes that start with a letter (AR has older all-digit codes).
  const applicable = region.postalPrefixes.filter((p) => !('prefix' in p) || /^\d/.test(p.prefix) === /^\d/.test(code));
  if (applicable.length === 0) return true;
  return applicable.some((p) => {
    if ('prefix' in p) return code.startsWith(p.prefix);
    const head = Number(code.slice(0, p.width));
    return /^\d+$/.test(code.slice(0, p.width)) && head >= p.from && head <= p.to;
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()./-]{5,25}$/;

const TEXT_FIELDS = ['name', 'company', 'street1', 'street2', 'street3', 'city', 'postalCode', 'region'] as const;

/**
 * Checks an address against the country's rules and returns it normalised, with every problem found
 * (path and message), so a request is answered with all of them at once.
 */
export function checkAddress<T extends PostalAddress>(input: T, rules: AddressRules, options: AddressCheckOptions): AddressCheck<T> {
  const problems: ErrorDetail[] = [];
  const at = (field: string) => `${options.path}.${field}`;
  if (typeof input.country !== 'string') return { address: input, problems: [{ path: at('country'), message: 'must be a string' }] };
  const address: T = { ...input, country: input.country.toUpperCase() };
  // Fields of the wrong type are reported by the request's structural validation; here they count as absent.
  for (const field of TEXT_FIELDS) {
    const record = address as Record<string, unknown>;
    if (record[field] !== undefined && typeof record[field] !== 'string') delete record[field];
  }
  if (!options.isKnownCountry(address.country)) {
    problems.push({ path: at('country'), message: `"${input.country}" is not an ISO 3166-1 alpha-2 country code` });
    return { address, problems };
  }

  if (options.full) {
    if (!address.name?.trim() && !address.company?.trim()) problems.push({ path: at('name'), message: 'name or company is required' });
    if (!address.street1?.trim()) problems.push({ path: at('street1'), message: 'street1 is required' });
    if (!address.city?.trim()) problems.push({ path: at('city'), message: 'city is required' });
  }

  const postalRule = rules.postalCode(address.country);
  if (address.postalCode !== undefined && address.postalCode.trim() !== '') {
    address.postalCode = normalisePostalCode(address.postalCode, postalRule);
    if (postalRule && !postalRule.pattern.test(address.postalCode)) {
      problems.push({
        path: at('postalCode'),
        message: `"${input.postalCode}" is not a valid postal code for ${address.country}${postalRule.example ? ` (e.g. ${postalRule.example})` : ''}`,
      });
    }
  } else if (options.full && postalRule?.required) {
    problems.push({ path: at('postalCode'), message: `postalCode is required for ${address.country}` });
  }

  const regions = rules.regions(address.country);
  if (address.region !== undefined && address.region.trim() !== '' && regions.length > 0) {
    const region = findRegion(address.region, regions);
    if (!region) {
      problems.push({
        path: at('region'),
        message: `"${address.region}" is not a region of ${address.country}; use one of ${regions.map((r) => r.code).join(', ')}`,
      });
    } else {
      address.region = region.code;
      if (address.postalCode && !problems.some((p) => p.path === at('postalCode')) && !postalCodeFitsRegion(address.postalCode, region)) {
        problems.push({ path: at('postalCode'), message: `postal code ${address.postalCode} is not in ${region.name} (${region.code})` });
      }
    }
  } else if (options.full && rules.regionRequired(address.country)) {
    problems.push({ path: at('region'), message: `region (state or province) is required for ${address.country}` });
  }

  if (address.email !== undefined && address.email !== '' && !EMAIL.test(address.email)) problems.push({ path: at('email'), message: 'email is not an email address' });
  if (address.phone !== undefined && address.phone !== '' && !PHONE.test(address.phone)) problems.push({ path: at('phone'), message: 'phone may hold digits, spaces, + ( ) . / - only' });
  return { address, problems };
}
