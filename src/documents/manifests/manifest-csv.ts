import { ManifestData, manifestTotals } from './manifest.types';

const COLUMNS = [
  'manifest_id',
  'carrier',
  'ship_date',
  'shipment_id',
  'reference',
  'service',
  'tracking_number',
  'piece',
  'pieces',
  'weight_kg',
  'length_cm',
  'width_cm',
  'height_cm',
  'recipient',
  'city',
  'postal_code',
  'country',
  'customs_documents',
];

/**
 * The manifest as CSV (RFC 4180: comma separated, CRLF, fields quoted when needed), one row per
 * parcel. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.
 */
export function renderManifestCsv(m: ManifestData): string {
  const rows = m.lines.map((l) => [
    m.id,
    m.carrierId,
    m.shipDate,
    l.shipmentId,
    l.reference ?? '',
    l.service,
    l.trackingNumber,
    String(l.piece.index),
    String(l.piece.count),
    l.weightKg.toFixed(3),
    l.dimensionsCm ? String(l.dimensionsCm.length) : '',
    l.dimensionsCm ? String(l.dimensionsCm.width) : '',
    l.dimensionsCm ? String(l.dimensionsCm.height) : '',
    l.recipient,
    l.city ?? '',
    l.postalCode ?? '',
    l.country,
    l.customsDocuments.join(' '),
  ]);
  const totals = manifestTotals(m);
  const lines = [COLUMNS, ...rows].map((r) => r.map(cell).join(','));
  lines.push(`# totals: ${totals.shipments} shipments, ${totals.parcels} parcels, ${totals.weightKg.toFixed(3)} kg`);
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
