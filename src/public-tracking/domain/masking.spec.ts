import { maskAddress, maskPostalCode, maskTrackingNumber, maskWords } from './masking';

describe('maskTrackingNumber', () => {
  it.each`
    number                      | masked
    ${'1Z999AA10123456784'}     | ${'1Z••••••••••••6784'}
    ${'RR123456785DE'}          | ${'RR•••••••85DE'}
    ${'123456789012'}           | ${'12••••••9012'}
    ${'JD0146 0000 1234 5678'}  | ${'JD••••••••••••5678'}
    ${'1234567890'}             | ${'••••••7890'}
    ${'ABC12345'}               | ${'••••••45'}
    ${'1234'}                   | ${'••••'}
  `('$number -> $masked', ({ number, masked }) => {
    expect(maskTrackingNumber(number)).toBe(masked);
  });

  it('always hides at least six characters (or all of a short number)', () => {
    for (const n of ['1Z999AA10123456784', '794612345678', 'RR123456785DE', '1234567890', '123456789', '12345678', '12345']) {
      const hidden = [...maskTrackingNumber(n)].filter((c) => c === '•').length;
      expect(hidden).toBeGreaterThanOrEqual(Math.min(6, n.length - 2));
    }
  });
});

describe('address masks', () => {
  it.each`
    value                     | masked
    ${'Jane Doe'}             | ${'J••• D•••'}
    ${'  Émilie   Noël '}     | ${'É••• N•••'}
    ${'Hauptstraße 12a'}      | ${'H••• •••'}
    ${'李小龙'}               | ${'李•••'}
  `('$value -> $masked', ({ value, masked }) => {
    expect(maskWords(value)).toBe(masked);
  });

  it('keeps the postal area and city only', () => {
    expect(maskPostalCode('10115')).toBe('10•••');
    expect(maskPostalCode('SW1A 1AA')).toBe('SW•••');
    expect(
      maskAddress({ name: 'Jane Doe', company: null, street1: 'Hauptstraße 12', street2: 'Hinterhaus', city: 'Berlin', postalCode: '10115' }),
    ).toEqual(['J••• D•••', 'H••• •••', 'H•••', '10••• Berlin']);
  });
});
