import { createHash } from 'node:crypto';
import { normalisePlace } from './time-zone-table';

export interface FingerprintInput {
  carrier: string;
  trackingNumber: string;
  /** The carrier's event id when it sends one: it identifies the event on its own. */
  carrierEventId?: string;
  /** Raw carrier code, or the unified `status`/`substatus` when the sender gave no code. */
  code: string;
  /** UTC instant when known, else the local wall time (`YYYY-MM-DDTHH:mm:ss`). */
  utc: Date | null;
  local: string;
  location?: { city?: string; country?: string };
}

/**
 * The key that makes two reports of one scan the same event: the carrier's event id when there is
 * one, else a SHA-256 of carrier, number, code, the minute it happened and the place. The text is
 * deliberately left out, so a reworded or translated description updates the event instead of
 * adding one; seconds are left out because carriers round them differently between channels.
 */
export function eventDedupeKey(e: FingerprintInput): string {
  if (e.carrierEventId) {
    const id = e.carrierEventId.trim();
    // Long ids are hashed so the key always fits its column.
    return id.length <= 76 ? `e:${id}` : `e:${createHash('sha256').update(id).digest('hex').slice(0, 76)}`;
  }
  const minute = e.utc ? `u${e.utc.toISOString().slice(0, 16)}` : `l${e.local.slice(0, 16)}`;
  const place = `${normalisePlace(e.location?.city ?? '')}|${(e.location?.country ?? '').toUpperCase()}`;
  const material = [e.carrier, e.trackingNumber.toUpperCase(), e.code.toUpperCase(), minute, place].join('\u001f');
  return `f:${createHash('sha256').update(material).digest('hex')}`;
}
