import { bandAmount, priceForWeight, roundUpWeight, WeightBand } from './weight-rate-table';

const band = (b: Partial<WeightBand> & { maxKg: number }): WeightBand => ({ price: 0, perUnit: 0, unitKg: 1, ...b });

describe('roundUpWeight', () => {
  it.each([
    [0.31, 0.5, 0.5],
    [0.5, 0.5, 0.5],
    [0.5000000001, 0.5, 0.5],
    [30.1, 1, 31],
    [1.234, undefined, 1.234],
    [0.1 + 0.2, 0.1, 0.3],
  ])('%p kg in steps of %p -> %p', (kg, step, expected) => {
    expect(roundUpWeight(kg, step)).toBeCloseTo(expected, 9);
  });
});

describe('bandAmount', () => {
  it.each([
    ['weight break', band({ maxKg: 2, price: 13.99 }), 1.2, 13.99],
    ['per item plus per kg', band({ maxKg: 2, price: 3.9, perUnit: 7.2, stepKg: 0.01 }), 0.455, 3.9 + 7.2 * 0.46],
    ['per started kg', band({ maxKg: 70, perUnit: 14.12, stepKg: 1 }), 30.2, 14.12 * 31],
    ['per 100 kg', band({ maxKg: 300, perUnit: 62, unitKg: 100, stepKg: 1 }), 150.4, 62 * 1.51],
    ['minimum charge', band({ maxKg: 100, perUnit: 78, unitKg: 100, stepKg: 1, minimum: 58 }), 40, 58],
  ])('%s', (_name, b, kg, expected) => {
    expect(bandAmount(b, kg)).toBeCloseTo(expected, 6);
  });
});

describe('priceForWeight', () => {
  const express = [band({ maxKg: 0.5, price: 68.69 }), band({ maxKg: 1, price: 75.92 }), band({ maxKg: 30, price: 423.39 }), band({ maxKg: 70, perUnit: 14.12, stepKg: 1 })];
  const freight = [
    band({ maxKg: 100, perUnit: 78, unitKg: 100, stepKg: 1, minimum: 58 }),
    band({ maxKg: 300, perUnit: 62, unitKg: 100, stepKg: 1 }),
    band({ maxKg: 500, perUnit: 52, unitKg: 100, stepKg: 1 }),
  ];

  it.each([
    ['lightest break', express, 0.2, 68.69, 0.2],
    ['exactly on a break', express, 1, 75.92, 1],
    ['just above a break', express, 1.01, 423.39, 1.01],
    ['per kg above the breaks', express, 45.3, 14.12 * 46, 45.3],
    ['freight minimum', freight, 20, 58, 20],
    ['minimum still below the next band', freight, 70, 58, 70],
    // 95 kg at 78/100 kg = 74.10; 100 kg at 62/100 kg = 62.00 is cheaper.
    ['deficit weight: charged at the next band start', freight, 95, 62, 100],
    // 280 kg at 62/100 kg = 173.60; 300 kg at 52/100 kg = 156.00.
    ['deficit weight two bands up', freight, 280, 156, 300],
    ['own band when cheaper', freight, 200, 124, 200],
  ])('%s', (_name, bands, kg, amount, ratedKg) => {
    const p = priceForWeight(bands, kg)!;
    expect(p.amount).toBeCloseTo(amount, 6);
    expect(p.ratedKg).toBeCloseTo(ratedKg, 6);
  });

  it('is undefined above the heaviest band', () => {
    expect(priceForWeight(express, 70.5)).toBeUndefined();
  });
});
