import path from 'node:path';
import { requiredCustomsDocuments, territoryOf } from './customs-document-rules';
import type { CustomsFormRules } from './customs-rules';
import { loadCustomsFormRules } from './customs-rules.loader';

let rules: CustomsFormRules;
beforeAll(async () => {
  rules = await loadCustomsFormRules(path.resolve(__dirname, '../../../tariffs'));
});

describe('territoryOf', () => {
  it.each([
    [{ country: 'DE', postalCode: '53113' }, 'eu'],
    [{ country: 'FR' }, 'eu'],
    [{ country: 'MC', postalCode: '98000' }, 'eu'],
    [{ country: 'DE', postalCode: '27498' }, 'part:DE:Heligoland'],
    [{ country: 'DE', postalCode: '78266' }, 'ch-li'],
    [{ country: 'ES', postalCode: '35001' }, 'part:ES:Canary Islands'],
    [{ country: 'ES', postalCode: '28013' }, 'eu'],
    [{ country: 'LI', postalCode: '9490' }, 'ch-li'],
    [{ country: 'CH', postalCode: '7563' }, 'part:CH:Samnaun and Sampuoir'],
    [{ country: 'GB', postalCode: 'SW1A 1AA' }, 'country:GB'],
    [{ country: 'US' }, 'country:US'],
  ])('%j lies in %s', (address, expected) => expect(territoryOf(address, rules.customsTerritories)).toBe(expected));
});

describe('requiredCustomsDocuments', () => {
  const base = { mode: 'courier' as const, value: { amount: '100.00', currency: 'EUR' }, totalWeightKg: 1, parcelCount: 1 };
  it.each([
    ['DE -> FR courier', { ...base, shipFrom: { country: 'DE' }, shipTo: { country: 'FR' } }, []],
    ['DE -> DE', { ...base, shipFrom: { country: 'DE' }, shipTo: { country: 'DE' } }, []],
    ['DE -> US courier', { ...base, shipFrom: { country: 'DE' }, shipTo: { country: 'US' } }, ['commercial_invoice']],
    ['DE -> CH courier', { ...base, shipFrom: { country: 'DE' }, shipTo: { country: 'CH' } }, ['commercial_invoice']],
    ['CH -> LI', { ...base, shipFrom: { country: 'CH' }, shipTo: { country: 'LI' } }, []],
    ['mainland ES -> Canary Islands', { ...base, shipFrom: { country: 'ES', postalCode: '28013' }, shipTo: { country: 'ES', postalCode: '38001' } }, ['commercial_invoice']],
    ['DE -> GB postal, light and cheap', { ...base, mode: 'postal' as const, shipFrom: { country: 'DE' }, shipTo: { country: 'GB' } }, ['cn22']],
    ['postal at the CN 22 limit', { ...base, mode: 'postal' as const, value: { amount: '350.00', currency: 'EUR' }, shipFrom: { country: 'DE' }, shipTo: { country: 'US' } }, ['cn22']],
    ['postal above the CN 22 value', { ...base, mode: 'postal' as const, value: { amount: '350.01', currency: 'EUR' }, shipFrom: { country: 'DE' }, shipTo: { country: 'US' } }, ['cn23', 'commercial_invoice']],
    ['postal above 2 kg', { ...base, mode: 'postal' as const, totalWeightKg: 2.01, shipFrom: { country: 'DE' }, shipTo: { country: 'US' } }, ['cn23', 'commercial_invoice']],
    ['postal, two parcels', { ...base, mode: 'postal' as const, parcelCount: 2, shipFrom: { country: 'DE' }, shipTo: { country: 'US' } }, ['cn23', 'commercial_invoice']],
    ['postal in an unlisted currency without rates', { ...base, mode: 'postal' as const, value: { amount: '10', currency: 'JPY' }, shipFrom: { country: 'DE' }, shipTo: { country: 'JP' } }, ['cn23', 'commercial_invoice']],
  ])('%s', (_name, input, documents) => expect(requiredCustomsDocuments(input, rules).documents).toEqual(documents));

  it('converts an unlisted currency with the exchange rates when given', () => {
    const input = { ...base, mode: 'postal' as const, value: { amount: '30000', currency: 'JPY' }, shipFrom: { country: 'DE' }, shipTo: { country: 'JP' } };
    const convert = (amount: string, from: string, to: string) => {
      if (from !== 'JPY' || to !== 'EUR') throw new Error('no rate');
      return (Number(amount) / 160).toFixed(2);
    };
    const decision = requiredCustomsDocuments(input, rules, convert);
    expect(decision.documents).toEqual(['cn22']);
    expect(requiredCustomsDocuments({ ...input, value: { amount: '60000', currency: 'JPY' } }, rules, convert).documents).toEqual(['cn23', 'commercial_invoice']);
  });
});
