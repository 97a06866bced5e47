import { normalisePostcode, PostcodeAreaMap, rangeContains, rangesOverlap } from './postcode-areas';

describe('postcode ranges', () => {
  it.each([
    ['20', '20', '20090', true],
    ['20', '20', '21000', false],
    ['99500', '99999', '99801', true],
    ['99500', '99999', '9950', false],
    ['HS', 'HS', normalisePostcode('hs1 2ab'), true],
    ['9170', '9179', '9171', true],
    ['07', '09', '08100', true],
    ['07', '09', '10100', false],
  ])('%s-%s contains %s: %p', (from, to, pc, expected) => {
    expect(rangeContains({ from, to }, pc)).toBe(expected);
  });

  it.each([
    [{ from: '20', to: '20' }, { from: '20000', to: '20190' }, true],
    [{ from: '20', to: '20' }, { from: '21000', to: '21999' }, false],
    [{ from: '07', to: '09' }, { from: '09000', to: '09999' }, true],
    [{ from: '25938', to: '25946' }, { from: '25947', to: '25999' }, false],
  ])('%o overlaps %o: %p', (a, b, expected) => {
    expect(rangesOverlap(a, b)).toBe(expected);
  });

  it('looks up the range first, then the country, and says when a postcode is needed', () => {
    const map = new PostcodeAreaMap<string>();
    map.setCountry('ES', 'E2');
    map.addRange('ES', { from: '07', to: '07', value: 'E3' });
    map.addRange('PT', { from: '9', to: '9', value: 'NOT_SERVED' });
    expect(map.lookup('ES', '07001')).toEqual({ value: 'E3', needsPostcode: false });
    expect(map.lookup('ES', '28001')).toEqual({ value: 'E2', needsPostcode: false });
    expect(map.lookup('ES')).toEqual({ value: 'E2', needsPostcode: false });
    expect(map.lookup('PT')).toEqual({ needsPostcode: true });
    expect(map.lookup('PT', '1000-001')).toEqual({ needsPostcode: false });
    expect(map.lookup('JP', '100-0001')).toEqual({ needsPostcode: false });
  });
});
