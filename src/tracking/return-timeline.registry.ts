import { Injectable } from '@nestjs/common';

/** A customer return as the shipment's timeline shows it (see the returns room). */
export interface ReturnSummary {
  id: string;
  rma: string;
  status: string;
  reason: string;
  shipmentId: string | null;
  trackingNumber: string | null;
  carrier: string | null;
  createdAt: string;
  /** State changes of the return (requested, label issued, ...), oldest first. */
  events: { status: string; description: string; occurredAt: string }[];
}

export type ReturnSummarySource = (originalShipmentId: string) => Promise<ReturnSummary[]>;

/**
 * How the returns room adds its returns to a shipment's timeline without tracking importing it:
 * it registers a source at start-up.
 */
@Injectable()
export class ReturnTimelineRegistry {
  private source?: ReturnSummarySource;

  register(source: ReturnSummarySource): void {
    this.source = source;
  }

  summariesFor(shipmentId: string): Promise<ReturnSummary[]> {
    return this.source ? this.source(shipmentId) : Promise.resolve([]);
  }
}
