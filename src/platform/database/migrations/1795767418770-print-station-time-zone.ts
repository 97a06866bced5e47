import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A print station's IANA time zone, for what "today" means at the desk. NULL: each shipment's own
 * origin zone (its carrier's), in which its ship date was set at booking.
 */
export class PrintStationTimeZone1795767418770 implements MigrationInterface {
  name = 'PrintStationTimeZone1795767418770';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE print_station ADD COLUMN time_zone varchar(64) NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE print_station DROP COLUMN time_zone`);
  }
}
