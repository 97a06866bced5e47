import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DerivedStatus } from './domain/status-derivation';
import type { TrackerRow } from './tracking.store';

/** A tracker's derived status changed (inside the transaction that changed it). */
export interface StatusChange {
  tracker: TrackerRow;
  previous: { status: string; substatus: string | null; actionRequired: boolean };
  current: DerivedStatus;
  /** The event the new status comes from. */
  statusEvent: { id: string; description: string; occurredAt: string; city: string | null; country: string | null } | null;
}

export type StatusChangeListener = (tx: EntityManager, change: StatusChange) => Promise<void>;

/**
 * Lets rooms that sit beside tracking (returns) react to status changes without tracking importing
 * them: they register a listener, which runs inside the ingestion's transaction, so their own state
 * changes (and webhook events) commit or roll back with the tracking change.
 */
@Injectable()
export class TrackingListeners {
  private readonly listeners: StatusChangeListener[] = [];

  onStatusChange(listener: StatusChangeListener): void {
    this.listeners.push(listener);
  }

  async emit(tx: EntityManager, change: StatusChange): Promise<void> {
    for (const l of this.listeners) await l(tx, change);
  }
}
