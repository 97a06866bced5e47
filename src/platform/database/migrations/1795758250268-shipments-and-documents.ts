import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipments (with one row per parcel and the carrier's own label and document bytes), booking
 * idempotency keys, rate-card bookings and their tracking-number sequence, batches, manifests, and
 * warehouse print stations with their sessions.
 *
 * Idempotency is held by the database: `idempotency_key` has one row per (owner, key); the first
 * request inserts it as `pending` with a lease, a retry after the lease expired takes it over with a
 * conditional UPDATE, and the shipment is written in the same transaction that completes the key.
 */
export class ShipmentsAndDocuments1795758250268 implements MigrationInterface {
  name = 'ShipmentsAndDocuments1795758250268';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE tracking_number_serial AS bigint START 1 CACHE 1`);
    await q.query(`
      CREATE TABLE rate_card_booking (
        idempotency_key   varchar(300) PRIMARY KEY,
        carrier           varchar(40) NOT NULL,
        service           varchar(60) NOT NULL,
        tracking_numbers  text[] NOT NULL,
        cancelled_at      timestamptz NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE shipment (
        id                  varchar(40) PRIMARY KEY,
        status              varchar(20) NOT NULL,
        direction           varchar(10) NOT NULL DEFAULT 'outbound',
        owner_key_id        varchar(40) NULL,
        carrier             varchar(40) NOT NULL,
        service             varchar(60) NOT NULL,
        service_name        varchar(200) NOT NULL,
        reference           varchar(100) NULL,
        tracking_number     varchar(64) NOT NULL,
        tracking_token      varchar(64) NOT NULL UNIQUE,
        carrier_shipment_id varchar(100) NULL,
        label_format        varchar(4) NOT NULL,
        label_size          varchar(4) NOT NULL,
        label_dpi           smallint NOT NULL DEFAULT 203,
        ship_date           date NOT NULL,
        ship_from           jsonb NOT NULL,
        ship_to             jsonb NOT NULL,
        items               jsonb NOT NULL,
        handling            jsonb NOT NULL,
        incoterm            varchar(3) NOT NULL,
        importer            jsonb NULL,
        customs             jsonb NOT NULL,
        zone                varchar(40) NULL,
        currency            char(3) NOT NULL,
        charges             jsonb NOT NULL,
        total_amount        numeric(14,4) NOT NULL,
        duties_and_taxes    jsonb NULL,
        quote_id            varchar(40) NULL,
        option_id           varchar(40) NULL,
        batch_id            varchar(40) NULL,
        return_of           varchar(40) NULL REFERENCES shipment (id),
        printed_at          timestamptz NULL,
        print_count         integer NOT NULL DEFAULT 0,
        handed_over_at      timestamptz NULL,
        cancelled_at        timestamptz NULL,
        created_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX shipment_reference ON shipment (reference, id) WHERE reference IS NOT NULL`);
    await q.query(`CREATE INDEX shipment_carrier_day ON shipment (carrier, ship_date, id)`);
    await q.query(`CREATE INDEX shipment_created ON shipment (created_at, id)`);
    await q.query(`CREATE INDEX shipment_batch ON shipment (batch_id) WHERE batch_id IS NOT NULL`);
    await q.query(`CREATE INDEX shipment_return_of ON shipment (return_of) WHERE return_of IS NOT NULL`);
    await q.query(`CREATE INDEX shipment_unprinted ON shipment (ship_date, id) WHERE printed_at IS NULL AND status = 'booked'`);

    await q.query(`
      CREATE TABLE shipment_parcel (
        shipment_id          varchar(40) NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
        index                smallint NOT NULL,
        carrier              varchar(40) NOT NULL,
        tracking_number      varchar(64) NOT NULL,
        weight_kg            numeric(10,3) NOT NULL,
        length_cm            numeric(8,1) NULL,
        width_cm             numeric(8,1) NULL,
        height_cm            numeric(8,1) NULL,
        carrier_label        bytea NULL,
        carrier_label_format varchar(4) NULL,
        PRIMARY KEY (shipment_id, index),
        CONSTRAINT shipment_parcel_number UNIQUE (carrier, tracking_number)
      )`);
    await q.query(`CREATE INDEX shipment_parcel_tracking ON shipment_parcel (tracking_number)`);

    await q.query(`
      CREATE TABLE shipment_document (
        shipment_id  varchar(40) NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
        type         varchar(40) NOT NULL,
        format       varchar(4) NOT NULL,
        data         bytea NOT NULL,
        PRIMARY KEY (shipment_id, type)
      )`);

    await q.query(`
      CREATE TABLE idempotency_key (
        owner             varchar(40) NOT NULL,
        key               varchar(255) NOT NULL,
        request_hash      char(64) NOT NULL,
        state             varchar(12) NOT NULL,
        lease_token       varchar(40) NULL,
        lease_expires_at  timestamptz NULL,
        attempts          integer NOT NULL DEFAULT 1,
        shipment_id       varchar(40) NULL,
        response_status   smallint NULL,
        response_body     jsonb NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        completed_at      timestamptz NULL,
        PRIMARY KEY (owner, key)
      )`);

    await q.query(`
      CREATE TABLE batch (
        id            varchar(40) PRIMARY KEY,
        owner_key_id  varchar(40) NULL,
        status        varchar(20) NOT NULL,
        label_format  varchar(4) NOT NULL,
        label_size    varchar(4) NOT NULL,
        item_count    integer NOT NULL,
        booked        integer NOT NULL DEFAULT 0,
        failed        integer NOT NULL DEFAULT 0,
        created_at    timestamptz NOT NULL DEFAULT now(),
        completed_at  timestamptz NULL
      )`);
    await q.query(`
      CREATE TABLE batch_item (
        batch_id         varchar(40) NOT NULL REFERENCES batch (id) ON DELETE CASCADE,
        index            integer NOT NULL,
        idempotency_key  varchar(255) NULL,
        reference        varchar(100) NULL,
        status           varchar(20) NOT NULL,
        shipment_id      varchar(40) NULL REFERENCES shipment (id),
        error            jsonb NULL,
        PRIMARY KEY (batch_id, index)
      )`);

    await q.query(`
      CREATE TABLE manifest (
        id              varchar(40) PRIMARY KEY,
        carrier         varchar(40) NOT NULL,
        ship_date       date NOT NULL,
        shipment_ids    text[] NOT NULL,
        shipment_count  integer NOT NULL,
        parcel_count    integer NOT NULL,
        total_weight_kg numeric(12,3) NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX manifest_carrier_day ON manifest (carrier, ship_date, created_at)`);

    await q.query(`
      CREATE TABLE print_station (
        id            varchar(40) PRIMARY KEY,
        name          varchar(100) NOT NULL,
        printer_host  varchar(255) NULL,
        printer_port  integer NOT NULL DEFAULT 9100,
        label_format  varchar(4) NOT NULL DEFAULT 'pdf',
        label_size    varchar(4) NOT NULL DEFAULT '4x6',
        label_dpi     smallint NOT NULL DEFAULT 203,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE warehouse_session (
        token_hash   char(64) PRIMARY KEY,
        key_id       varchar(40) NOT NULL,
        station_id   varchar(40) NULL REFERENCES print_station (id) ON DELETE SET NULL,
        csrf_token   varchar(64) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE warehouse_session');
    await q.query('DROP TABLE print_station');
    await q.query('DROP TABLE manifest');
    await q.query('DROP TABLE batch_item');
    await q.query('DROP TABLE batch');
    await q.query('DROP TABLE idempotency_key');
    await q.query('DROP TABLE shipment_document');
    await q.query('DROP TABLE shipment_parcel');
    await q.query('DROP TABLE shipment');
    await q.query('DROP TABLE rate_card_booking');
    await q.query('DROP SEQUENCE tracking_number_serial');
  }
}
