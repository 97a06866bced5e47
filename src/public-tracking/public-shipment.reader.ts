import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AddressSpec, ItemSpec } from '../carriers/shipment-spec';
import { preparedQuery } from '../platform/database/prepared-query';

/** Where a shipment goes, as far as checking a postal code needs. */
export interface Destination {
  shipmentId: string;
  postalCode: string | null;
  country: string | null;
}

/** A tracking event as the page needs it (columns of tracking's `tracking_event`). */
export interface OrderEventRow {
  status: string;
  substatus: string | null;
  action_required: boolean;
  code: string | null;
  description: string;
  occurred_local: string;
  utc_offset_minutes: number | null;
  time_zone: string | null;
  location_city: string | null;
  location_region: string | null;
  location_country: string | null;
}

/** A parcel's tracker with its events (occurrence order) and delivery estimates (observed order). */
export interface OrderTrackerRow {
  id: string;
  carrier: string;
  tracking_number: string;
  status: string;
  substatus: string | null;
  action_required: boolean;
  events: OrderEventRow[];
  edd: { source: string; earliest: string; latest: string; observed_at: string }[];
}

/** One shipment of an order as public tracking reads it. */
export interface OrderShipmentRow {
  id: string;
  /** `target`: the shipment asked for; `order`: another outbound shipment of its order; `return`: a return of one of them. */
  role: 'target' | 'order' | 'return';
  direction: 'outbound' | 'return';
  status: string;
  carrier: string;
  service_name: string;
  reference: string | null;
  tracking_number: string;
  return_of: string | null;
  incoterm: 'DDP' | 'DAP' | null;
  crosses_border: boolean | null;
  origin_country: string | null;
  /** The target's recipient; null on the other rows (another shipment's recipient never leaves the database). */
  ship_to: AddressSpec | null;
  /** The target's items; null on the other rows. */
  items: ItemSpec[] | null;
  duties_and_taxes: unknown;
  parcel_numbers: string[] | null;
  /** Whether the returns room holds a customer return of this shipment (only then are its returns read). */
  has_returns: boolean;
  created_at: Date;
  trackers: OrderTrackerRow[];
}

const COLUMNS = `s.id, s.direction, s.status, s.carrier, s.service_name, s.reference, s.tracking_number, s.return_of, s.incoterm,
  (s.customs->>'crossesBorder')::boolean AS crosses_border, s.ship_from->>'country' AS origin_country,
  CASE WHEN s.id = (SELECT id FROM target) THEN s.ship_to END AS ship_to, CASE WHEN s.id = (SELECT id FROM target) THEN s.items END AS items,
  s.duties_and_taxes, s.created_at,
  (SELECT array_agg(p.tracking_number ORDER BY p.index) FROM shipment_parcel p WHERE p.shipment_id = s.id) AS parcel_numbers,
  EXISTS (SELECT 1 FROM customer_return r WHERE r.original_shipment_id = s.id) AS has_returns,
  (SELECT coalesce(json_agg(json_build_object(
      'id', t.id, 'carrier', t.carrier, 'tracking_number', t.tracking_number, 'status', t.status, 'substatus', t.substatus,
      'action_required', t.action_required,
      'events', (SELECT coalesce(json_agg(json_build_object(
          'status', e.status, 'substatus', e.substatus, 'action_required', e.action_required, 'code', e.code,
          'description', e.description, 'occurred_local', e.occurred_local, 'utc_offset_minutes', e.utc_offset_minutes,
          'time_zone', e.time_zone, 'location_city', e.location_city, 'location_region', e.location_region,
          'location_country', e.location_country) ORDER BY e.sort_at, e.rank, e.dedupe_key), '[]')
        FROM tracking_event e WHERE e.tracker_id = t.id),
      'edd', (SELECT coalesce(json_agg(json_build_object('source', d.source, 'earliest', d.earliest, 'latest', d.latest,
          'observed_at', d.observed_at) ORDER BY d.id), '[]')
        FROM tracking_edd d WHERE d.tracker_id = t.id)
    ) ORDER BY t.created_at, t.id), '[]')
    FROM tracker t WHERE t.shipment_id = s.id) AS trackers`;

/**
 * The shipments room's tables (`shipment`, `shipment_parcel`) and tracking's (`tracker`,
 * `tracking_event`, `tracking_edd`) read the way the public page needs them: a shipment by tracking
 * token or number, and a whole order in one prepared statement (the shipment, the other live outbound
 * shipments of the same merchant and reference to the same recipient, the returns of all of them,
 * each with its trackers, events and delivery estimates as tracking stored them). Going through the
 * timeline service instead costs six round trips per shipment, several times the page's whole
 * budget. Only ids, the destination and what the page shows leave this class.
 */
@Injectable()
export class PublicShipmentReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The shipment of a tracking token (a unique, indexed column). */
  async byToken(token: string): Promise<Destination | undefined> {
    const rows: { id: string; postal_code: string | null; country: string | null }[] = await this.db.query(
      `SELECT id, ship_to->>'postalCode' AS postal_code, ship_to->>'country' AS country FROM shipment WHERE tracking_token = $1`,
      [token],
    );
    return rows[0] && { shipmentId: rows[0].id, postalCode: rows[0].postal_code, country: rows[0].country };
  }

  /** Shipments with a parcel of this tracking number, whatever the carrier (numbers rarely collide; at most 10). */
  async byTrackingNumber(number: string): Promise<Destination[]> {
    const rows: { id: string; postal_code: string | null; country: string | null }[] = await this.db.query(
      BY_TRACKING_NUMBER,
      [number],
    );
    return rows.map((r) => ({ shipmentId: r.id, postalCode: r.postal_code, country: r.country }));
  }

  /** The order of the shipment with this token; empty when the token is unknown. */
  orderByToken(token: string): Promise<OrderShipmentRow[]> {
    return preparedQuery(this.db, 'public_order_by_token', ORDER_BY_TOKEN, [token]);
  }

  /** The order of a shipment; empty when the shipment is unknown. */
  orderOf(shipmentId: string): Promise<OrderShipmentRow[]> {
    return preparedQuery(this.db, 'public_order_by_id', ORDER_BY_ID, [shipmentId]);
  }
}

/**
 * A postal code in the form it is compared in (as `normalisePostalCode`): no case, spaces or hyphens,
 * a US ZIP+4 as its ZIP.
 */
function postalKey(address: string): string {
  const compact = `upper(regexp_replace(coalesce(${address}->>'postalCode', ''), '[-[:space:]\u2010-\u2015]', '', 'g'))`;
  return `CASE WHEN upper(${address}->>'country') = 'US' AND ${compact} ~ '^[0-9]{9}$' THEN left(${compact}, 5) ELSE ${compact} END`;
}

/** A recipient name in the form it is compared in: no case, no surrounding or repeated spaces. */
function nameKey(address: string): string {
  return `lower(btrim(regexp_replace(${address}->>'name', '[[:space:]]+', ' ', 'g')))`;
}

/**
 * Siblings: the 20 oldest other outbound shipments of the same merchant (booking key: references are
 * only unique per merchant) with the same reference, to the same recipient (country, postal code and
 * name, compared here so that no other recipient's data is read out), not cancelled. A merchant may
 * reuse a reference for another buyer (a marketplace order split between buyers, a test order): their
 * parcels are not this buyer's to see. Shipments without a known merchant are nobody's order.
 *
 * Read per target row (LATERAL) so that `shipment_reference_created` hands them over in order and
 * the read stops as soon as 20 are found: as a plain join ordered by `created_at` the planner may walk
 * every shipment in creation order when a few references are very common. The recipient is compared
 * outside the index walk (over its first 200 shipments): inside it, the planner takes the comparison
 * for a rare match and reads every shipment of the reference to sort them instead.
 */
function orderSql(where: string): string {
  return `WITH target AS (SELECT * FROM shipment WHERE ${where}),
       siblings AS (
         SELECT o.id FROM target t CROSS JOIN LATERAL (
           SELECT c.id, c.created_at FROM (
             SELECT s.id, s.created_at, s.ship_to FROM shipment s
              WHERE s.reference = t.reference AND s.direction = 'outbound'
                AND s.owner_key_id = t.owner_key_id AND s.id <> t.id AND s.status <> 'cancelled'
              ORDER BY s.created_at, s.id LIMIT 200) c
            WHERE upper(c.ship_to->>'country') = upper(t.ship_to->>'country')
              AND ${postalKey('c.ship_to')} = ${postalKey('t.ship_to')}
              AND ${nameKey('c.ship_to')} IS NOT DISTINCT FROM ${nameKey('t.ship_to')}
            ORDER BY c.created_at, c.id LIMIT 20) o
          WHERE t.direction = 'outbound' AND t.reference IS NOT NULL),
       outbound AS (SELECT id FROM target UNION ALL SELECT id FROM siblings)
       SELECT ${COLUMNS}, CASE WHEN s.id = (SELECT id FROM target) THEN 'target' ELSE 'order' END AS role
         FROM shipment s WHERE s.id IN (SELECT id FROM outbound)
       UNION ALL
       SELECT ${COLUMNS}, 'return' AS role
         FROM shipment s WHERE s.return_of IN (SELECT id FROM outbound) AND s.id NOT IN (SELECT id FROM outbound)
       ORDER BY created_at, id`;
}

/** The statements, exported for the plan checks in the specs. */
export const ORDER_BY_TOKEN = orderSql('tracking_token = $1');
export const ORDER_BY_ID = orderSql('id = $1');

/** One IN over both indexed sources: `s.id IN (parcels) OR s.tracking_number = $1` scans every shipment. */
export const BY_TRACKING_NUMBER = `SELECT s.id, s.ship_to->>'postalCode' AS postal_code, s.ship_to->>'country' AS country
   FROM shipment s
  WHERE s.id IN (SELECT p.shipment_id FROM shipment_parcel p WHERE p.tracking_number = $1
                 UNION ALL SELECT x.id FROM shipment x WHERE x.tracking_number = $1)
  ORDER BY s.created_at DESC, s.id LIMIT 10`;
