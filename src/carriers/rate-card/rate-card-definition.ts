import type { Money } from '../../money/money';
import type { CarrierDefinition, ServiceDefinition, TrackingNumberFormat } from '../carrier-definition';

/**
 * The `carrier.yaml` of a carrier priced from tables (adapter `rate-card`), as validated by
 * `RATE_CARD_SCHEMA`. The format is documented for operations staff in `carriers/README.md`.
 */
export interface RateCardCarrier extends CarrierDefinition {
  adapter: 'rate-card';
  /** CSV files in the carrier's folder (loaded into `tables` at boot, see `RateCardTables`). */
  files: RateCardTableFiles;
  /** Fuel surcharge percentages by the day they take effect (carriers change them monthly or weekly). */
  fuel?: { from: string; percent: number }[];
  palletTypes?: PalletType[];
  surcharges?: SurchargeRule[];
  services: RateCardService[];
}

/** Names of the CSV files, relative to the carrier's folder. */
export interface RateCardTableFiles {
  zones: string;
  rates?: string;
  transit?: string;
  remoteAreas?: string;
  lanes?: string;
  palletRates?: string;
}

export interface RateCardService extends ServiceDefinition {
  description?: string;
  /** The carrier scans the parcel at every step (untracked economy services rank lower for best value). */
  tracked: boolean;
  /** Overrides the carrier's format (postal operators use one S10 service indicator per product). */
  trackingNumber?: TrackingNumberFormat;
  pricing: ServicePricing;
  limits: ServiceLimits;
  accepts?: ServiceAccepts;
  /** Where transit days come from: the transit table by zone (default) or the lanes table. */
  transitFrom?: 'zones' | 'lanes';
}

export type ServicePricing =
  | {
      method: 'weight';
      /** `shipment`: the consignment's total chargeable weight is priced once; `parcel`: each parcel on its own. */
      basis: 'shipment' | 'parcel';
      /** Name of the rate table in rates.csv. */
      table: string;
      /** cm³ per kg for dimensional weight (5000 for express, 3000 for road freight); absent = actual weight only. */
      dimensionalDivisor?: number;
      /** Lowest weight a consignment or parcel is charged for. */
      minimumChargeableKg?: number;
    }
  | {
      method: 'pallet';
      /** Name of the table in pallet-rates.csv. */
      table: string;
    };

export interface ServiceLimits {
  maxParcels?: number;
  /** Actual weight of one parcel or pallet. */
  maxParcelWeightKg: number;
  maxShipmentWeightKg?: number;
  /** Longest, middle and shortest side, compared with the parcel's sides sorted the same way. */
  maxDimensionsCm?: [number, number, number];
  /** Length (longest side) plus girth (2 × (width + height)). */
  maxLengthPlusGirthCm?: number;
  /** Length plus width plus height (small postal packets). */
  maxSumOfSidesCm?: number;
  /** Largest declared value of the goods (sum of the items). */
  maxValue?: Money;
}

export interface ServiceAccepts {
  /** Pallets instead of parcels (`pallet` pricing always takes pallets, and only pallets). */
  pallets?: boolean;
  /** Each dangerous good must match one rule; absent or empty = no dangerous goods. */
  dangerousGoods?: DangerousGoodsRule[];
  dryIce?: { maxKgPerParcel: number };
  signature?: ('standard' | 'adult')[];
  insurance?: { maxValue: Money };
  /** Temperature-controlled packaging on offer; the declared range must contain one of them. */
  temperature?: TemperatureRange[];
}

/** A kind of dangerous goods a service takes. Every field given must match; absent fields match anything. */
export interface DangerousGoodsRule {
  name: string;
  unNumbers?: string[];
  classes?: string[];
  packingInstructions?: string[];
  sections?: string[];
  packingGroups?: string[];
  /** Largest `quantity` per entry (e.g. cells or batteries per package). */
  maxQuantity?: number;
}

export interface TemperatureRange {
  code: string;
  name: string;
  minC: number;
  maxC: number;
}

export interface PalletType {
  code: string;
  name: string;
  maxWeightKg: number;
  maxDimensionsCm: [number, number, number];
}

/** When a surcharge applies. Exactly one condition per rule. */
export type SurchargeCondition =
  | { always: true }
  | { remoteArea: true }
  | { residential: true }
  | { fragile: true }
  | { dryIce: true }
  | { insurance: true }
  | { signature: 'standard' | 'adult' | 'any' }
  | { dangerousGoods: DangerousGoodsCategory | { unNumbers: string[] } }
  | { temperatureRange: string }
  | { longestSideOverCm: number }
  | { parcelWeightOverKg: number }
  | { lengthPlusGirthOverCm: number };

/**
 * `lithium-section-ii`: lithium cells or batteries (UN3090/3091/3480/3481) under section II of their
 * packing instruction; `fully-regulated`: every other dangerous good; `any`: both.
 */
export type DangerousGoodsCategory = 'any' | 'fully-regulated' | 'lithium-section-ii';

/** How much a surcharge is: a fixed amount per unit, or a percentage of a base. */
export type SurchargeCharge =
  | { amount: number; per: 'shipment' | 'parcel' | 'kg' | 'dry-ice-kg'; minimum?: number; maximum?: number }
  | { percent: number; of: 'base' | 'insured-value'; minimum?: number; maximum?: number };

export interface SurchargeRule {
  code: string;
  name: string;
  when: SurchargeCondition;
  charge: SurchargeCharge;
  /** The fuel percentage is also charged on this surcharge. */
  fuel?: boolean;
  /** Only these services (all when absent). */
  services?: string[];
}
