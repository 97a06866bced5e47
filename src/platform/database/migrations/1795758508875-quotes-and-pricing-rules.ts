import { MigrationInterface, QueryRunner } from 'typeorm';

export class QuotesAndPricingRules1795758508875 implements MigrationInterface {
  name = 'QuotesAndPricingRules1795758508875';

  async up(q: QueryRunner): Promise<void> {
    // One row per quote, written once: the answer as served (GET returns it), the normalised shipment
    // and the per-option data booking needs to honour a price. JSONB keeps it to a single insert.
    await q.query(`
      CREATE TABLE quote (
        id           varchar(40) PRIMARY KEY,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL,
        api_key_id   varchar(40) NULL,
        customer_id  varchar(100) NULL,
        currency     char(3) NOT NULL,
        incoterm     varchar(3) NOT NULL,
        shipment     jsonb NOT NULL,
        response     jsonb NOT NULL,
        options      jsonb NOT NULL
      )`);
    await q.query(`CREATE INDEX quote_expires_at_idx ON quote (expires_at)`);
    await q.query(`
      CREATE TABLE customer_pricing_rule (
        id           varchar(40) PRIMARY KEY,
        customer_id  varchar(100) NOT NULL,
        carrier      varchar(40) NULL,
        service      varchar(40) NULL,
        type         varchar(10) NOT NULL CHECK (type IN ('markup', 'discount')),
        percent      numeric(9, 4) NULL,
        amount       numeric(14, 4) NULL,
        currency     char(3) NULL,
        description  varchar(200) NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK ((percent IS NULL) <> (amount IS NULL)),
        CHECK ((amount IS NULL) = (currency IS NULL)),
        CHECK (service IS NULL OR carrier IS NOT NULL)
      )`);
    // One rule per scope and customer: the most specific rule wins, so two rules for one scope would be ambiguous.
    await q.query(`CREATE UNIQUE INDEX customer_pricing_rule_scope_idx ON customer_pricing_rule (customer_id, COALESCE(carrier, ''), COALESCE(service, ''))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE customer_pricing_rule');
    await q.query('DROP TABLE quote');
  }
}
