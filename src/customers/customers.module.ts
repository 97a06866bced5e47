import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PricingRuleEntity } from './pricing-rule.entity';
import { PricingRulesController } from './pricing-rules.controller';
import { PricingRulesService } from './pricing-rules.service';

/** B2B customers' negotiated pricing rules (admin API) for the rating engine. */
@Module({
  imports: [TypeOrmModule.forFeature([PricingRuleEntity])],
  controllers: [PricingRulesController],
  providers: [PricingRulesService],
  exports: [PricingRulesService],
})
export class CustomersModule {}
