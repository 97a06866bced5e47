import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CarrierCatalog } from '../../carriers/carrier-catalog';
import { renderManifestCsv } from '../../documents/manifests/manifest-csv';
import { renderManifestPdf } from '../../documents/manifests/manifest-pdf.renderer';
import type { ManifestData } from '../../documents/manifests/manifest.types';
import { Clock } from '../../platform/clock/clock';
import { AppConfig } from '../../platform/config/app-config';
import { AppError } from '../../platform/errors/app-error';
import { newId } from '../../platform/ids/new-id';
import type { RenderedFile } from '../shipment-documents.service';
import { ShipmentStore } from '../shipment.store';
import type { ManifestView } from './manifest.dto';

interface ManifestRow {
  id: string;
  carrier: string;
  ship_date: string;
  shipment_ids: string[];
  shipment_count: number;
  parcel_count: number;
  total_weight_kg: string;
  created_at: Date;
}

/**
 * End-of-day manifests: one per carrier and ship date covers every booked parcel not yet on a
 * manifest of that day; a later manifest the same day covers what was booked since. The list of
 * shipments is kept, so the document can be printed again exactly as handed over.
 */
@Injectable()
export class ManifestService {
  constructor(
    private readonly db: DataSource,
    private readonly store: ShipmentStore,
    private readonly catalog: CarrierCatalog,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(carrierId: string, date: string): Promise<ManifestView> {
    if (!this.catalog.has(carrierId)) throw AppError.validation([{ path: 'carrier', message: `unknown carrier "${carrierId}"` }]);
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw AppError.validation([{ path: 'date', message: 'not a calendar date' }]);
    const id = newId('man', this.clock.now().getTime());
    const row = await this.db.transaction(async (tx) => {
      // One manifest at a time per carrier and day, so no parcel lands on two.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`manifest:${carrierId}:${date}`]);
      const open: { id: string; parcels: number; weight: string }[] = await tx.query(
        `SELECT s.id, (SELECT count(*) FROM shipment_parcel p WHERE p.shipment_id = s.id)::int AS parcels,
                (SELECT coalesce(sum(p.weight_kg), 0) FROM shipment_parcel p WHERE p.shipment_id = s.id)::text AS weight
           FROM shipment s
          WHERE s.carrier = $1 AND s.ship_date = $2 AND s.status = 'booked'
            AND NOT EXISTS (SELECT 1 FROM manifest m WHERE m.carrier = $1 AND m.ship_date = $2 AND s.id = ANY (m.shipment_ids))
          ORDER BY s.id`,
        [carrierId, date],
      );
      if (!open.length) throw new AppError(409, 'NOTHING_TO_MANIFEST', `No booked ${carrierId} shipments for ${date} are waiting for a manifest`);
      const [inserted]: ManifestRow[] = await tx.query(
        `INSERT INTO manifest (id, carrier, ship_date, shipment_ids, shipment_count, parcel_count, total_weight_kg, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *, ship_date::text AS ship_date`,
        [id, carrierId, date, open.map((o) => o.id), open.length, open.reduce((a, o) => a + o.parcels, 0), open.reduce((a, o) => a + Number(o.weight), 0), this.clock.now()],
      );
      return inserted;
    });
    return this.view(row);
  }

  async get(id: string): Promise<ManifestView> {
    return this.view(await this.row(id));
  }

  async document(id: string, format: 'pdf' | 'csv'): Promise<RenderedFile> {
    const data = await this.data(await this.row(id));
    if (format === 'csv') return { contentType: 'text/csv; charset=utf-8', data: Buffer.from(renderManifestCsv(data), 'utf8'), filename: `${id}.csv` };
    return { contentType: 'application/pdf', data: await renderManifestPdf(data), filename: `${id}.pdf` };
  }

  private async row(id: string): Promise<ManifestRow> {
    const [row]: ManifestRow[] = await this.db.query(`SELECT *, ship_date::text AS ship_date FROM manifest WHERE id = $1`, [id]);
    if (!row) throw AppError.notFound(`Manifest ${id}`);
    return row;
  }

  private async data(row: ManifestRow): Promise<ManifestData> {
    const shipments = await this.store.findByIds(row.shipment_ids);
    const first = shipments[0];
    return {
      id: row.id,
      carrierId: row.carrier,
      carrierName: this.catalog.get(row.carrier)?.name ?? row.carrier,
      shipDate: row.ship_date,
      createdAt: row.created_at.toISOString(),
      shipper: first ? { ...first.shipFrom } : { country: '' },
      lines: shipments.flatMap((s) =>
        s.parcels.map((p) => ({
          shipmentId: s.id,
          reference: s.reference ?? undefined,
          service: s.serviceName,
          trackingNumber: p.trackingNumber,
          piece: { index: p.index + 1, count: s.parcels.length },
          weightKg: p.weightKg,
          ...(p.lengthCm !== undefined && { dimensionsCm: { length: p.lengthCm, width: p.widthCm!, height: p.heightCm! } }),
          recipient: s.shipTo.company ?? s.shipTo.name ?? '',
          city: s.shipTo.city,
          postalCode: s.shipTo.postalCode,
          country: s.shipTo.country,
          customsDocuments: s.customs.documents,
        })),
      ),
    };
  }

  private view(row: ManifestRow): ManifestView {
    const base = `${this.config.publicBaseUrl}/v1/manifests/${row.id}/document`;
    return {
      id: row.id,
      carrier: row.carrier,
      date: row.ship_date,
      shipments: row.shipment_count,
      parcels: row.parcel_count,
      totalWeight: { value: Number(row.total_weight_kg), unit: 'kg' },
      shipmentIds: row.shipment_ids,
      documents: [
        { format: 'pdf', url: `${base}?format=pdf` },
        { format: 'csv', url: `${base}?format=csv` },
      ],
      createdAt: row.created_at.toISOString(),
    };
  }
}
