import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracking (trackers, events, estimated-delivery history, carrier push receipts) and outbound merchant
 * webhooks (endpoints, events, deliveries, attempts).
 *
 * Speed notes: events are written in batches with ON CONFLICT on (tracker_id, dedupe_key), which is
 * also the index a timeline read walks; `tracking_event_timeline` keeps the rows of one tracker in
 * occurrence order so reads never sort more than one tracker's events.
 */
export class TrackingAndWebhooks1795757486121 implements MigrationInterface {
  name = 'TrackingAndWebhooks1795757486121';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tracker (
        id                 varchar(40) PRIMARY KEY,
        carrier            varchar(40) NOT NULL,
        tracking_number    varchar(64) NOT NULL,
        shipment_id        varchar(40) NULL,
        status             varchar(30) NOT NULL DEFAULT 'unknown',
        substatus          varchar(60) NULL,
        reason             varchar(60) NULL,
        action_required    boolean NOT NULL DEFAULT false,
        terminal           boolean NOT NULL DEFAULT false,
        status_event_id    bigint NULL,
        status_changed_at  timestamptz NULL,
        last_event_at      timestamptz NULL,
        event_count        integer NOT NULL DEFAULT 0,
        poll_started_at    timestamptz NULL,
        poll_next_at       timestamptz NULL,
        poll_count         integer NOT NULL DEFAULT 0,
        poll_stopped       varchar(20) NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tracker_carrier_number UNIQUE (carrier, tracking_number)
      )`);
    await q.query(`CREATE INDEX tracker_shipment ON tracker (shipment_id) WHERE shipment_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE tracking_event (
        id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tracker_id            varchar(40) NOT NULL REFERENCES tracker (id) ON DELETE CASCADE,
        dedupe_key            varchar(80) NOT NULL,
        carrier_event_id      varchar(128) NULL,
        source                varchar(16) NOT NULL,
        code                  varchar(64) NULL,
        carrier_text          text NULL,
        description           text NOT NULL,
        status                varchar(30) NOT NULL,
        substatus             varchar(60) NULL,
        reason                varchar(60) NULL,
        action_required       boolean NOT NULL DEFAULT false,
        rank                  smallint NOT NULL,
        occurred_raw          varchar(64) NOT NULL,
        occurred_local        varchar(19) NOT NULL,
        utc_offset_minutes    smallint NULL,
        occurred_at_utc       timestamptz NULL,
        time_zone             varchar(64) NULL,
        zone_source           varchar(24) NOT NULL,
        sort_at               timestamptz NOT NULL,
        location_city         varchar(100) NULL,
        location_region       varchar(100) NULL,
        location_postal_code  varchar(20) NULL,
        location_country      char(2) NULL,
        revision              integer NOT NULL DEFAULT 1,
        received_at           timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NULL,
        CONSTRAINT tracking_event_dedupe UNIQUE (tracker_id, dedupe_key)
      )`);
    await q.query(`CREATE INDEX tracking_event_timeline ON tracking_event (tracker_id, sort_at, rank)`);

    await q.query(`
      CREATE TABLE tracking_edd (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tracker_id   varchar(40) NOT NULL REFERENCES tracker (id) ON DELETE CASCADE,
        source       varchar(20) NOT NULL,
        earliest     varchar(32) NOT NULL,
        latest       varchar(32) NOT NULL,
        observed_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tracking_edd_tracker ON tracking_edd (tracker_id, id)`);

    await q.query(`
      CREATE TABLE carrier_push_receipt (
        carrier      varchar(40) NOT NULL,
        push_id      varchar(200) NOT NULL,
        received_at  timestamptz NOT NULL DEFAULT now(),
        event_count  integer NOT NULL DEFAULT 0,
        PRIMARY KEY (carrier, push_id)
      )`);

    await q.query(`
      CREATE TABLE webhook_endpoint (
        id               varchar(40) PRIMARY KEY,
        url              text NOT NULL,
        description      varchar(200) NULL,
        events           text[] NOT NULL,
        secret           varchar(100) NOT NULL,
        status           varchar(20) NOT NULL DEFAULT 'enabled',
        disabled_reason  text NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        deleted_at       timestamptz NULL
      )`);

    await q.query(`
      CREATE TABLE webhook_event (
        id          varchar(40) PRIMARY KEY,
        type        varchar(60) NOT NULL,
        subject_id  varchar(40) NULL,
        payload     jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_event_subject ON webhook_event (subject_id, created_at) WHERE subject_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE webhook_delivery (
        id                varchar(40) PRIMARY KEY,
        event_id          varchar(40) NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
        endpoint_id       varchar(40) NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
        status            varchar(20) NOT NULL DEFAULT 'pending',
        attempt_count     integer NOT NULL DEFAULT 0,
        next_attempt_at   timestamptz NULL,
        lease_until       timestamptz NULL,
        last_status_code  integer NULL,
        last_error        text NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        completed_at      timestamptz NULL,
        CONSTRAINT webhook_delivery_once UNIQUE (event_id, endpoint_id)
      )`);
    await q.query(`CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at DESC)`);
    await q.query(`CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE webhook_attempt (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id   varchar(40) NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
        attempt       integer NOT NULL,
        started_at    timestamptz NOT NULL,
        duration_ms   integer NOT NULL,
        status_code   integer NULL,
        error         text NULL,
        outcome       varchar(20) NOT NULL,
        next_attempt_at timestamptz NULL,
        CONSTRAINT webhook_attempt_once UNIQUE (delivery_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_attempt');
    await q.query('DROP TABLE webhook_delivery');
    await q.query('DROP TABLE webhook_event');
    await q.query('DROP TABLE webhook_endpoint');
    await q.query('DROP TABLE carrier_push_receipt');
    await q.query('DROP TABLE tracking_edd');
    await q.query('DROP TABLE tracking_event');
    await q.query('DROP TABLE tracker');
  }
}
