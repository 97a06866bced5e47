import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CarriersModule } from '../carriers/carriers.module';
import { CustomersModule } from '../customers/customers.module';
import { BusinessCalendar, WeekendTable } from './business-calendar';
import { PublicHolidays } from './public-holidays';
import { QuoteController } from './quote.controller';
import { QuotePurger } from './quote-purger';
import { QuoteEntity } from './quote.entity';
import { QuoteRepository } from './quote.repository';
import { QuoteRequestPipe } from './quote-request.pipe';
import { QuoteService } from './quote.service';

/**
 * Quotes: `POST /v1/quotes`, `GET /v1/quotes/:id`. Exports `QuoteService` for booking
 * (`resolveOption`, `rateService`) and `BusinessCalendar` for delivery dates elsewhere.
 */
@Module({
  imports: [TypeOrmModule.forFeature([QuoteEntity]), CarriersModule, CustomersModule],
  controllers: [QuoteController],
  providers: [
    QuoteService,
    QuoteRepository,
    QuotePurger,
    QuoteRequestPipe,
    PublicHolidays,
    { provide: BusinessCalendar, inject: [WeekendTable, PublicHolidays], useFactory: (w: WeekendTable, h: PublicHolidays) => new BusinessCalendar(w, h) },
  ],
  exports: [QuoteService, BusinessCalendar],
})
export class RatingModule {}
