import { parseCsvText } from '../platform/data-files/csv-file';
import type { RawTrackingEvent } from './domain/event-normalisation';
import type { Problem } from './domain/event-normalisation';

/**
 * A carrier event file: one event per row, grouped into parcels by `trackingNumber`.
 * Columns: trackingNumber, occurredAt (required); eventId, code, status, substatus, reason,
 * description, utcOffset, occurredAtUtc, city, region, postalCode, country (optional). Lines starting
 * with `#` are comments.
 */
const ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['trackingNumber', 'occurredAt'],
  properties: {
    trackingNumber: { type: 'string', pattern: '^[A-Za-z0-9 -]{4,64}$' },
    occurredAt: { type: 'string', maxLength: 64 },
    eventId: { type: 'string', maxLength: 128 },
    code: { type: 'string', maxLength: 64 },
    status: { type: 'string', maxLength: 30 },
    substatus: { type: 'string', maxLength: 60 },
    reason: { type: 'string', maxLength: 60 },
    description: { type: 'string', maxLength: 500 },
    utcOffset: { type: 'string', maxLength: 6 },
    occurredAtUtc: { type: 'string', maxLength: 64 },
    city: { type: 'string', maxLength: 100 },
    region: { type: 'string', maxLength: 100 },
    postalCode: { type: 'string', maxLength: 20 },
    country: { type: 'string', pattern: '^[A-Za-z]{2}$' },
  },
};

export interface CsvParcel {
  trackingNumber: string;
  events: RawTrackingEvent[];
  /** File line of each event, for problem paths. */
  lines: number[];
}

export const MAX_CSV_ROWS = 20_000;

export function parseTrackingCsv(text: string): { parcels: CsvParcel[]; rows: number; problems: Problem[] } {
  const csv = parseCsvText<Record<string, string>>(text, 'upload', ROW);
  const problems: Problem[] = csv.problems.map((p) => ({ path: `line ${p.line ?? 1}${p.field ? `.${p.field}` : ''}`, message: p.message }));
  if (!csv.rows.length && !problems.length) problems.push({ path: 'body', message: 'the file has no event rows (a header row and one row per event are needed)' });
  if (csv.rows.length > MAX_CSV_ROWS) problems.push({ path: 'body', message: `at most ${MAX_CSV_ROWS} rows per upload` });
  const byNumber = new Map<string, CsvParcel>();
  for (const { line, record: r } of csv.rows) {
    const trackingNumber = r.trackingNumber.replace(/\s+/g, '').toUpperCase();
    const parcel = byNumber.get(trackingNumber) ?? { trackingNumber, events: [], lines: [] };
    parcel.events.push({
      eventId: r.eventId,
      code: r.code,
      status: r.status,
      substatus: r.substatus,
      reason: r.reason,
      description: r.description,
      occurredAt: r.occurredAt,
      utcOffset: r.utcOffset,
      occurredAtUtc: r.occurredAtUtc,
      location: r.city || r.region || r.postalCode || r.country ? { city: r.city, region: r.region, postalCode: r.postalCode, country: r.country } : undefined,
    });
    parcel.lines.push(line);
    byNumber.set(trackingNumber, parcel);
  }
  return { parcels: [...byNumber.values()], rows: csv.rows.length, problems };
}
