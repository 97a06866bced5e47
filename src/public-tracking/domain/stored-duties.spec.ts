import { dutiesAtImport } from './stored-duties';

const eur = (amount: string) => ({ amount, currency: 'EUR' });
const line = (component: string, amount: string, payer: 'sender' | 'recipient' | undefined, collectedAtSale = false) => ({
  itemIndex: 0,
  component,
  amount: eur(amount),
  ...(payer && { payer }),
  ...(collectedAtSale && { collectedAtSale }),
});

/** DE -> GB, 4 T-shirts, DAP, UK VAT collected by the seller: nothing is charged at import. */
const ukVatLines = [line('vat', '12.20', 'sender', true), line('vat', '12.19', 'sender', true)];
/** CN -> DE, IOSS, DAP: the EUR 3 duties are charged at import, the VAT was collected at checkout. */
const iossLines = [line('duty', '3.00', 'recipient'), line('duty', '3.00', 'recipient'), line('vat', '17.65', 'sender', true)];

describe('dutiesAtImport', () => {
  it.each`
    what                                                            | incoterm | stored                                                                                                                                               | expected
    ${'new record, UK VAT at checkout: nothing at import'}          | ${'DAP'} | ${{ total: eur('24.39'), dueOnDelivery: eur('0.00'), collectedAtCheckout: eur('24.39'), collectedAtSale: true, confidence: 'exact', lines: ukVatLines }} | ${{ amount: '0.00', currency: 'EUR', estimate: false, collectedAtCheckout: true }}
    ${'old record, UK VAT at checkout: read from its lines'}        | ${'DAP'} | ${{ total: eur('24.39'), collectedAtSale: true, confidence: 'exact', lines: ukVatLines }}                                                              | ${{ amount: '0.00', currency: 'EUR', estimate: false, collectedAtCheckout: true }}
    ${'old record, IOSS: only the duties'}                          | ${'DAP'} | ${{ total: eur('23.65'), collectedAtSale: true, confidence: 'estimated', lines: iossLines }}                                                          | ${{ amount: '6.00', currency: 'EUR', estimate: true, collectedAtCheckout: true }}
    ${'new record wins over its lines'}                             | ${'DAP'} | ${{ total: eur('23.65'), dueOnDelivery: eur('6.00'), collectedAtCheckout: eur('17.65'), collectedAtSale: true, lines: [] }}                          | ${{ amount: '6.00', currency: 'EUR', estimate: true, collectedAtCheckout: true }}
    ${'no collection at sale: every line (sums in minor units)'}    | ${'DAP'} | ${{ total: eur('0.30'), collectedAtSale: false, confidence: 'exact', lines: [line('duty', '0.10', 'recipient'), line('vat', '0.20', 'recipient')] }}   | ${{ amount: '0.30', currency: 'EUR', estimate: false }}
    ${'lines older than line payers are charged at import'}         | ${'DAP'} | ${{ total: eur('10.00'), lines: [line('duty', '4.00', undefined), line('vat', '6.00', undefined)] }}                                                  | ${{ amount: '10.00', currency: 'EUR', estimate: true }}
    ${'no lines, no collection at sale: the total'}                 | ${'DAP'} | ${{ total: eur('31.85'), confidence: 'exact' }}                                                                                                       | ${{ amount: '31.85', currency: 'EUR', estimate: false }}
    ${'no lines but collection at sale: unknown'}                   | ${'DAP'} | ${{ total: eur('24.39'), collectedAtSale: true }}                                                                                                      | ${null}
    ${'DDP: the import charges without the tax collected at sale'} | ${'DDP'} | ${{ total: eur('38.65'), collectedAtSale: true, lines: [...iossLines, line('carrier_fee', '15.00', 'sender')] }}                                     | ${{ amount: '6.00', currency: 'EUR', estimate: true, collectedAtCheckout: true }}
    ${'DDP without lines: the total'}                               | ${'DDP'} | ${{ total: eur('12.00'), confidence: 'exact' }}                                                                                                       | ${{ amount: '12.00', currency: 'EUR', estimate: false }}
    ${'nothing stored'}                                             | ${'DAP'} | ${null}                                                                                                                                                | ${null}
    ${'no usable total'}                                            | ${'DAP'} | ${{ total: { amount: 12 } }}                                                                                                                           | ${null}
  `('$what', ({ incoterm, stored, expected }) => {
    expect(dutiesAtImport(stored, incoterm)).toEqual(expected);
  });

  it('a line in another currency makes the record fall back to what it says at the top', () => {
    const stored = { total: eur('24.39'), collectedAtSale: false, lines: [{ component: 'vat', amount: { amount: '21.00', currency: 'GBP' }, payer: 'recipient' }] };
    expect(dutiesAtImport(stored, 'DAP')).toEqual({ amount: '24.39', currency: 'EUR', estimate: true });
  });
});
