/** Paper a PDF label is printed on: 4x6 in thermal stock, A6, or A4 office paper. */
export type LabelSize = '4x6' | 'a6' | 'a4';
export type LabelFormat = 'pdf' | 'zpl';
/** Print head resolutions of the thermal printers we write ZPL II for. */
export type ZplDpi = 203 | 300;

export const LABEL_SIZES: readonly LabelSize[] = ['4x6', 'a6', 'a4'];
export const LABEL_FORMATS: readonly LabelFormat[] = ['pdf', 'zpl'];
export const ZPL_DPIS: readonly ZplDpi[] = [203, 300];

/** Page size in PDF points (1/72 in). */
export interface PageSize {
  width: number;
  height: number;
}

export const PAGE_SIZES: Readonly<Record<LabelSize, PageSize>> = {
  '4x6': { width: 288, height: 432 },
  // ISO 216: A6 is 105 x 148 mm, A4 210 x 297 mm.
  a6: { width: 297.64, height: 419.53 },
  a4: { width: 595.28, height: 841.89 },
};

/** The 4x6 in label area every layout is designed for; A6 fills its page, A4 carries it with cut marks. */
export const LABEL_AREA: PageSize = { width: 288, height: 432 };

export interface LabelAddress {
  name?: string;
  company?: string;
  street1?: string;
  street2?: string;
  street3?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** English country name, printed in capitals on the recipient block. */
  countryName?: string;
  phone?: string;
}

/**
 * Everything printed on one parcel's label. The service builds one per parcel; a shipment of three
 * parcels gives three of these, rendered into one document.
 */
export interface LabelData {
  carrierName: string;
  serviceName: string;
  trackingNumber: string;
  shipFrom: LabelAddress;
  shipTo: LabelAddress;
  weightKg: number;
  /** 1-based position of this parcel in the shipment and the number of parcels. */
  piece: { index: number; count: number };
  /** ISO date (yyyy-mm-dd). */
  shipDate: string;
  reference?: string;
  /** Zone or routing code from the rate, printed large for sorting. */
  routingCode?: string;
  /** Short handling marks: `FRAGILE`, `SIGNATURE`, `DG UN3481`, `DDP`, ... */
  marks?: string[];
  /** A return label (printed with a RETURN banner). */
  isReturn?: boolean;
  /** Text of the 2D code; defaults to a compact record of tracking number, destination and piece. */
  twoDimensionalData?: string;
}

/** A label the carrier produced itself (API carriers), kept as the bytes it sent. */
export interface CarrierLabel {
  format: 'pdf' | 'zpl' | 'png' | 'gif';
  data: Buffer;
}
