import { hasAtMostDecimalPlaces } from './decimal-places';

describe('hasAtMostDecimalPlaces', () => {
  it.each([
    [12.5, 4, true],
    [12.3456, 4, true],
    [12.34567, 4, false],
    [100, 0, true],
    [1e21, 0, true],
    [1e-320, 4, false],
    [1.5e-7, 4, false],
    [5e-4, 4, true],
    [Number.NaN, 4, false],
    [Infinity, 4, false],
    ['1.5', 4, false],
  ])('%p with %p places: %p', (value, places, expected) => {
    expect(hasAtMostDecimalPlaces(value, places)).toBe(expected);
  });
});
