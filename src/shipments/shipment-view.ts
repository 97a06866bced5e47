import { CurrencyTable, toMoney } from '../money/money';
import type { ShipmentView } from './dto/shipment-view.dto';
import type { ShipmentWithStatus } from './shipment.store';

/** The API's view of a stored shipment: links are absolute under the public base URL. */
export function shipmentView(s: ShipmentWithStatus, baseUrl: string, currencies: CurrencyTable): ShipmentView {
  const self = `${baseUrl}/v1/shipments/${s.id}`;
  const money = (amount: string) => toMoney(amount, s.currency, currencies);
  const other: 'pdf' | 'zpl' = s.labelFormat === 'pdf' ? 'zpl' : 'pdf';
  const link = (format: 'pdf' | 'zpl') =>
    format === 'pdf' ? { format, size: s.labelSize, url: `${self}/label?format=pdf&size=${s.labelSize}` } : { format, dpi: s.labelDpi, url: `${self}/label?format=zpl&dpi=${s.labelDpi}` };
  return {
    id: s.id,
    status: s.publicStatus,
    direction: s.direction,
    carrier: s.carrier,
    service: s.service,
    serviceName: s.serviceName,
    reference: s.reference,
    trackingNumber: s.trackingNumber,
    parcels: s.parcels.map((p) => ({
      trackingNumber: p.trackingNumber,
      weight: { value: p.weightKg, unit: 'kg' as const },
      ...(p.lengthCm !== undefined && { dimensions: { length: p.lengthCm, width: p.widthCm!, height: p.heightCm!, unit: 'cm' as const } }),
    })),
    // The requested format first; the other is converted on request.
    labels: [link(s.labelFormat), link(other)],
    documents: s.customs.documents.map((type) => ({ type, format: 'pdf', url: `${self}/documents/${type}` })),
    trackingUrl: `${baseUrl}/t/${s.trackingToken}`,
    charges: {
      total: money(s.total),
      lines: s.charges.map((c) => ({ type: c.type, code: c.code, ...(c.description && { description: c.description }), amount: money(c.amount) })),
    },
    dutiesAndTaxes: s.dutiesAndTaxes ?? null,
    incoterm: s.incoterm,
    customs: { crossesBorder: s.customs.crossesBorder, documents: s.customs.documents, reason: s.customs.reason, mode: s.customs.mode, reasons: s.customs.reasons },
    shipDate: s.shipDate,
    shipFrom: { ...s.shipFrom },
    shipTo: { ...s.shipTo },
    quoteId: s.quoteId,
    optionId: s.optionId,
    batchId: s.batchId,
    returnOf: s.returnOf,
    createdAt: s.createdAt.toISOString(),
    printedAt: s.printedAt?.toISOString() ?? null,
    handedOverAt: s.handedOverAt?.toISOString() ?? null,
    cancelledAt: s.cancelledAt?.toISOString() ?? null,
  };
}
