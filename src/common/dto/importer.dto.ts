import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { OptionalNestedList, Required } from './decorators';

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
    @Required()
    @IsIn(['consumer', 'business'])
    type!: 'consumer' | 'business';

    @ApiPropertyOptional({ type: taxId, isArray: true })
    @OptionalNestedList(() => taxId, 10)
    taxIds?: T[];
  }
  return Importer;
}
