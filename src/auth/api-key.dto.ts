import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsIn, IsString, Length, Matches } from 'class-validator';
import { Required } from '../common/dto/decorators';
import { SCOPES, type Scope } from './scopes';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'checkout-eu', maxLength: 100 })
  @Required()
  @IsString()
  @Length(1, 100)
  @Matches(/^[^\u0000-\u001f]*$/, { message: 'must not contain control characters' })
  name!: string;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['quotes'] })
  @Required()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(SCOPES, { each: true, message: `each scope must be one of ${SCOPES.join(', ')}` })
  scopes!: Scope[];
}

export class ApiKeyView {
  @ApiProperty({ example: 'key_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'First characters of the key, to recognise it' }) prefix!: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes!: Scope[];
  @ApiProperty() source!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastUsedAt!: string | null;
}

export class CreatedApiKeyView extends ApiKeyView {
  @ApiProperty({ description: 'The key itself. Shown only in this response; store it now.' })
  key!: string;
}
