/** One parcel line of an end-of-day manifest. */
export interface ManifestLine {
  shipmentId: string;
  reference?: string;
  service: string;
  trackingNumber: string;
  piece: { index: number; count: number };
  weightKg: number;
  dimensionsCm?: { length: number; width: number; height: number };
  recipient: string;
  city?: string;
  postalCode?: string;
  country: string;
  customsDocuments: string[];
}

/** What a carrier's driver signs for at the end of the day. */
export interface ManifestData {
  id: string;
  carrierId: string;
  carrierName: string;
  shipDate: string;
  createdAt: string;
  shipper: { name?: string; company?: string; street1?: string; city?: string; postalCode?: string; country: string };
  lines: ManifestLine[];
}

export function manifestTotals(m: ManifestData): { shipments: number; parcels: number; weightKg: number } {
  return {
    shipments: new Set(m.lines.map((l) => l.shipmentId)).size,
    parcels: m.lines.length,
    weightKg: Math.round(m.lines.reduce((a, l) => a + l.weightKg, 0) * 1000) / 1000,
  };
}
