import type { CarrierDefinition } from '../carrier-definition';

/** Our unified tracking statuses (DESIGN.md section 5). */
export const TRACKING_STATUSES = [
  'label_created',
  'in_transit',
  'customs',
  'out_for_delivery',
  'delivery_attempted',
  'available_for_pickup',
  'exception',
  'return_to_sender',
  'delivered',
  'cancelled',
  'unknown',
] as const;

export type TrackingStatus = (typeof TRACKING_STATUSES)[number];

export interface EventCodeMapping {
  code: string;
  status: TrackingStatus;
  substatus?: string;
  reason?: string;
  description: string;
}

/**
 * A carrier's tracking codes mapped to our unified statuses, loaded from the carrier folder's
 * `event-codes.csv`. `resolve` tries the given codes in order (most specific first, e.g. a UPS status
 * description code before its activity type) and falls back to `unknown`, keeping the raw code.
 */
export class EventCodeTable {
  private readonly byCode: ReadonlyMap<string, EventCodeMapping>;

  constructor(rows: { code: string; status: string; substatus?: string; reason?: string; description: string }[]) {
    this.byCode = new Map(rows.map((r) => [r.code.toUpperCase(), r as EventCodeMapping]));
  }

  get(code: string): EventCodeMapping | undefined {
    return this.byCode.get(code.toUpperCase());
  }

  resolve(...codes: (string | undefined)[]): { status: TrackingStatus; substatus?: string; reason?: string } {
    for (const code of codes) {
      if (!code) continue;
      const m = this.get(code);
      if (m) return { status: m.status, substatus: fullSubstatus(m.status, m.substatus), reason: m.reason };
    }
    return { status: 'unknown' };
  }

  get size(): number {
    return this.byCode.size;
  }
}

/** `duties_due` given status `customs` becomes `customs.duties_due` (the unified model's form). */
function fullSubstatus(status: string, substatus: string | undefined): string | undefined {
  if (!substatus) return undefined;
  return substatus.includes('.') ? substatus : `${status}.${substatus}`;
}

/** The event-code table the carrier's folder loaded (empty when the folder has none). */
export function eventCodes(carrier: CarrierDefinition): EventCodeTable {
  const table = carrier.tables.eventCodes;
  return table instanceof EventCodeTable ? table : new EventCodeTable([]);
}
