import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { parseEcbCsv } from './fx-ecb-csv';
import { importEcbRates } from './fx-ecb-importer';
import { unzipEntries } from './fx-zip';

const fixtures = path.resolve(__dirname, '../../test/fixtures/landed-cost/fx');

/** A one-entry ZIP archive (deflated), as the ECB publishes its CSV files. */
function zip(name: string, data: Buffer): Buffer {
  const body = deflateRawSync(data);
  const nameBuf = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBuf.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBuf.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBuf.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBuf.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, nameBuf, body, central, nameBuf, end]);
}

describe('ECB rate importer', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pw-fx-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads a zipped history file and a one-day file, keeps days since a date, writes a loadable table', async () => {
    const hist = await fs.readFile(path.join(fixtures, 'eurofxref-hist-sample.csv'));
    await fs.writeFile(path.join(dir, 'eurofxref-hist.zip'), zip('eurofxref-hist.csv', hist));
    expect(unzipEntries(zip('a.csv', hist))[0].data.equals(hist)).toBe(true);
    const out = path.join(dir, 'fx', 'ecb.csv');
    const r = await importEcbRates({
      inputs: [path.join(dir, 'eurofxref-hist.zip'), path.join(fixtures, 'eurofxref-daily-sample.csv')],
      out,
      since: '2025-04-20',
      retrievedAt: '2026-11-27',
    });
    expect(r).toEqual({ added: 4, replaced: 0, total: 4, latest: '2025-04-25' });
    const table = parseEcbCsv(await fs.readFile(out, 'utf8'), 'ecb.csv');
    expect(table.problems).toEqual([]);
    expect(table.snapshots.map((s) => s.date)).toEqual(['2025-04-22', '2025-04-23', '2025-04-24', '2025-04-25']);
    expect(table.headerComments.join('\n')).toMatch(/Retrieved: 2026-11-27/);
  });

  it('merges into an existing table and replaces days it imports again', async () => {
    const out = path.join(dir, 'ecb.csv');
    await importEcbRates({ inputs: [path.join(fixtures, 'eurofxref-hist-sample.csv')], out, retrievedAt: '2026-11-26' });
    const again = await importEcbRates({ inputs: [path.join(fixtures, 'eurofxref-daily-sample.csv'), path.join(fixtures, 'eurofxref-hist-sample.csv')], out, retrievedAt: '2026-11-27' });
    expect(again).toEqual({ added: 1, replaced: 5, total: 6, latest: '2025-04-25' });
  });

  it('writes nothing when an input is broken', async () => {
    const bad = path.join(dir, 'bad.csv');
    await fs.writeFile(bad, 'Date,USD\n2025-04-25,abc\n');
    const out = path.join(dir, 'ecb.csv');
    await expect(importEcbRates({ inputs: [bad], out, retrievedAt: '2026-11-27' })).rejects.toThrow(/USD/);
    await expect(fs.access(out)).rejects.toThrow();
  });
});
