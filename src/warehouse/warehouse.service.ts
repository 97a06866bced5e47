import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../platform/clock/clock';
import { AppError } from '../platform/errors/app-error';
import { BatchService } from '../shipments/batches/batch.service';
import { RenderedFile, ShipmentDocumentsService } from '../shipments/shipment-documents.service';
import { ShipmentStore, ShipmentWithStatus } from '../shipments/shipment.store';
import { ShipmentsService } from '../shipments/shipments.service';
import { TrackingIngestionService } from '../tracking/tracking-ingestion.service';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { NetworkPrinter } from './network-printer';
import type { PrintStation } from './print-station.store';
import { PrinterTargets } from './printer-targets';
import { stationToday } from './station-day';

/**
 * What a print station does: find shipments by what is scanned or typed, print their labels (a PDF for
 * the browser, or ZPL straight to the station's network printer), and hand parcels to the carrier,
 * which starts their tracking timeline with a warehouse scan.
 */
@Injectable()
export class WarehouseService {
  private readonly logger = new Logger(WarehouseService.name);

  constructor(
    private readonly store: ShipmentStore,
    private readonly shipments: ShipmentsService,
    private readonly documents: ShipmentDocumentsService,
    private readonly batches: BatchService,
    private readonly tracking: TrackingIngestionService,
    private readonly printer: NetworkPrinter,
    private readonly printers: PrinterTargets,
    private readonly carriers: CarrierCatalog,
    private readonly clock: Clock,
  ) {}

  /**
   * A scanned tracking barcode, a shipment id or an order reference. Scanners may send the 2D code's
   * record (`PW1|<tracking number>|...`): its tracking number is used.
   */
  search(input: string): Promise<ShipmentWithStatus[]> {
    let code = input.trim();
    if (code.startsWith('PW1|')) code = code.split('|')[1] ?? '';
    code = code.replace(/\s+/g, code.startsWith('shp_') ? '' : ' ');
    if (!code || code.length > 100) return Promise.resolve([]);
    const compact = code.replace(/\s+/g, '');
    return this.store.findByCode(/^[A-Za-z0-9]+$/.test(compact) && compact !== code ? compact : code);
  }

  /** Booked shipments not yet printed whose ship date has come, in the station's zone (else each shipment's origin zone). */
  today(station: PrintStation): Promise<ShipmentWithStatus[]> {
    return this.store.unprinted(stationToday(this.clock.now(), this.carriers.all(), station.timeZone));
  }

  async shipment(id: string): Promise<ShipmentWithStatus> {
    const s = /^shp_[0-9a-z]{26}$/.test(id) ? await this.store.findById(id) : undefined;
    if (!s) throw AppError.notFound(`Shipment ${id}`);
    return s;
  }

  private async printable(ids: string[]): Promise<ShipmentWithStatus[]> {
    const unique = [...new Set(ids)].filter((id) => /^shp_[0-9a-z]{26}$/.test(id)).slice(0, 500);
    const found = new Map((await this.store.findByIds(unique)).map((s) => [s.id, s]));
    const shipments = unique.map((id) => found.get(id)).filter((s): s is ShipmentWithStatus => !!s && s.status === 'booked');
    if (!shipments.length) throw new AppError(409, 'NOTHING_TO_PRINT', 'None of the chosen shipments can be printed');
    return shipments;
  }

  /** Labels of the shipments as one PDF in the station's paper size; marks them printed. */
  async pdf(ids: string[], station: PrintStation): Promise<RenderedFile> {
    const shipments = await this.printable(ids);
    const file = await this.documents.mergedLabels(shipments, { format: 'pdf', size: station.labelSize, dpi: station.labelDpi });
    await this.store.markPrinted(shipments.map((s) => s.id), this.clock.now());
    return file;
  }

  /** Sends the labels as ZPL to the station's printer; marks them printed once the printer took the job. */
  async sendToPrinter(ids: string[], station: PrintStation): Promise<number> {
    if (!station.printerHost) throw new AppError(409, 'NO_PRINTER', 'This station has no network printer; set one in the station settings');
    // Checked at every job, not only when saved: the allow-list may have shrunk since.
    const address = await this.printers.resolve(station.printerHost, station.printerPort);
    const shipments = await this.printable(ids);
    const file = await this.documents.mergedLabels(shipments, { format: 'zpl', size: '4x6', dpi: station.labelDpi });
    try {
      await this.printer.send(address, station.printerPort, file.data);
    } catch (e) {
      this.logger.warn(`print job for station ${station.id} failed: ${(e as Error).message}`);
      throw new AppError(502, 'PRINTER_UNREACHABLE', `The printer ${station.printerHost}:${station.printerPort} did not take the job`);
    }
    await this.store.markPrinted(shipments.map((s) => s.id), this.clock.now());
    return shipments.reduce((a, s) => a + s.parcels.length, 0);
  }

  async batchShipmentIds(batchId: string): Promise<string[]> {
    const batch = await this.batches.get(batchId);
    return batch.items.filter((i) => i.status === 'booked' && i.shipment).map((i) => i.shipment!.id);
  }

  /**
   * The carrier took the parcels: one `handed_to_carrier` warehouse scan per parcel in the tracking
   * timeline, and the shipment can no longer be voided (ShipmentsService.handOver, in one transaction).
   */
  async handOver(ids: string[], recordedBy: string): Promise<number> {
    let count = 0;
    for (const id of [...new Set(ids)]) {
      const s = await this.shipment(id);
      if (s.handedOverAt) continue;
      const at = this.clock.now();
      const requests = s.parcels.map((p) => ({
        carrier: s.carrier,
        trackingNumber: p.trackingNumber,
        source: 'scan' as const,
        shipmentId: s.id,
        events: [
          {
            eventId: `handover:${s.id}:${p.trackingNumber}`,
            code: 'scan.handed_to_carrier',
            status: 'in_transit',
            substatus: 'picked_up',
            description: 'Handed to the carrier',
            occurredAt: at.toISOString(),
            location: { city: s.shipFrom.city, postalCode: s.shipFrom.postalCode, country: s.shipFrom.country },
          },
        ],
      }));
      const prepared = requests.map((r) => this.tracking.prepare(r));
      await this.shipments.handOver(s.id, at, async (tx) => {
        for (let i = 0; i < requests.length; i++) await this.tracking.ingestPrepared(tx, requests[i], prepared[i]);
      });
      this.logger.log(`${s.id} handed to ${s.carrier} (recorded by key ${recordedBy})`);
      count++;
    }
    return count;
  }
}
