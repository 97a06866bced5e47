import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DataFileProblem } from '../platform/data-files/data-file-problem';
import type { EventCodeTables } from './domain/event-code-table';
import { loadEventCodeTables } from './tracking-data.loader';

/**
 * Every carrier folder under carriers/ has an events.csv that loads without a problem and maps the
 * stages of a parcel's journey; a carrier without one would see every event it sends as unknown.
 */
const root = path.resolve(__dirname, '../..');
const carriersDir = path.join(root, 'carriers');
let tables: EventCodeTables;
let problems: DataFileProblem[];
let carriers: string[];

beforeAll(async () => {
  problems = [];
  tables = await loadEventCodeTables(carriersDir, root, problems);
  const entries = await fs.readdir(carriersDir, { withFileTypes: true });
  carriers = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('_') || e.name.startsWith('.')) continue;
    if (await fs.access(path.join(carriersDir, e.name, 'carrier.yaml')).then(() => true, () => false)) carriers.push(e.name);
  }
  carriers.sort();
});

/** The stages a table must cover, as `status` or `status.substatus`. */
const STAGES = [
  'label_created',
  'in_transit.picked_up',
  'in_transit.departed_facility',
  'in_transit.arrived_facility',
  'customs.clearance_started',
  'customs.information_required',
  'customs.cleared',
  'out_for_delivery',
  'delivered',
  'delivery_attempted',
  'return_to_sender.returned',
  'exception.damaged',
];

describe('carrier event-code tables (carriers/<id>/events.csv)', () => {
  it('load without problems', () => {
    expect(problems).toEqual([]);
  });

  it('exist for every carrier with a carrier.yaml', () => {
    expect(carriers.length).toBeGreaterThan(0);
    expect(carriers.filter((c) => !tables.get(c))).toEqual([]);
  });

  it('say where their codes come from and when', async () => {
    for (const carrier of tables.carriers()) {
      const source = tables.get(carrier)!.source.join('\n');
      expect({ carrier, source: /source/i.test(source) }).toEqual({ carrier, source: true });
      expect({ carrier, date: /retrieved:?\s*\d{4}-\d{2}-\d{2}/i.test(source) }).toEqual({ carrier, date: true });
    }
  });

  it.each(['asendia', 'dhl-freight'])('%s: every stage of a cross-border journey is mapped', (carrier) => {
    const table = tables.get(carrier)!;
    expect(table).toBeDefined();
    const file = path.join(carriersDir, carrier, 'events.csv');
    return fs.readFile(file, 'utf8').then((text) => {
      const codes = text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .slice(1)
        .map((l) => l.split(',')[0]);
      const covered = new Set<string>();
      for (const code of codes) {
        const c = table.classify(code)!;
        covered.add(c.status);
        if (c.substatus) covered.add(c.substatus);
      }
      expect(STAGES.filter((s) => !covered.has(s))).toEqual([]);
    });
  });

  it.each<[string, string, string, string | undefined]>([
    ['asendia', 'PU', 'in_transit', 'in_transit.picked_up'],
    ['asendia', 'IT', 'in_transit', 'in_transit.in_transit'],
    ['asendia', 'dl', 'delivered', 'delivered.delivered'],
    ['asendia', 'CUSTOMS', 'customs', 'customs.clearance_started'],
    ['asendia', 'RETURNED', 'return_to_sender', 'return_to_sender.returned'],
    ['dhl-freight', 'COLLECTED', 'in_transit', 'in_transit.picked_up'],
    ['dhl-freight', 'CUSTOMS_CLEARED', 'customs', 'customs.cleared'],
    ['dhl-freight', 'DELIVERY_ATTEMPT_FAILED', 'delivery_attempted', 'delivery_attempted.recipient_unavailable'],
    ['dhl-freight', 'DAMAGED', 'exception', 'exception.damaged'],
  ])('%s %s -> %s (%s)', (carrier, code, status, substatus) => {
    expect(tables.get(carrier)?.classify(code)).toMatchObject({ status, substatus });
  });
});
