import type { ChargeLine } from '../carriers/carrier-adapter';
import type { AddressSpec, HandlingSpec, ImporterSpec, ItemSpec } from '../carriers/shipment-spec';
import type { CustomsDocumentType } from '../documents/customs/customs-document-rules';
import type { ExportReason } from '../documents/customs/customs-declaration';

export type ShipmentDirection = 'outbound' | 'return';
export type StoredStatus = 'booked' | 'cancelled';

/** What booking decided about customs papers, kept with the shipment. */
export interface ShipmentCustoms {
  crossesBorder: boolean;
  documents: CustomsDocumentType[];
  reasons: string[];
  mode: 'postal' | 'courier';
  reason: ExportReason;
  signatory?: string;
}

export interface ParcelRecord {
  index: number;
  trackingNumber: string;
  weightKg: number;
  lengthCm?: number;
  widthCm?: number;
  heightCm?: number;
  /** Format of the label the carrier produced, when it did (API carriers). */
  carrierLabelFormat?: 'pdf' | 'zpl' | 'png' | 'gif';
}

/** A booked shipment as stored. */
export interface ShipmentRecord {
  id: string;
  status: StoredStatus;
  direction: ShipmentDirection;
  ownerKeyId: string | null;
  carrier: string;
  service: string;
  serviceName: string;
  reference: string | null;
  trackingNumber: string;
  /** Random token of the public tracking link `/t/<token>` (192 bits, not derived from anything). */
  trackingToken: string;
  carrierShipmentId: string | null;
  labelFormat: 'pdf' | 'zpl';
  labelSize: '4x6' | 'a6' | 'a4';
  labelDpi: 203 | 300;
  shipDate: string;
  shipFrom: AddressSpec;
  shipTo: AddressSpec;
  items: ItemSpec[];
  handling: HandlingSpec;
  incoterm: 'DDP' | 'DAP';
  importer: ImporterSpec | null;
  customs: ShipmentCustoms;
  zone: string | null;
  currency: string;
  charges: ChargeLine[];
  total: string;
  dutiesAndTaxes: unknown;
  quoteId: string | null;
  optionId: string | null;
  batchId: string | null;
  returnOf: string | null;
  printedAt: Date | null;
  printCount: number;
  handedOverAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
  parcels: ParcelRecord[];
  /** Types of documents the carrier supplied (stored as bytes). */
  carrierDocuments: string[];
  /**
   * The delivery window promised at booking (the quoted option's, or the re-rating's for a direct
   * booking). Set on the record handed to the booked listeners (tracking keeps it as the first
   * estimate of the delivery date); not stored with the shipment.
   */
  promisedDelivery?: { earliest: string; latest: string };
}
