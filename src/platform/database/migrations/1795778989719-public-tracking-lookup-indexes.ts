import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the public tracking page's reads, so that they cost the same however many shipments
 * are stored.
 *
 * - `shipment_reference_created`: the other shipments of an order (same merchant reference), oldest
 *   first, at most 20. With the rows already in (reference, created_at, id) order the read stops after
 *   20; with only (reference, id) the planner walked `shipment_created` over every shipment whenever
 *   a few references (a shop's test orders) made the reference look unselective.
 * - `shipment_tracking_number`: the lookup by tracking number also matches a shipment's own number,
 *   which had no index (a sequential scan of `shipment` on every lookup).
 */
export class PublicTrackingLookupIndexes1795778989719 implements MigrationInterface {
  name = 'PublicTrackingLookupIndexes1795778989719';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX shipment_reference_created ON shipment (reference, created_at, id) WHERE reference IS NOT NULL`);
    await q.query(`CREATE INDEX shipment_tracking_number ON shipment (tracking_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX shipment_tracking_number`);
    await q.query(`DROP INDEX shipment_reference_created`);
  }
}
