import type { TableSize } from './bench-database';
import type { BenchReport } from './bench-report';

/** Tracking events a parcel collects in its life (label to delivery, 8-15 for a cross-border parcel). */
export const EVENTS_PER_PARCEL = 10;

/** Tables whose rows are written once per booked shipment, and what each holds. */
const PER_SHIPMENT = ['shipment', 'shipment_parcel', 'shipment_document', 'idempotency_key', 'rate_card_booking'];
const PER_TRACKER = ['tracker', 'tracking_edd'];

function bytesPer(tables: TableSize[], names: string[], per: number): number | undefined {
  if (!per) return undefined;
  const found = tables.filter((t) => names.includes(t.table));
  if (!found.length) return undefined;
  return found.reduce((a, t) => a + t.totalBytes, 0) / per;
}

const rows = (tables: TableSize[], name: string) => tables.find((t) => t.table === name)?.rows ?? 0;

/**
 * What the figures of one run mean for capacity: instances per 1,000 checkouts per second (one quote
 * per checkout, at the quote rate measured with 32 connections), and database bytes per parcel from
 * the tables the run filled (table + indexes + TOAST, divided by their rows). Small tables carry page
 * overhead, so per-row figures from a few hundred rows are upper bounds.
 */
export function computeSizing(report: BenchReport): void {
  const sizing = report.sizing;
  const tables = report.storage.tables;
  const assumptions: string[] = [];
  const quotes = report.scenarios.find((s) => s.id === 'quotes');
  if (quotes && quotes.rps > 0) {
    sizing.quotesPerSecondPerInstance = Math.round(quotes.rps);
    sizing.instancesPer1000CheckoutsPerSecond = Math.ceil(1000 / quotes.rps);
    assumptions.push(
      'one checkout = one POST /v1/quotes (5 items, 2 parcels, all rate-card carriers); measured rate: one Node process on 2 cores shared with PostgreSQL and the load generator',
    );
    const cpu = quotes.cpuMsPerRequest;
    if (cpu.service) {
      // A Node process does its JavaScript on one core; run it at 70 % so that p99 stays low.
      sizing.quoteServiceCpuMs = Math.round(cpu.service * 100) / 100;
      sizing.processesPer1000CheckoutsPerSecondAt70PercentCpu = Math.ceil(cpu.service / 0.7);
      assumptions.push('processes per 1,000 checkouts/s from service CPU per quote: 1,000 x CPU ms / (1,000 ms x 0.7 of one core)');
    }
    if (cpu.database) {
      sizing.quoteDatabaseCpuMs = Math.round(cpu.database * 100) / 100;
      sizing.databaseCoresPer1000CheckoutsPerSecond = Math.round((cpu.database / 0.7) * 10) / 10;
    }
  }
  const shipments = rows(tables, 'shipment');
  const parcels = rows(tables, 'shipment_parcel') || shipments;
  const trackers = rows(tables, 'tracker');
  const events = rows(tables, 'tracking_event');
  const perShipment = bytesPer(tables, PER_SHIPMENT, shipments);
  const perTracker = bytesPer(tables, PER_TRACKER, trackers);
  const perEvent = bytesPer(tables, ['tracking_event'], events);
  const perQuote = bytesPer(tables, ['quote'], rows(tables, 'quote'));
  const perMillion: Record<string, number> = {};
  if (perShipment !== undefined) {
    sizing.bytesPerShipment = Math.round(perShipment);
    sizing.parcelsPerShipmentInRun = Math.round((parcels / shipments) * 100) / 100;
    // A parcel here is a one-parcel shipment: the shipment row, its parcel, documents and booking records.
    perMillion.shipmentsGb = (perShipment * (shipments / parcels) * 1e6) / 1e9;
  }
  if (perTracker !== undefined) {
    sizing.bytesPerTracker = Math.round(perTracker);
    perMillion.trackersGb = (perTracker * 1e6) / 1e9;
  }
  if (perEvent !== undefined) {
    sizing.bytesPerTrackingEvent = Math.round(perEvent);
    perMillion.trackingEventsGb = (perEvent * EVENTS_PER_PARCEL * 1e6) / 1e9;
    assumptions.push(`${EVENTS_PER_PARCEL} tracking events per parcel`);
  }
  if (perQuote !== undefined) {
    sizing.bytesPerQuote = Math.round(perQuote);
    perMillion.quotesGbPerMillionQuotes = (perQuote * 1e6) / 1e9;
  }
  const parts = ['shipmentsGb', 'trackersGb', 'trackingEventsGb'].filter((k) => perMillion[k] !== undefined);
  if (parts.length) {
    perMillion.totalGb = parts.reduce((a, k) => a + perMillion[k], 0);
    sizing.databaseGbPerMillionParcels = Math.round(perMillion.totalGb * 100) / 100;
    if (parts.length < 3) assumptions.push(`per-parcel total counts only ${parts.join(', ')} (the other tables were empty in this run)`);
  }
  for (const k of Object.keys(perMillion)) perMillion[k] = Math.round(perMillion[k] * 1000) / 1000;
  report.storage.perMillionParcels = perMillion;
  report.storage.assumptions = assumptions;
}
