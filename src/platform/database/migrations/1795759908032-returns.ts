import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer returns (RMA): one row per return with its items and state, the return shipment it got,
 * and the history of its states (which joins the original shipment's timeline).
 */
export class Returns1795759908032 implements MigrationInterface {
  name = 'Returns1795759908032';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE customer_return (
        id                    varchar(40) PRIMARY KEY,
        rma                   varchar(20) NOT NULL UNIQUE,
        original_shipment_id  varchar(40) NOT NULL REFERENCES shipment (id),
        return_shipment_id    varchar(40) NULL REFERENCES shipment (id),
        owner_key_id          varchar(40) NULL,
        idempotency_key       varchar(255) NULL,
        status                varchar(30) NOT NULL,
        reason                varchar(40) NOT NULL,
        note                  varchar(500) NULL,
        items                 jsonb NOT NULL,
        carrier               varchar(40) NULL,
        service               varchar(60) NULL,
        international         boolean NOT NULL DEFAULT false,
        resolution            varchar(20) NULL,
        label_expires_at      timestamptz NULL,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT customer_return_idempotency UNIQUE (original_shipment_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX customer_return_original ON customer_return (original_shipment_id, created_at)`);
    await q.query(`CREATE UNIQUE INDEX customer_return_shipment ON customer_return (return_shipment_id) WHERE return_shipment_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE customer_return_event (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        return_id    varchar(40) NOT NULL REFERENCES customer_return (id) ON DELETE CASCADE,
        status       varchar(30) NOT NULL,
        description  varchar(300) NOT NULL,
        source       varchar(20) NOT NULL,
        occurred_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX customer_return_event_return ON customer_return_event (return_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE customer_return_event');
    await q.query('DROP TABLE customer_return');
  }
}
