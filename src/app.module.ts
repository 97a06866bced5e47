import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module';
import { CarriersModule } from './carriers/carriers.module';
import { Clock } from './platform/clock/clock';
import { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { CustomersModule } from './customers/customers.module';
import type { DataFiles } from './data-files';
import { DataFilesModule } from './data-files.module';
import { DatabaseModule } from './platform/database/database.module';
import { JobsModule } from './platform/jobs/jobs.module';
import { LoggingModule } from './platform/logging/logging.module';
import { PlatformModule } from './platform/platform.module';
import { PublicTrackingModule } from './public-tracking/public-tracking.module';
import { ReturnsModule } from './returns/returns.module';
import { RateLimitModule } from './platform/rate-limit/rate-limit.module';
import { RatingModule } from './rating/rating.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { LandedCostModule } from './landed-cost/landed-cost.module';
import { TariffsModule } from './tariffs/tariffs.module';
import { TrackingModule } from './tracking/tracking.module';
import { WarehouseModule } from './warehouse/warehouse.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The whole service. Rooms are listed from the bottom (platform) up. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, data: DataFiles, clock: Clock = new Clock()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, clock),
        DataFilesModule.forRoot(data),
        LoggingModule,
        DatabaseModule,
        JobsModule,
        PlatformModule,
        RateLimitModule,
        AuthModule,
        TariffsModule,
        LandedCostModule,
        CarriersModule,
        CustomersModule,
        RatingModule,
        ShipmentsModule,
        WebhooksModule,
        TrackingModule,
        ReturnsModule,
        PublicTrackingModule,
        WarehouseModule,
      ],
    };
  }
}
