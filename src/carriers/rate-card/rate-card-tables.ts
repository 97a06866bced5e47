import type { PostcodeAreaMap } from './postcode-areas';
import type { WeightBand } from './weight-rate-table';

export interface TransitDays {
  minDays: number;
  maxDays: number;
}

/** A remote or extended area, as listed in remote-areas.csv. */
export interface RemoteArea {
  name: string;
}

/** Reserved zone code: destinations mapped to it are explicitly not served (e.g. islands outside the customs union). */
export const NOT_SERVED_ZONE = 'NOT_SERVED';

/**
 * A rate-card carrier's CSV tables, read and cross-checked once at boot into lookup structures so that
 * rating a shipment reads no file and scans no list longer than one zone's weight bands.
 */
export interface RateCardTables {
  /** Destination country (and postcode range) to zone code. */
  zones: PostcodeAreaMap<string>;
  /** Rate table name, then zone, to weight bands sorted by `maxKg`. */
  rates: Map<string, Map<string, WeightBand[]>>;
  /** Pallet table name, then zone, then pallet type to price per pallet. */
  palletRates: Map<string, Map<string, Map<string, number>>>;
  /** Service, then zone, to transit business days. */
  transit: Map<string, Map<string, TransitDays>>;
  /** Service, then `ORIGIN>DEST`, to transit business days (services with `transitFrom: lanes`). */
  lanes: Map<string, Map<string, TransitDays>>;
  remoteAreas: PostcodeAreaMap<RemoteArea>;
}

export function laneKey(origin: string, destination: string): string {
  return `${origin}>${destination}`;
}
