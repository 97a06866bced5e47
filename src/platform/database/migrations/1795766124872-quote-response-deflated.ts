import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuoteResponseDeflated1795766124872 implements MigrationInterface {
  name = 'QuoteResponseDeflated1795766124872';

  // The answer of a quote is 20-40 KB of JSON and is written on every checkout: stored deflated it is
  // a sixth of the bytes to send, write and keep. Rows written before keep their plain response.
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE quote
        ALTER COLUMN response DROP NOT NULL,
        ADD COLUMN response_deflated bytea NULL,
        ADD CONSTRAINT quote_response_present CHECK (response IS NOT NULL OR response_deflated IS NOT NULL)`);
    await q.query(`ALTER TABLE quote ALTER COLUMN response_deflated SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM quote WHERE response IS NULL`);
    await q.query(`ALTER TABLE quote DROP CONSTRAINT quote_response_present, DROP COLUMN response_deflated, ALTER COLUMN response SET NOT NULL`);
  }
}
