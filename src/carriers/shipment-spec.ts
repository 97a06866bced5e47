import type { Money } from '../money/money';

/**
 * What the rating engine, the landed-cost engine and carrier adapters know about a shipment,
 * normalised (kg, cm, ISO codes) from the API's request shapes.
 */
export interface AddressSpec {
  country: string;
  postalCode?: string;
  city?: string;
  region?: string;
  residential?: boolean;
  name?: string;
  company?: string;
  street1?: string;
  street2?: string;
  street3?: string;
  phone?: string;
  email?: string;
  taxIds?: TaxId[];
}

export interface TaxId {
  /** `eori`, `vat`, `ioss`, `ein`, `gst`, `abn`, `rfc`, `cpf`, `cnpj`, ... */
  type: string;
  value: string;
  country?: string;
}

export interface ParcelSpec {
  weightKg: number;
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
  /** A pallet rather than a parcel (freight services). */
  pallet?: boolean;
  reference?: string;
}

export interface ItemSpec {
  sku?: string;
  description: string;
  hsCode: string;
  originCountry: string;
  quantity: number;
  unitValue: Money;
  unitWeightKg?: number;
  preferenceClaimed?: boolean;
}

export interface DangerousGoodSpec {
  unNumber: string;
  class: string;
  packingGroup?: 'I' | 'II' | 'III';
  /** e.g. PI965 to PI970 for lithium batteries. */
  packingInstruction?: string;
  /** Section of a lithium packing instruction: `IA`, `IB`, `I` or `II`. */
  section?: string;
  quantity?: number;
}

export interface HandlingSpec {
  dangerousGoods: DangerousGoodSpec[];
  dryIceKg: number;
  temperature?: { minC: number; maxC: number };
  fragile: boolean;
  signature?: 'standard' | 'adult';
  insurance?: Money;
}

export type Incoterm = 'DDP' | 'DAP';

export interface ImporterSpec {
  type: 'consumer' | 'business';
  taxIds: TaxId[];
}

export interface ShipmentSpec {
  shipFrom: AddressSpec;
  shipTo: AddressSpec;
  parcels: ParcelSpec[];
  items: ItemSpec[];
  handling: HandlingSpec;
  incoterm: Incoterm;
  /** ISO date (yyyy-mm-dd) in the origin's time zone. */
  shipDate: string;
  importer?: ImporterSpec;
}

export const EMPTY_HANDLING: HandlingSpec = Object.freeze({ dangerousGoods: [], dryIceKg: 0, fragile: false }) as HandlingSpec;
