import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators';
import { Clock } from '../platform/clock/clock';
import { LandedCostRequestDto } from './landed-cost.dto';
import { toLandedCostInput } from './landed-cost.mapper';
import { LandedCostService } from './landed-cost.service';
import type { LandedCostResult } from './landed-cost.types';
import { LandedCostResultView } from './landed-cost.view';

@ApiTags('Landed cost')
@Controller('v1/landed-cost')
export class LandedCostController {
  constructor(
    private readonly service: LandedCostService,
    private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireScopes('quotes')
  @ApiOperation({ summary: 'Duties, taxes and fees for goods to a destination, explained line by line' })
  @ApiOkResponse({ type: LandedCostResultView })
  @ApiBadRequestResponse({ description: 'Every problem listed with its path (unknown HS codes come with suggestions)' })
  estimate(@Body() body: LandedCostRequestDto): LandedCostResult {
    return this.service.estimate(toLandedCostInput(body, this.clock.nowDateTime('UTC').toISODate()!));
  }
}
