import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PrintStation {
  id: string;
  name: string;
  printerHost: string | null;
  printerPort: number;
  labelFormat: 'pdf' | 'zpl';
  labelSize: '4x6' | 'a6' | 'a4';
  labelDpi: 203 | 300;
  /** IANA zone of the desk; undefined: each shipment's origin zone decides what "today" is. */
  timeZone?: string;
}

interface StationRow {
  id: string;
  name: string;
  printer_host: string | null;
  printer_port: number;
  label_format: 'pdf' | 'zpl';
  label_size: '4x6' | 'a6' | 'a4';
  label_dpi: number;
  time_zone: string | null;
}

/** Print stations (a desk with a label printer) by name; each keeps its own printer address and label settings. */
@Injectable()
export class PrintStationStore {
  constructor(private readonly db: DataSource) {}

  async findOrCreate(id: string, name: string): Promise<PrintStation> {
    await this.db.query(`INSERT INTO print_station (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`, [id, name]);
    return (await this.get(id))!;
  }

  async get(id: string): Promise<PrintStation | undefined> {
    const [row]: StationRow[] = await this.db.query(`SELECT * FROM print_station WHERE id = $1`, [id]);
    return row && toStation(row);
  }

  async update(id: string, s: Omit<PrintStation, 'id'>): Promise<void> {
    await this.db.query(
      `UPDATE print_station SET name = $2, printer_host = $3, printer_port = $4, label_format = $5, label_size = $6, label_dpi = $7, time_zone = $8, updated_at = now() WHERE id = $1`,
      [id, s.name, s.printerHost, s.printerPort, s.labelFormat, s.labelSize, s.labelDpi, s.timeZone ?? null],
    );
  }
}

function toStation(r: StationRow): PrintStation {
  return {
    id: r.id,
    name: r.name,
    printerHost: r.printer_host,
    printerPort: r.printer_port,
    labelFormat: r.label_format,
    labelSize: r.label_size,
    labelDpi: r.label_dpi === 300 ? 300 : 203,
    ...(r.time_zone && { timeZone: r.time_zone }),
  };
}
