/**
 * One row of a weight rate table: it prices weights above the previous row's `maxKg` up to its own.
 * amount = max(minimum, price + perUnit × (weight rounded up to `stepKg`) / unitKg)
 * - a weight break: `price` only (e.g. 0.5 kg steps of an express tariff);
 * - price per item plus per kg: `price` and `perUnit` (postal packets);
 * - per kg above a weight: `perUnit` only (express above 30 kg), or per 100 kg with `unitKg: 100` (freight).
 */
export interface WeightBand {
  maxKg: number;
  price: number;
  perUnit: number;
  unitKg: number;
  stepKg?: number;
  /** Least amount charged in this band (freight minimum charges). */
  minimum?: number;
  /** Line in the CSV file, for error messages. */
  line?: number;
}

/** Rounds a weight up to a multiple of `step` (to the gram when no step); tolerant of float noise. */
export function roundUpWeight(kg: number, step?: number): number {
  const s = step && step > 0 ? step : 0.001;
  return Math.ceil(kg / s - 1e-9) * s;
}

export function bandAmount(band: WeightBand, kg: number): number {
  const amount = band.perUnit === 0 ? band.price : band.price + (band.perUnit * roundUpWeight(kg, band.stepKg)) / band.unitKg;
  return band.minimum !== undefined ? Math.max(amount, band.minimum) : amount;
}

/**
 * The price of `kg` in a zone's bands (sorted by `maxKg`), or undefined above the last band.
 * Heavier bands with a lower rate per unit can make a heavier weight cheaper than a lighter one; as
 * freight tariffs do ("deficit weight"), a weight is charged at the start of a heavier band when that
 * costs less, so that the price never drops as the weight rises.
 */
export function priceForWeight(bands: readonly WeightBand[], kg: number): { amount: number; band: WeightBand; ratedKg: number } | undefined {
  const index = bands.findIndex((b) => kg <= b.maxKg + 1e-9);
  if (index < 0) return undefined;
  let best = { amount: bandAmount(bands[index], kg), band: bands[index], ratedKg: kg };
  for (let i = index + 1; i < bands.length; i++) {
    const atStart = bands[i - 1].maxKg;
    const amount = bandAmount(bands[i], atStart);
    if (amount < best.amount - 1e-9) best = { amount, band: bands[i], ratedKg: atStart };
  }
  return best;
}
