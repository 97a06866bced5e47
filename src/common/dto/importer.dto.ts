import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';

/**
 * Who imports the goods: a consumer or a business, with the tax ids customs should see. The tax id
 * class is the API's own (their formats are checked differently per API):
 *
 * @example
 * export class ImporterDto extends ImporterFields(TaxIdDto) {}
 */
export function ImporterFields<T extends object>(taxId: new () => T) {
  class Importer {
    @ApiProperty({ enum: ['consumer', 'business'] })
    @IsIn(['consumer', 'business'])
    type!: 'consumer' | 'business';

    @ApiPropertyOptional({ type: taxId, isArray: true })
    @IsOptional()
    @IsArray()
    @ArrayMaxSize(10)
    @ValidateNested({ each: true })
    @Type(() => taxId)
    taxIds?: T[];
  }
  return Importer;
}
