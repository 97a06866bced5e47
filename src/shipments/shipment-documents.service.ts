import { Injectable } from '@nestjs/common';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import type { AddressSpec } from '../carriers/shipment-spec';
import { LabelConverter, mergePdfs } from '../documents/conversion/label-converter';
import { renderCommercialInvoicePdf } from '../documents/customs/commercial-invoice-pdf.renderer';
import type { CustomsDeclaration, CustomsParty } from '../documents/customs/customs-declaration';
import { renderCn22Pdf, renderCn23Pdf } from '../documents/customs/postal-declaration-pdf.renderer';
import { renderLabelsPdf } from '../documents/labels/label-pdf.renderer';
import { renderLabelsZpl } from '../documents/labels/label-zpl.renderer';
import type { LabelAddress, LabelData, LabelSize, ZplDpi } from '../documents/labels/label.types';
import { toMoney } from '../money/money';
import { AppError } from '../platform/errors/app-error';
import { ReferenceData } from '../tariffs/reference-data';
import { handlingMarks } from './domain/shipment-spec.mapper';
import type { ShipmentRecord } from './shipment.record';
import { ShipmentStore } from './shipment.store';

export interface RenderedFile {
  contentType: string;
  data: Buffer;
  filename: string;
}

export interface LabelRequest {
  format: 'pdf' | 'zpl';
  size: LabelSize;
  dpi: ZplDpi;
}

/**
 * Labels and customs papers of stored shipments. Rate-card carriers' labels are rendered from the
 * shipment on every request (the same bytes each time, nothing stored); API carriers' labels are
 * the carrier's own, converted when another format or size is asked for.
 */
@Injectable()
export class ShipmentDocumentsService {
  constructor(
    private readonly catalog: CarrierCatalog,
    private readonly reference: ReferenceData,
    private readonly store: ShipmentStore,
    private readonly converter: LabelConverter,
  ) {}

  /** One document with the labels of every parcel, in parcel order. */
  async label(s: ShipmentRecord, request: LabelRequest): Promise<RenderedFile> {
    const data = (await this.labels([s], request))[0];
    return { ...data, filename: `${s.id}-label.${request.format}` };
  }

  /** Labels of many shipments merged into one PDF or one ZPL stream (batch and station printing). */
  async mergedLabels(shipments: ShipmentRecord[], request: LabelRequest): Promise<RenderedFile> {
    const parts = await this.labels(shipments, request);
    if (request.format === 'zpl') return { contentType: 'text/plain; charset=utf-8', data: Buffer.from(parts.map((p) => p.data.toString('utf8')).join('\n')), filename: 'labels.zpl' };
    return { contentType: 'application/pdf', data: await mergePdfs(parts.map((p) => p.data)), filename: 'labels.pdf' };
  }

  private async labels(shipments: ShipmentRecord[], request: LabelRequest): Promise<{ contentType: string; data: Buffer }[]> {
    const out: { contentType: string; data: Buffer }[] = [];
    // Consecutive shipments whose labels we render go into one document: one pdfkit run, not one per shipment.
    let pending: LabelData[] = [];
    const flush = async () => {
      if (!pending.length) return;
      out.push(await this.renderOwn(pending, request));
      pending = [];
    };
    for (const s of shipments) {
      if (s.parcels.some((p) => p.carrierLabelFormat)) {
        await flush();
        out.push(await this.carrierLabels(s, request));
      } else {
        pending.push(...this.labelData(s));
      }
    }
    await flush();
    return out;
  }

  private async renderOwn(labels: LabelData[], request: LabelRequest): Promise<{ contentType: string; data: Buffer }> {
    if (request.format === 'zpl') return { contentType: 'text/plain; charset=utf-8', data: Buffer.from(renderLabelsZpl(labels, request.dpi), 'utf8') };
    return { contentType: 'application/pdf', data: await renderLabelsPdf(labels, request.size) };
  }

  private async carrierLabels(s: ShipmentRecord, request: LabelRequest): Promise<{ contentType: string; data: Buffer }> {
    const stored = await this.store.carrierLabels(s.id);
    const converted = [];
    for (const label of stored) {
      if (!label) throw new AppError(500, 'LABEL_MISSING', `a parcel of ${s.id} has no carrier label`);
      converted.push(await this.converter.convert(label, request));
    }
    if (request.format === 'zpl') return { contentType: 'text/plain; charset=utf-8', data: Buffer.from(converted.map((c) => c.data.toString('utf8')).join('\n')) };
    return { contentType: 'application/pdf', data: await mergePdfs(converted.map((c) => c.data)) };
  }

  /** What is printed on each parcel's label. */
  labelData(s: ShipmentRecord): LabelData[] {
    const carrier = this.catalog.get(s.carrier);
    return s.parcels.map((p) => ({
      carrierName: carrier?.name ?? s.carrier,
      serviceName: s.serviceName,
      trackingNumber: p.trackingNumber,
      shipFrom: this.labelAddress(s.shipFrom),
      shipTo: this.labelAddress(s.shipTo),
      weightKg: p.weightKg,
      piece: { index: p.index + 1, count: s.parcels.length },
      shipDate: s.shipDate,
      reference: s.reference ?? undefined,
      routingCode: s.zone ?? undefined,
      marks: handlingMarks(s.handling, s.incoterm),
      isReturn: s.direction === 'return',
    }));
  }

  /** A customs document of the shipment, if its route needs one. */
  async document(s: ShipmentRecord, type: string): Promise<RenderedFile> {
    const carrierDoc = s.carrierDocuments.includes(type) ? await this.store.carrierDocument(s.id, type) : undefined;
    if (carrierDoc) return { contentType: 'application/pdf', data: carrierDoc.data, filename: `${s.id}-${type}.pdf` };
    if (!(s.customs.documents as string[]).includes(type)) {
      const has = [...s.customs.documents, ...s.carrierDocuments];
      throw new AppError(404, 'NOT_FOUND', `Shipment ${s.id} has no ${type}${has.length ? `; it has ${has.join(', ')}` : ' (it crosses no customs border)'}`);
    }
    const declaration = this.declaration(s);
    const currencies = this.reference.currencies;
    const data =
      type === 'commercial_invoice'
        ? await renderCommercialInvoicePdf(declaration, currencies)
        : type === 'cn22'
          ? await renderCn22Pdf(declaration, currencies)
          : await renderCn23Pdf(declaration, currencies);
    return { contentType: 'application/pdf', data, filename: `${s.id}-${type}.pdf` };
  }

  declaration(s: ShipmentRecord): CustomsDeclaration {
    const carrier = this.catalog.get(s.carrier);
    const currency = s.items[0]?.unitValue.currency ?? s.currency;
    const importerIds = [...(s.shipTo.taxIds ?? []), ...(s.importer?.taxIds ?? [])];
    return {
      number: s.id,
      date: s.shipDate,
      exporter: this.party(s.shipFrom, s.shipFrom.taxIds ?? []),
      importer: this.party(s.shipTo, dedupeIds(importerIds)),
      incoterm: s.incoterm,
      reason: s.customs.reason,
      currency,
      items: s.items.map((i) => ({ ...i })),
      // The freight is on the invoice when it is in the goods' currency (CIF valuation adds it).
      ...(s.currency === currency && { shipping: toMoney(s.total, currency, this.reference.currencies) }),
      carrierName: carrier?.name ?? s.carrier,
      serviceName: s.serviceName,
      trackingNumbers: s.parcels.map((p) => p.trackingNumber),
      parcelCount: s.parcels.length,
      grossWeightKg: s.parcels.reduce((a, p) => a + p.weightKg, 0),
      reference: s.reference ?? undefined,
      signatory: s.customs.signatory,
    };
  }

  private countryName(code: string): string | undefined {
    return this.reference.countries.get(code)?.name;
  }

  private labelAddress(a: AddressSpec): LabelAddress {
    return { ...a, countryName: this.countryName(a.country) };
  }

  private party(a: AddressSpec, taxIds: { type: string; value: string }[]): CustomsParty {
    return { ...a, countryName: this.countryName(a.country), taxIds: taxIds.map((t) => ({ type: t.type, value: t.value })) };
  }
}

function dedupeIds(ids: { type: string; value: string }[]): { type: string; value: string }[] {
  const seen = new Set<string>();
  return ids.filter((t) => {
    const k = `${t.type}:${t.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
