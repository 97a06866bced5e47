import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { Required } from '../../common/dto/decorators';

export class CreateManifestDto {
  @ApiProperty({ example: 'deutsche-post' }) @Required() @IsString() @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'carrier must be a carrier id' }) carrier!: string;
  @ApiProperty({ example: '2026-11-27', description: 'Ship date of the parcels to hand over' }) @Required() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be an ISO date (yyyy-mm-dd)' }) date!: string;
}

export class ManifestDocumentQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'csv'], default: 'pdf' }) @IsOptional() @IsIn(['pdf', 'csv']) format?: 'pdf' | 'csv';
}

export class ManifestView {
  @ApiProperty({ example: 'man_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty() carrier!: string;
  @ApiProperty({ example: '2026-11-27' }) date!: string;
  @ApiProperty() shipments!: number;
  @ApiProperty() parcels!: number;
  @ApiProperty() totalWeight!: { value: number; unit: 'kg' };
  @ApiProperty({ type: [String] }) shipmentIds!: string[];
  @ApiProperty() documents!: { format: 'pdf' | 'csv'; url: string }[];
  @ApiProperty() createdAt!: string;
}
