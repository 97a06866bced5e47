import type { ParcelSpec } from '../shipment-spec';
import { lengthPlusGirth, sortedSides } from './parcel-measures';

const parcel = (l?: number, w?: number, h?: number) => ({ weightKg: 1, lengthCm: l, widthCm: w, heightCm: h }) as ParcelSpec;

describe('sortedSides', () => {
  it('sorts longest first, once per parcel, and measures a changed parcel again', () => {
    const p = parcel(20, 60, 40);
    const first = sortedSides(p);
    expect(first).toEqual([60, 40, 20]);
    expect(sortedSides(p)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    p.heightCm = 80;
    expect(sortedSides(p)).toEqual([80, 60, 20]);
    expect(lengthPlusGirth(p)).toBe(80 + 2 * (60 + 20));
  });

  it('a parcel without all three dimensions has none', () => {
    expect(sortedSides(parcel(20, 30))).toBeUndefined();
    expect(lengthPlusGirth(parcel())).toBeUndefined();
  });
});
