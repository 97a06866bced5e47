import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { PricingRuleDto, PricingRuleView, ReplacePricingRulesDto } from './pricing-rule.dto';
import { PricingRulesService } from './pricing-rules.service';

/** Negotiated prices of B2B customers: markups or discounts applied when a quote names `customerId`. */
@ApiTags('Customers')
@Controller('v1/customers/:customerId/pricing-rules')
export class PricingRulesController {
  constructor(private readonly rules: PricingRulesService) {}

  @Get()
  @RequireScopes('admin')
  @ApiOkResponse({ type: PricingRuleView, isArray: true })
  async list(@Param('customerId') customerId: string): Promise<{ data: PricingRuleView[] }> {
    return { data: await this.rules.list(customerId) };
  }

  @Post()
  @RequireScopes('admin')
  @ApiCreatedResponse({ type: PricingRuleView })
  create(@Param('customerId') customerId: string, @Body() body: PricingRuleDto): Promise<PricingRuleView> {
    return this.rules.create(customerId, body);
  }

  /** Replaces the customer's whole rule set atomically (the usual way to load a new price agreement). */
  @Put()
  @RequireScopes('admin')
  @ApiOkResponse({ type: PricingRuleView, isArray: true })
  async replaceAll(@Param('customerId') customerId: string, @Body() body: ReplacePricingRulesDto): Promise<{ data: PricingRuleView[] }> {
    return { data: await this.rules.replaceAll(customerId, body.rules) };
  }

  @Get(':ruleId')
  @RequireScopes('admin')
  @ApiOkResponse({ type: PricingRuleView })
  get(@Param('customerId') customerId: string, @Param('ruleId') ruleId: string): Promise<PricingRuleView> {
    return this.rules.get(customerId, ruleId);
  }

  @Put(':ruleId')
  @RequireScopes('admin')
  @ApiOkResponse({ type: PricingRuleView })
  update(@Param('customerId') customerId: string, @Param('ruleId') ruleId: string, @Body() body: PricingRuleDto): Promise<PricingRuleView> {
    return this.rules.update(customerId, ruleId, body);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  @RequireScopes('admin')
  async remove(@Param('customerId') customerId: string, @Param('ruleId') ruleId: string): Promise<void> {
    await this.rules.remove(customerId, ruleId);
  }
}
