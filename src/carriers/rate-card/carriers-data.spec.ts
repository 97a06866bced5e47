import path from 'node:path';
import { loadCarrierCatalog } from '../carrier-catalog.loader';
import { CARRIER_KINDS } from '../carrier-kinds';
import { DataFileError } from '../../platform/data-files/data-file-problem';

const root = path.resolve(__dirname, '../../..');

describe('carriers/ (the shipped carrier definitions)', () => {
  it('load without a single problem', async () => {
    const catalog = await loadCarrierCatalog(path.join(root, 'carriers'), CARRIER_KINDS, root).catch((e: unknown) => {
      throw e instanceof DataFileError ? new Error(e.message) : e;
    });
    const rateCard = catalog.all().filter((c) => c.adapter === 'rate-card').map((c) => c.id);
    expect(rateCard).toEqual(expect.arrayContaining(['asendia', 'deutsche-post', 'dhl-express', 'dhl-freight', 'dhl-medical-express']));
  });
});
