import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { CarrierCatalog } from '../carriers/carrier-catalog';
import { AppError, type ErrorDetail } from '../platform/errors/app-error';
import { newId } from '../platform/ids/new-id';
import { ReferenceData } from '../tariffs/reference-data';
import type { PricingRule } from './pricing-rule';
import type { PricingRuleDto, PricingRuleView } from './pricing-rule.dto';
import { PricingRuleEntity } from './pricing-rule.entity';

const CUSTOMER_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Negotiated pricing rules per B2B customer (admin API) and their lookup for quotes. */
@Injectable()
export class PricingRulesService {
  constructor(
    @InjectRepository(PricingRuleEntity) private readonly repo: Repository<PricingRuleEntity>,
    private readonly dataSource: DataSource,
    private readonly catalog: CarrierCatalog,
    private readonly reference: ReferenceData,
  ) {}

  /** The customer's rules for pricing (one indexed query). */
  async rulesFor(customerId: string): Promise<PricingRule[]> {
    const rows = await this.repo.find({ where: { customerId } });
    return rows.map(toRule);
  }

  async list(customerId: string): Promise<PricingRuleView[]> {
    checkCustomerId(customerId);
    const rows = await this.repo.find({ where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toView);
  }

  async get(customerId: string, id: string): Promise<PricingRuleView> {
    checkCustomerId(customerId);
    return toView(await this.find(customerId, id));
  }

  async create(customerId: string, dto: PricingRuleDto): Promise<PricingRuleView> {
    checkCustomerId(customerId);
    this.throwIfInvalid(this.check(dto, ''));
    const entity = this.repo.create({ id: newId('prr'), customerId, ...columns(dto) });
    await this.save(() => this.repo.insert(entity), dto);
    return toView(await this.find(customerId, entity.id));
  }

  async update(customerId: string, id: string, dto: PricingRuleDto): Promise<PricingRuleView> {
    checkCustomerId(customerId);
    await this.find(customerId, id);
    this.throwIfInvalid(this.check(dto, ''));
    await this.save(() => this.repo.update({ id, customerId }, { ...columns(dto), updatedAt: new Date() }), dto);
    return toView(await this.find(customerId, id));
  }

  /** Replaces all of a customer's rules at once, in one transaction: all or nothing. */
  async replaceAll(customerId: string, dtos: PricingRuleDto[]): Promise<PricingRuleView[]> {
    checkCustomerId(customerId);
    const problems = dtos.flatMap((dto, i) => this.check(dto, `rules[${i}]`));
    const scopes = new Map<string, number>();
    dtos.forEach((dto, i) => {
      const scope = `${dto.carrier ?? '*'}/${dto.service ?? '*'}`;
      if (scopes.has(scope)) problems.push({ path: `rules[${i}]`, message: `same carrier and service as rules[${scopes.get(scope)}]` });
      scopes.set(scope, i);
    });
    this.throwIfInvalid(problems);
    await this.dataSource.transaction(async (em) => {
      await em.delete(PricingRuleEntity, { customerId });
      // Ids carry increasing times so that the list keeps the order given (the rows share one created_at).
      const at = Date.now();
      if (dtos.length) await em.insert(PricingRuleEntity, dtos.map((dto, i) => em.create(PricingRuleEntity, { id: newId('prr', at + i), customerId, ...columns(dto) })));
    });
    return this.list(customerId);
  }

  async remove(customerId: string, id: string): Promise<void> {
    checkCustomerId(customerId);
    const result = await this.repo.delete({ id, customerId });
    if (!result.affected) throw new AppError(404, 'PRICING_RULE_NOT_FOUND', `customer ${customerId} has no pricing rule ${id}`);
  }

  private async find(customerId: string, id: string): Promise<PricingRuleEntity> {
    const row = await this.repo.findOne({ where: { id, customerId } });
    if (!row) throw new AppError(404, 'PRICING_RULE_NOT_FOUND', `customer ${customerId} has no pricing rule ${id}`);
    return row;
  }

  private async save(write: () => Promise<unknown>, dto: PricingRuleDto): Promise<void> {
    try {
      await write();
    } catch (e) {
      if (e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505') {
        throw new AppError(409, 'PRICING_RULE_EXISTS', `the customer already has a rule for ${dto.service ? `${dto.carrier} ${dto.service}` : (dto.carrier ?? 'all carriers')}; change that rule instead`);
      }
      throw e;
    }
  }

  /** What the DTO decorators cannot check: exactly one size, known carrier, service and currency. */
  private check(dto: PricingRuleDto, base: string): ErrorDetail[] {
    const at = (field: string) => (base ? `${base}.${field}` : field);
    const problems: ErrorDetail[] = [];
    if ((dto.percent === undefined) === (dto.amount === undefined)) problems.push({ path: at('percent'), message: 'give exactly one of percent and amount' });
    if (dto.type === 'discount' && dto.percent !== undefined && dto.percent > 100) problems.push({ path: at('percent'), message: 'a discount cannot exceed 100%' });
    if (dto.amount && !this.reference.currencies.has(dto.amount.currency)) problems.push({ path: at('amount.currency'), message: `"${dto.amount.currency}" is not a known currency code` });
    if (dto.service !== undefined && dto.carrier === undefined) problems.push({ path: at('service'), message: 'name the carrier of the service' });
    if (dto.carrier !== undefined) {
      const carrier = this.catalog.get(dto.carrier);
      if (!carrier) problems.push({ path: at('carrier'), message: `unknown carrier "${dto.carrier}"` });
      else if (dto.service !== undefined && !carrier.services.some((s) => s.code === dto.service)) {
        problems.push({ path: at('service'), message: `${dto.carrier} has no service "${dto.service}"; it has ${carrier.services.map((s) => s.code).join(', ')}` });
      }
    }
    return problems;
  }

  private throwIfInvalid(problems: ErrorDetail[]): void {
    if (problems.length) throw AppError.validation(problems, `The request is invalid: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  }
}

function checkCustomerId(customerId: string): void {
  if (!CUSTOMER_ID.test(customerId)) throw AppError.validation([{ path: 'customerId', message: 'must be 1 to 100 letters, digits, dots, underscores or dashes' }]);
}

function columns(dto: PricingRuleDto): Pick<PricingRuleEntity, 'carrier' | 'service' | 'type' | 'percent' | 'amount' | 'currency' | 'description'> {
  return {
    carrier: dto.carrier ?? null,
    service: dto.service ?? null,
    type: dto.type,
    percent: dto.percent !== undefined ? String(dto.percent) : null,
    amount: dto.amount?.amount ?? null,
    currency: dto.amount?.currency ?? null,
    description: dto.description ?? null,
  };
}

function toRule(e: PricingRuleEntity): PricingRule {
  return {
    id: e.id,
    customerId: e.customerId,
    carrier: e.carrier,
    service: e.service,
    type: e.type,
    percent: e.percent !== null ? Number(e.percent) : null,
    amount: e.amount !== null && e.currency !== null ? { amount: trimAmount(e.amount), currency: e.currency } : null,
    description: e.description,
  };
}

function toView(e: PricingRuleEntity): PricingRuleView {
  const { id, customerId, carrier, service, type, percent, amount, description } = toRule(e);
  return { id, customerId, carrier, service, type, percent, amount, description, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString() };
}

/** `5.0000` (numeric(14,4)) back to `5.00`: at least two decimals, no trailing zeros beyond. */
function trimAmount(s: string): string {
  const [int, frac = ''] = s.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${int}.${trimmed.padEnd(2, '0')}`;
}
