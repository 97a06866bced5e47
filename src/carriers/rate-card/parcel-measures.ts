import type { ParcelSpec } from '../shipment-spec';

/** Sorted sides per parcel: a quote asks for them once per parcel, service and surcharge rule. */
const sidesOf = new WeakMap<ParcelSpec, { l: number | undefined; w: number | undefined; h: number | undefined; sides: Readonly<[number, number, number]> | undefined }>();

/** Sides of a parcel sorted longest first, or undefined when the parcel has no dimensions. Read-only: shared between callers. */
export function sortedSides(p: ParcelSpec): Readonly<[number, number, number]> | undefined {
  const known = sidesOf.get(p);
  // The dimensions are compared too, so that a parcel changed after it was measured is measured again.
  if (known && known.l === p.lengthCm && known.w === p.widthCm && known.h === p.heightCm) return known.sides;
  const sides =
    p.lengthCm === undefined || p.widthCm === undefined || p.heightCm === undefined
      ? undefined
      : (Object.freeze([p.lengthCm, p.widthCm, p.heightCm].sort((a, b) => b - a)) as Readonly<[number, number, number]>);
  sidesOf.set(p, { l: p.lengthCm, w: p.widthCm, h: p.heightCm, sides });
  return sides;
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
export function fitsWithin(sides: Readonly<[number, number, number]>, limit: Readonly<[number, number, number]>): boolean {
  return sides[0] <= limit[0] && sides[1] <= limit[1] && sides[2] <= limit[2];
}
