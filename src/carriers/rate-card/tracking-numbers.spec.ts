import fc from 'fast-check';
import { isValidTrackingNumber, issueTrackingNumber, TrackingNumberFormatName, TrackingNumberSpec, trackingSpecProblems } from './tracking-numbers';

// Valid and invalid numbers published with the formats (jkeen/tracking_number_data, MIT; UPU S10 examples).
const PUBLISHED: { format: TrackingNumberFormatName; valid: string[]; invalid: string[] }[] = [
  { format: 's10', valid: ['RB123456785GB', 'RB123456785US', 'RR 123 456 785 DE'], invalid: ['RB123456786US', 'RB12345678GB', '1B123456785GB'] },
  { format: 'ups', valid: ['1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591'], invalid: ['1Z5R89390357567128', '1Z5R8939035756712'] },
  { format: 'fedex-express', valid: ['986578788855', '477179081230', '799531274483'], invalid: ['986578788856', '98657878885'] },
  { format: 'fedex-ground', valid: ['041441760228964', '568283610012000'], invalid: ['041441760228965'] },
  { format: 'mod7', valid: ['3318810025', '73891051146', '8487135506'], invalid: ['3318810026'] },
  // GS1 SSCC-18 (example from the FedEx Ground SSCC test numbers, without the application identifier 00).
  { format: 'sscc', valid: ['012345000000000027'], invalid: ['012345000000000028'] },
  { format: 'mod10', valid: ['012345000000000027', 'AS0000000000123' + '6'], invalid: ['012345000000000028'] },
  { format: 'dpd', valid: ['0998 0000 0200 34D', '09 9800 0002 0033 F'], invalid: ['0998 0000 0200 34E'] },
  { format: 'usps-impb', valid: ['9400111206206406260787', '9400 1112 0108 0805 4830 16'], invalid: ['9400111206206406260788'] },
];

describe('tracking number check digits', () => {
  describe.each(PUBLISHED)('$format', ({ format, valid, invalid }) => {
    it.each(valid)('accepts %s', (n) => expect(isValidTrackingNumber(format, n)).toBe(true));
    it.each(invalid)('rejects %s', (n) => expect(isValidTrackingNumber(format, n)).toBe(false));
  });
});

describe('issueTrackingNumber', () => {
  const cases: { spec: TrackingNumberSpec; serial: number; expected: string }[] = [
    { spec: { format: 's10', serviceIndicator: 'RB', countryCode: 'GB' }, serial: 12345678, expected: 'RB123456785GB' },
    { spec: { format: 'ups', shipperId: '5R8939', serviceCode: '03' }, serial: 5756712, expected: '1Z5R89390357567127' },
    { spec: { format: 'fedex-express' }, serial: 98657878885, expected: '986578788855' },
    { spec: { format: 'mod7', length: 10 }, serial: 331881002, expected: '3318810025' },
    { spec: { format: 'mod10', prefix: 'AS', length: 16 }, serial: 123, expected: 'AS0000000000123' + '6' },
    { spec: { format: 'sscc', extensionDigit: '3', companyPrefix: '4051234' }, serial: 1, expected: '340512340000000011' },
    { spec: { format: 'dpd', depot: '0998' }, serial: 20034, expected: '0998000002003' + '4D' },
    { spec: { format: 'usps-impb', shipperId: '920620640', serviceCode: '001' }, serial: 1234567, expected: '9400192062064012345673' },
  ];
  it.each(cases)('$spec.format serial $serial -> $expected', ({ spec, serial, expected }) => {
    const issued = issueTrackingNumber(spec, serial);
    expect(issued).toBe(expected);
    expect(isValidTrackingNumber(spec.format, issued)).toBe(true);
  });

  it('wraps serials inside the assigned range', () => {
    const spec: TrackingNumberSpec = { format: 's10', serviceIndicator: 'LX', countryCode: 'NL', range: { from: 10000000, to: 10000009 } };
    expect(issueTrackingNumber(spec, 0).slice(2, 10)).toBe('10000000');
    expect(isValidTrackingNumber(spec, issueTrackingNumber(spec, 0))).toBe(true);
    expect(issueTrackingNumber(spec, 9).slice(2, 10)).toBe('10000009');
    expect(issueTrackingNumber(spec, 10).slice(2, 10)).toBe('10000000');
  });

  it('every issued number of every format passes its own validation (property)', () => {
    const specs: TrackingNumberSpec[] = [
      { format: 's10', serviceIndicator: 'CP', countryCode: 'DE' },
      { format: 'ups', shipperId: 'A1B2C3', serviceCode: '66' },
      { format: 'fedex-express' },
      { format: 'fedex-ground' },
      { format: 'mod7', length: 10 },
      { format: 'mod7', length: 11, prefix: 'JD' },
      { format: 'mod10', prefix: 'AS', length: 16 },
      { format: 'sscc', extensionDigit: '3', companyPrefix: '4051234' },
      { format: 'dpd', depot: '0176' },
      { format: 'usps-impb', shipperId: '912345678', serviceCode: '055' },
    ];
    fc.assert(
      fc.property(fc.constantFrom(...specs), fc.bigInt({ min: 0n, max: 2n ** 62n }), (spec, seq) => {
        const issued = issueTrackingNumber(spec, seq);
        expect(isValidTrackingNumber(spec, issued)).toBe(true);
        expect(isValidTrackingNumber(spec.format, issued)).toBe(true);
      }),
    );
  });

  it('distinct serials inside the capacity give distinct numbers', () => {
    const spec: TrackingNumberSpec = { format: 's10', serviceIndicator: 'RR', countryCode: 'DE' };
    const numbers = new Set(Array.from({ length: 5000 }, (_, i) => issueTrackingNumber(spec, i * 7919)));
    expect(numbers.size).toBe(5000);
  });

  it('explains what a spec lacks', () => {
    expect(trackingSpecProblems({ format: 's10', serviceIndicator: 'R' } as TrackingNumberSpec)).toEqual([
      expect.objectContaining({ field: 'serviceIndicator' }),
      expect.objectContaining({ field: 'countryCode' }),
    ]);
    expect(trackingSpecProblems({ format: 'ups', shipperId: 'ABC123', serviceCode: '01', range: { from: 5, to: 1e8 } }).map((p) => p.field)).toEqual([
      'range.to',
    ]);
    expect(() => issueTrackingNumber({ format: 'dpd' } as TrackingNumberSpec, 1)).toThrow(/depot/);
    expect(trackingSpecProblems({ format: 'mod10', prefix: 'ABCDEFGH', length: 8 })).toEqual([expect.objectContaining({ field: 'length' })]);
  });
});
