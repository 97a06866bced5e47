import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AddressRules } from '../addresses/address-rules';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { CUSTOMS_FORM_RULES, type CustomsFormRules } from '../documents/customs/customs-rules';
import { ExchangeRateTable } from '../money/exchange-rates';
import { Clock } from '../platform/clock/clock';
import { AppError, type ErrorDetail } from '../platform/errors/app-error';
import { flattenValidationErrors } from '../platform/errors/validation-errors';
import { dtoCheckFor } from '../platform/http/compiled-dto-check';
import { findMisshapenNested } from '../platform/http/nested-shape';
import { validOutside } from '../platform/http/request-checks';
import { ReferenceData } from '../tariffs/reference-data';
import { checkQuoteRequest } from './quote-request.checks';
import { CreateQuoteDto } from './quote-request.dto';
import { originToday } from './delivery-window';

/** How far ahead a ship date may be: holiday and fuel tables are not kept further out. */
const MAX_DAYS_AHEAD = 60;

/**
 * Validates a quote request in one pass: the DTO's structure (whitelist, types, formats) and the
 * checks against reference data, so that one 400 lists every problem. The route declares its body
 * as `unknown` so that the global pipe leaves it to this one. A body the compiled check passes skips
 * class-validator (the checkout path's most frequent request is a valid one); any other body gets
 * class-validator's full list of problems.
 */
@Injectable()
export class QuoteRequestPipe implements PipeTransform<unknown, CreateQuoteDto> {
  constructor(
    private readonly reference: ReferenceData,
    private readonly addresses: AddressRules,
    private readonly fx: ExchangeRateTable,
    private readonly carriers: CarrierCatalog,
    private readonly clock: Clock,
    @Inject(CUSTOMS_FORM_RULES) private readonly customs: CustomsFormRules,
  ) {}

  transform(value: unknown): CreateQuoteDto {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw AppError.validation([{ path: '', message: 'body must be a JSON object' }]);
    }
    const dto = plainToInstance(CreateQuoteDto, value);
    // The DTO's rules compiled (see compileDtoCheck): a request they pass needs no class-validator run.
    const structural = dtoCheckFor(CreateQuoteDto)?.(dto) ? [] : structuralProblems(dto);
    const valid = validOutside(structural.map((d) => d.path));
    const origin = typeof dto.shipFrom?.country === 'string' ? dto.shipFrom.country : undefined;
    const today = originToday(this.clock.now(), this.zoneOf(origin));
    const problems: ErrorDetail[] = [
      ...structural,
      ...checkQuoteRequest(
        dto,
        { reference: this.reference, addresses: this.addresses, fx: this.fx, carriers: this.carriers, today, lastShipDate: addDays(today, MAX_DAYS_AHEAD), territories: this.customs.customsTerritories },
        valid,
      ),
    ];
    if (problems.length) {
      throw AppError.validation(problems, `The request is invalid: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
    }
    return dto;
  }

  /** The time zone of the first carrier picking up in the origin country (they share one per origin). */
  private zoneOf(country: string | undefined): string {
    return this.carriers.all().find((c) => country && c.origins.includes(country))?.timeZone ?? 'UTC';
  }
}

/** What class-validator finds wrong with the DTO's structure, and nested values that are not objects. */
function structuralProblems(dto: CreateQuoteDto): ErrorDetail[] {
  const structural = flattenValidationErrors(
    validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } }),
  );
  structural.push(...findMisshapenNested(dto).filter((p) => !structural.some((d) => d.path === p.path)));
  return structural;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
