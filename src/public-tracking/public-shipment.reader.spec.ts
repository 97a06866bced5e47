import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../platform/database/migrations';
import { BY_TRACKING_NUMBER, ORDER_BY_ID, ORDER_BY_TOKEN, PublicShipmentReader } from './public-shipment.reader';

// Runs on the PostgreSQL that `npm test` provides (scripts/launch.mjs); a bare `jest` without one skips it.
const server = process.env.DATABASE_URL;
const describeWithDatabase = server ? describe : describe.skip;

/** Shipments one merchant booked with the same reference (a shop's test orders), oldest first. */
const COMMON = 3000;
const common = (i: number) => `shp_common_${String(i).padStart(5, '0')}`;

/**
 * The reader's statements on a shipment table where one reference is very common: the answers, and
 * how much each statement reads. Reading the siblings of an order once walked `shipment_created`
 * over every shipment on each page view; the number lookup scanned every shipment.
 */
describeWithDatabase('PublicShipmentReader on many shipments', () => {
  const name = `pw_reader_${randomBytes(4).toString('hex')}`;
  let admin: Client;
  let db: DataSource;
  let reader: PublicShipmentReader;

  beforeAll(async () => {
    admin = new Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(server as string);
    url.pathname = `/${name}`;
    db = new DataSource({ type: 'postgres', url: url.toString(), migrations: MIGRATIONS, logging: ['error'] });
    await db.initialize();
    await db.runMigrations({ transaction: 'each' });

    await db.query(
      `INSERT INTO shipment (id, status, direction, owner_key_id, carrier, service, service_name, reference, tracking_number, tracking_token,
                             label_format, label_size, ship_date, ship_from, ship_to, items, handling, incoterm, customs, currency, charges, total_amount, created_at)
       SELECT 'shp_common_' || lpad(g::text, 5, '0'), 'booked', 'outbound', 'key_a', 'deutsche-post', 'paket', 'Paket', 'SHOP-TEST',
              'CN' || lpad(g::text, 8, '0'), 'tok_common_' || g, 'PDF', 'A6', date '2026-11-02', '{"country":"DE"}',
              '{"country":"CH","postalCode":"8008"}',
              -- Items of a real booking's size (about 1 kB per row, as in the benchmark's): the planner weighs
              -- reading the table against the rows it expects, and a table of bare rows is unrealistically cheap.
              (SELECT jsonb_agg(jsonb_build_object('sku', md5(g || ':' || i), 'description', md5(i || ':' || g) || md5(g || '/' || i), 'quantity', 1))
                 FROM generate_series(1, 10) i),
              '{}', 'DAP', '{}', 'EUR', '[]', 10,
              timestamptz '2026-11-01T00:00:00Z' + g * interval '1 second'
         FROM generate_series(1, $1::int) g`,
      [COMMON],
    );
    // One order of two shipments, a shipment of another merchant with the same reference, a return.
    const one = (
      id: string,
      reference: string,
      owner: string | null,
      hour: number,
      extra: { direction?: string; returnOf?: string; status?: string; shipTo?: Record<string, string> } = {},
    ) =>
      db.query(
        `INSERT INTO shipment (id, status, direction, owner_key_id, carrier, service, service_name, reference, tracking_number, tracking_token,
                               label_format, label_size, ship_date, ship_from, ship_to, items, handling, incoterm, customs, currency, charges,
                               total_amount, return_of, created_at)
         VALUES ($1, $9, $2, $3, 'deutsche-post', 'paket', 'Paket', $4, $5, $6, 'PDF', 'A6', date '2026-11-20', '{"country":"DE"}',
                 $10, '[]', '{}', 'DAP', '{}', 'EUR', '[]', 10, $7, timestamptz '2026-11-20T00:00:00Z' + $8 * interval '1 hour')`,
        [
          id,
          extra.direction ?? 'outbound',
          owner,
          reference,
          `NR-${id}`,
          `tok_${id}`,
          extra.returnOf ?? null,
          hour,
          extra.status ?? 'booked',
          JSON.stringify(extra.shipTo ?? { country: 'CH', postalCode: '8008' }),
        ],
      );
    await one('shp_a', 'ORDER-1', 'key_a', 0);
    await one('shp_b', 'ORDER-1', 'key_a', 1);
    await one('shp_other', 'ORDER-1', 'key_b', 2);
    await one('shp_ret', 'ORDER-1', 'key_a', 3, { direction: 'return', returnOf: 'shp_a' });
    // A reference one merchant used for several buyers: only the same recipient's live shipments are one order.
    const ada = { name: 'Ada Byron', country: 'CA', postalCode: 'M5V 2T6' };
    await one('shp_ada_1', 'ORDER-2', 'key_a', 10, { shipTo: ada });
    await one('shp_ada_2', 'ORDER-2', 'key_a', 11, { shipTo: { name: '  ada   BYRON ', country: 'ca', postalCode: 'm5v2t6' } });
    await one('shp_ada_cancelled', 'ORDER-2', 'key_a', 12, { shipTo: ada, status: 'cancelled' });
    await one('shp_berlin', 'ORDER-2', 'key_a', 13, { shipTo: { name: 'Bruno Berliner', country: 'DE', postalCode: '10115' } });
    await one('shp_other_name', 'ORDER-2', 'key_a', 14, { shipTo: { ...ada, name: 'Charles Babbage' } });
    await one('shp_other_postcode', 'ORDER-2', 'key_a', 15, { shipTo: { ...ada, postalCode: 'M5V 2T7' } });
    await one('shp_other_country', 'ORDER-2', 'key_a', 16, { shipTo: { ...ada, country: 'US' } });
    await one('shp_berlin_ret', 'ORDER-2', 'key_a', 17, { direction: 'return', returnOf: 'shp_berlin' });
    // Shipments without a known merchant are nobody's order.
    await one('shp_anon_1', 'ORDER-3', null, 20);
    await one('shp_anon_2', 'ORDER-3', null, 21);
    // US: a ZIP and the same ZIP+4 are one address.
    await one('shp_us_1', 'ORDER-4', 'key_a', 30, { shipTo: { name: 'Grace Hopper', country: 'US', postalCode: '10001' } });
    await one('shp_us_2', 'ORDER-4', 'key_a', 31, { shipTo: { name: 'Grace Hopper', country: 'US', postalCode: '10001-2345' } });
    await db.query(
      `INSERT INTO shipment_parcel (shipment_id, index, carrier, tracking_number, weight_kg)
       VALUES ('shp_a', 0, 'deutsche-post', 'PARCEL-A0', 1), ('shp_a', 1, 'deutsche-post', 'PARCEL-A1', 1)`,
    );
    // What autovacuum does after such a load; the planner then knows how common the reference is.
    await db.query('ANALYZE shipment');
    await db.query('ANALYZE shipment_parcel');
    reader = new PublicShipmentReader(db);
  });

  afterAll(async () => {
    await db?.destroy();
    await admin?.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin?.end();
  });

  it('reads an order: the shipment, its siblings of the same merchant, their returns, oldest first', async () => {
    const rows = await reader.orderByToken('tok_shp_a');
    expect(rows.map((r) => [r.id, r.role])).toEqual([
      ['shp_a', 'target'],
      ['shp_b', 'order'],
      ['shp_ret', 'return'],
    ]);
    expect(rows[0].parcel_numbers).toEqual(['PARCEL-A0', 'PARCEL-A1']);
    expect((await reader.orderOf('shp_b')).map((r) => [r.id, r.role])).toEqual([
      ['shp_a', 'order'],
      ['shp_b', 'target'],
      ['shp_ret', 'return'],
    ]);
    expect(await reader.orderByToken('tok_unknown')).toEqual([]);
  });

  it('an order is one merchant\'s live shipments with the reference to the same recipient, whose address only the target row carries', async () => {
    const ids = async (shipment: string) => (await reader.orderOf(shipment)).map((r) => [r.id, r.role]);
    expect(await ids('shp_ada_1')).toEqual([
      ['shp_ada_1', 'target'],
      ['shp_ada_2', 'order'],
    ]);
    expect(await ids('shp_ada_2')).toEqual([
      ['shp_ada_1', 'order'],
      ['shp_ada_2', 'target'],
    ]);
    // The other buyer's shipment (and its return) sees none of Ada's, nor Ada any of its.
    expect(await ids('shp_berlin')).toEqual([
      ['shp_berlin', 'target'],
      ['shp_berlin_ret', 'return'],
    ]);
    for (const alone of ['shp_other_name', 'shp_other_postcode', 'shp_other_country', 'shp_anon_1']) expect(await ids(alone)).toEqual([[alone, 'target']]);
    // A cancelled shipment's own page still shows it, with the live shipments of its order.
    expect(await ids('shp_ada_cancelled')).toEqual([
      ['shp_ada_1', 'order'],
      ['shp_ada_2', 'order'],
      ['shp_ada_cancelled', 'target'],
    ]);
    expect((await ids('shp_us_2')).map(([id]) => id)).toEqual(['shp_us_1', 'shp_us_2']);
    // Another shipment's recipient and items never leave the database.
    const rows = await reader.orderOf('shp_ada_2');
    expect(rows.map((r) => [r.id, r.ship_to?.name ?? null, r.items])).toEqual([
      ['shp_ada_1', null, null],
      ['shp_ada_2', '  ada   BYRON ', []],
    ]);
  });

  it('lists the 20 oldest siblings of a shipment whose reference is very common', async () => {
    const rows = await reader.orderOf(common(2500));
    const expected = [...Array.from({ length: 20 }, (_, i) => common(i + 1)), common(2500)];
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(rows.filter((r) => r.role === 'target').map((r) => r.id)).toEqual([common(2500)]);
  });

  it('finds shipments by a parcel number or by their own number', async () => {
    expect((await reader.byTrackingNumber('PARCEL-A1')).map((d) => d.shipmentId)).toEqual(['shp_a']);
    expect(await reader.byTrackingNumber('NR-shp_b')).toEqual([{ shipmentId: 'shp_b', postalCode: '8008', country: 'CH' }]);
    expect(await reader.byTrackingNumber('CN00000007')).toEqual([{ shipmentId: common(7), postalCode: '8008', country: 'CH' }]);
    expect(await reader.byTrackingNumber('NO-SUCH')).toEqual([]);
  });

  // A page view reads the few shipments it shows whatever the table holds; the plans that walked or
  // scanned every shipment read all 3,000 here.
  const statements: [string, string, string][] = [
    ['order by token', ORDER_BY_TOKEN, 'tok_shp_a'],
    ['order by token, common reference', ORDER_BY_TOKEN, `tok_common_${COMMON}`],
    ['order by id', ORDER_BY_ID, 'shp_b'],
    ['lookup by shipment number', BY_TRACKING_NUMBER, 'NR-shp_b'],
    ['lookup by parcel number', BY_TRACKING_NUMBER, 'PARCEL-A0'],
  ];
  for (const mode of ['force_generic_plan', 'force_custom_plan']) {
    it.each(statements)(`%s reads only the shipments it needs (${mode})`, async (_label, sql, value) => {
      const runner = db.createQueryRunner();
      try {
        await runner.query(`SET plan_cache_mode = ${mode}`);
        await runner.query(`PREPARE plan_check(text) AS ${sql}`);
        const [row] = await runner.query(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE plan_check('${value}')`);
        expect(shipmentRowsRead((row['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan)).toBeLessThan(100);
      } finally {
        await runner.query('DEALLOCATE ALL').catch(() => undefined);
        await runner.query('RESET plan_cache_mode').catch(() => undefined);
        await runner.release();
      }
    });
  }
});

interface PlanNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

/** Rows of `shipment` that the plan's scans read (returned or filtered out), over all loops. */
function shipmentRowsRead(node: PlanNode): number {
  const own =
    node['Relation Name'] === 'shipment'
      ? (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0) + (node['Rows Removed by Index Recheck'] ?? 0)) * node['Actual Loops']
      : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + shipmentRowsRead(child), 0);
}
