/** Unit conversions at the API edge; everything inside is kg and cm. */
const KG_PER: Record<'kg' | 'g' | 'lb' | 'oz', number> = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 };
const CM_PER: Record<'cm' | 'in', number> = { cm: 1, in: 2.54 };

export function toKg(weight: { value: number; unit: 'kg' | 'g' | 'lb' | 'oz' }): number {
  return Math.round(weight.value * KG_PER[weight.unit] * 1000) / 1000;
}

export function toCm(value: number, unit: 'cm' | 'in'): number {
  return Math.round(value * CM_PER[unit] * 10) / 10;
}
