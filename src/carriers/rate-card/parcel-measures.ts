import type { ParcelSpec } from '../shipment-spec';

/** Sides of a parcel sorted longest first, or undefined when the parcel has no dimensions. */
export function sortedSides(p: ParcelSpec): [number, number, number] | undefined {
  if (p.lengthCm === undefined || p.widthCm === undefined || p.heightCm === undefined) return undefined;
  return [p.lengthCm, p.widthCm, p.heightCm].sort((a, b) => b - a) as [number, number, number];
}

/** Longest side plus girth (twice the sum of the two other sides), the postal and courier size measure. */
export function lengthPlusGirth(p: ParcelSpec): number | undefined {
  const s = sortedSides(p);
  return s && s[0] + 2 * (s[1] + s[2]);
}

/** Dimensional (volumetric) weight in kg: length × width × height in cm divided by the carrier's divisor. */
export function dimensionalWeight(p: ParcelSpec, divisor: number): number {
  const s = sortedSides(p);
  return s ? (s[0] * s[1] * s[2]) / divisor : 0;
}

/**
 * The weight a carrier charges for: the greater of actual and dimensional weight. Without a divisor
 * (postal services) the actual weight.
 */
export function chargeableWeight(p: ParcelSpec, divisor?: number): number {
  return divisor ? Math.max(p.weightKg, dimensionalWeight(p, divisor)) : p.weightKg;
}

/** Sides fit when each sorted side is within the limit's sorted side. */
export function fitsWithin(sides: [number, number, number], limit: [number, number, number]): boolean {
  return sides[0] <= limit[0] && sides[1] <= limit[1] && sides[2] <= limit[2];
}
