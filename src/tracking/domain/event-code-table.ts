import type { EventClassification, TrackingReason, TrackingStatus } from './tracking-status';

export interface EventCodeRow {
  code: string;
  status: TrackingStatus;
  /** Full `status.detail` form. */
  substatus?: string;
  reason?: TrackingReason;
  actionRequired: boolean;
  /** The carrier's own wording of the code, used when an event arrives without a description. */
  description?: string;
}

/**
 * One carrier's event codes mapped to the unified model (`carriers/<id>/events.csv`). Codes are matched
 * exactly first, then case-insensitively, because carriers are not consistent about case.
 */
export class EventCodeTable {
  private readonly exact = new Map<string, EventCodeRow>();
  private readonly folded = new Map<string, EventCodeRow>();

  constructor(
    readonly carrier: string,
    rows: EventCodeRow[],
    /** Where the table came from (the file's `#` header), for diagnostics. */
    readonly source: string[] = [],
  ) {
    for (const row of rows) {
      this.exact.set(row.code, row);
      this.folded.set(row.code.toUpperCase(), row);
    }
  }

  get size(): number {
    return this.exact.size;
  }

  lookup(code: string): EventCodeRow | undefined {
    return this.exact.get(code) ?? this.folded.get(code.toUpperCase());
  }

  classify(code: string): EventClassification | undefined {
    const row = this.lookup(code);
    if (!row) return undefined;
    return { status: row.status, substatus: row.substatus, reason: row.reason, actionRequired: row.actionRequired };
  }
}

/** Every carrier's event-code table, by carrier id. */
export class EventCodeTables {
  private readonly byCarrier: ReadonlyMap<string, EventCodeTable>;

  constructor(tables: EventCodeTable[]) {
    this.byCarrier = new Map(tables.map((t) => [t.carrier, t]));
  }

  get(carrier: string): EventCodeTable | undefined {
    return this.byCarrier.get(carrier);
  }

  carriers(): string[] {
    return [...this.byCarrier.keys()];
  }
}
