import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { RequireScopes } from '../auth/auth.decorators';
import { AppError } from '../platform/errors/app-error';
import { ReferenceData } from './reference-data';

export class HsSearchQuery {
  @ApiProperty({ example: 'cotton t-shirt', description: 'Words or the start of a code' })
  @IsString()
  @Length(1, 200)
  q!: string;

  @ApiPropertyOptional({ default: 10, minimum: 1, maximum: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

class HsHitView {
  @ApiProperty({ example: '610910' }) code!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: [2, 4, 6] }) level!: number;
  @ApiProperty() score!: number;
}

class HsEntryView {
  @ApiProperty({ example: '610910' }) code!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: [2, 4, 6] }) level!: number;
  @ApiProperty({ nullable: true, type: String }) parent!: string | null;
  @ApiProperty({ example: 'XI' }) section!: string;
  @ApiProperty({ description: 'Chapter and heading above this code' }) ancestors!: { code: string; description: string }[];
  @ApiProperty() children!: { code: string; description: string }[];
}

@ApiTags('Reference data')
@Controller('v1/tariffs/hs')
export class TariffsController {
  constructor(private readonly data: ReferenceData) {}

  @Get()
  @RequireScopes()
  @ApiOkResponse({ type: HsHitView, isArray: true })
  search(@Query() query: HsSearchQuery): { data: HsHitView[] } {
    return { data: this.data.hs.search(query.q, query.limit ?? 10) };
  }

  @Get(':code')
  @RequireScopes()
  @ApiOkResponse({ type: HsEntryView })
  get(@Param('code') code: string): HsEntryView {
    const digits = code.replace(/[.\s]/g, '');
    if (!/^\d{2}(\d{2})?(\d{2})?(\d{2})?(\d{2})?$/.test(digits)) {
      throw AppError.validation([{ path: 'code', message: 'must be 2, 4, 6, 8 or 10 digits' }]);
    }
    const hs = this.data.hs;
    const entry = hs.get(digits.length > 6 ? digits.slice(0, 6) : digits);
    if (!entry) {
      const suggestions = hs.suggest(digits);
      throw new AppError(
        404,
        'HS_CODE_NOT_FOUND',
        `HS code ${digits} is not in the HS 2022 nomenclature`,
        suggestions.map((s) => ({ path: 'code', message: `did you mean ${s.code} (${s.description})?` })),
      );
    }
    return {
      code: entry.code,
      description: entry.description,
      level: entry.level,
      parent: entry.parent,
      section: entry.section,
      ancestors: hs
        .ancestry(entry.code)
        .slice(0, -1)
        .map((e) => ({ code: e.code, description: e.description })),
      children: hs.childrenOf(entry.code).map((e) => ({ code: e.code, description: e.description })),
    };
  }
}
