import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuoteJsonStorage1795764398594 implements MigrationInterface {
  name = 'QuoteJsonStorage1795764398594';

  // Quotes are written once and read whole, never queried inside: json keeps the text as sent (no
  // jsonb parsing on every insert, and GET can answer with the stored text), and EXTERNAL storage
  // skips compressing the 20-40 KB answers on the hot path.
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE quote
        ALTER COLUMN response TYPE json USING response::json,
        ALTER COLUMN response SET STORAGE EXTERNAL,
        ALTER COLUMN options TYPE json USING options::json,
        ALTER COLUMN options SET STORAGE EXTERNAL,
        ALTER COLUMN shipment TYPE json USING shipment::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE quote
        ALTER COLUMN response TYPE jsonb USING response::jsonb,
        ALTER COLUMN response SET STORAGE EXTENDED,
        ALTER COLUMN options TYPE jsonb USING options::jsonb,
        ALTER COLUMN options SET STORAGE EXTENDED,
        ALTER COLUMN shipment TYPE jsonb USING shipment::jsonb`);
  }
}
