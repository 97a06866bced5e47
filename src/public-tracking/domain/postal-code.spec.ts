import { randomBytes } from 'node:crypto';
import { normalisePostalCode, postalCodesMatch } from './postal-code';

describe('postal codes', () => {
  const key = randomBytes(32);

  it.each`
    entered         | stored          | country | match
    ${'10115'}      | ${'10115'}      | ${'DE'} | ${true}
    ${' 10115 '}    | ${'10115'}      | ${'DE'} | ${true}
    ${'10117'}      | ${'10115'}      | ${'DE'} | ${false}
    ${'sw1a 1aa'}   | ${'SW1A 1AA'}   | ${'GB'} | ${true}
    ${'SW1A1AA'}    | ${'SW1A 1AA'}   | ${'GB'} | ${true}
    ${'SW1A'}       | ${'SW1A 1AA'}   | ${'GB'} | ${false}
    ${'01310-100'}  | ${'01310100'}   | ${'BR'} | ${true}
    ${'10001'}      | ${'10001-1234'} | ${'US'} | ${true}
    ${'100011234'}  | ${'10001'}      | ${'US'} | ${true}
    ${'10002'}      | ${'10001-1234'} | ${'US'} | ${false}
    ${'１０１１５'} | ${'10115'}      | ${'DE'} | ${true}
    ${''}           | ${''}           | ${'HK'} | ${false}
  `('$entered vs $stored ($country): $match', ({ entered, stored, country, match }) => {
    expect(postalCodesMatch(key, entered, stored, country)).toBe(match);
  });

  it('normalises case, spaces and hyphens', () => {
    expect(normalisePostalCode(' ec1a-1bb ', 'GB')).toBe('EC1A1BB');
  });
});
