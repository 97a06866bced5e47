import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseYamlText } from '../../platform/data-files/yaml-file';
import { TRACKING_NUMBER_FORMATS } from '../carrier-definition';
import { RATE_CARD_SCHEMA } from './rate-card.kind';
import { ISSUABLE_FORMATS } from './tracking-numbers';

const root = path.resolve(__dirname, '../../..');
const yaml = readFileSync(path.join(root, 'carriers/deutsche-post/carrier.yaml'), 'utf8');
/** The shipped Deutsche Post definition with another carrier-level trackingNumber block. */
const withTracking = (block: string) => {
  const text = yaml.replace(/^trackingNumber: .*$/m, `trackingNumber: ${block}`);
  return parseYamlText<Record<string, unknown>>(text, 'carrier.yaml', RATE_CARD_SCHEMA).problems.map((p) => `${p.field}: ${p.message}`);
};

describe('carrier.yaml trackingNumber formats', () => {
  it('the schema names exactly the formats booking can issue', () => {
    expect([...TRACKING_NUMBER_FORMATS].sort()).toEqual([...ISSUABLE_FORMATS].sort());
  });

  it.each([
    '{ format: s10, serviceIndicator: CX, countryCode: DE }',
    '{ format: mod7, length: 10 }',
    '{ format: mod10, prefix: AS, length: 16 }',
    '{ format: sscc, extensionDigit: "3", companyPrefix: "4051234" }',
    '{ format: ups, shipperId: 5R8939, serviceCode: "03" }',
    '{ format: fedex-express, range: { from: 98657800000, to: 98657899999 } }',
    '{ format: fedex-ground }',
    '{ format: dpd, depot: "0998", range: { from: 20000, to: 29999 } }',
    '{ format: usps-impb, shipperId: "920620640", serviceCode: "001" }',
  ])('accepts %s', (block) => expect(withTracking(block)).toEqual([]));

  it.each([
    ['{ format: ups, serviceCode: "03" }', 'trackingNumber.shipperId: is required'],
    ['{ format: ups, shipperId: 5r89, serviceCode: "03" }', 'trackingNumber.shipperId: must match pattern "^[A-Z0-9]{6}$"'],
    ['{ format: dpd }', 'trackingNumber.depot: is required'],
    ['{ format: dpd, depot: "99" }', 'trackingNumber.depot: must match pattern "^\\d{4}$"'],
    ['{ format: usps-impb, shipperId: "123456", serviceCode: "1" }', 'trackingNumber.shipperId: must match pattern "^9\\d{8}$"'],
    ['{ format: usps-impb, shipperId: "123456", serviceCode: "1" }', 'trackingNumber.serviceCode: must match pattern "^\\d{3}$"'],
    ['{ format: fedex-ground, range: { from: 5 } }', 'trackingNumber.range.to: is required'],
    ['{ format: royal-mail }', 'trackingNumber.format: must be one of "s10", "mod7", "mod10", "sscc", "ups", "fedex-express", "fedex-ground", "dpd", "usps-impb"'],
  ])('refuses %s: %s', (block, problem) => expect(withTracking(block)).toContain(problem));
});
