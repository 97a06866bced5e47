import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ShipmentsModule } from '../shipments/shipments.module';
import { TrackingModule } from '../tracking/tracking.module';
import { NetworkPrinter } from './network-printer';
import { PrintStationStore } from './print-station.store';
import { PrinterTargets } from './printer-targets';
import { WarehouseController } from './warehouse.controller';
import { WarehouseService } from './warehouse.service';
import { WarehouseSessionStore } from './warehouse-session.store';

/** The print station page at /warehouse, on top of shipments and tracking (hand-over scans). */
@Module({
  imports: [AuthModule, ShipmentsModule, TrackingModule],
  controllers: [WarehouseController],
  providers: [WarehouseService, WarehouseSessionStore, PrintStationStore, NetworkPrinter, PrinterTargets],
})
export class WarehouseModule {}
