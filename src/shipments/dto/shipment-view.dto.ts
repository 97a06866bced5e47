import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MoneyView {
  @ApiProperty({ example: '45.20' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

export class ChargeLineView {
  @ApiProperty({ enum: ['base', 'fuel', 'surcharge', 'markup', 'discount', 'tax'] }) type!: string;
  @ApiProperty() code!: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: MoneyView }) amount!: MoneyView;
}

export class ChargesView {
  @ApiProperty({ type: MoneyView }) total!: MoneyView;
  @ApiProperty({ type: [ChargeLineView] }) lines!: ChargeLineView[];
}

export class ParcelView {
  @ApiProperty({ example: 'CX000000019DE' }) trackingNumber!: string;
  @ApiProperty({ example: { value: 2.5, unit: 'kg' } }) weight!: { value: number; unit: 'kg' };
  @ApiPropertyOptional({ example: { length: 30, width: 20, height: 15, unit: 'cm' } }) dimensions?: { length: number; width: number; height: number; unit: 'cm' };
}

export class LabelLinkView {
  @ApiProperty({ enum: ['pdf', 'zpl'] }) format!: 'pdf' | 'zpl';
  @ApiPropertyOptional({ enum: ['4x6', 'a6', 'a4'] }) size?: string;
  @ApiPropertyOptional({ enum: [203, 300] }) dpi?: number;
  @ApiProperty({ example: 'https://host/v1/shipments/shp_.../label?format=pdf' }) url!: string;
}

export class DocumentLinkView {
  @ApiProperty({ enum: ['commercial_invoice', 'cn22', 'cn23'] }) type!: string;
  @ApiProperty({ enum: ['pdf'] }) format!: string;
  @ApiProperty() url!: string;
}

export class CustomsView {
  @ApiProperty({ description: 'The parcel leaves one customs (or fiscal) territory for another' }) crossesBorder!: boolean;
  @ApiProperty({ type: [String], example: ['commercial_invoice'] }) documents!: string[];
  @ApiProperty({ enum: ['sale', 'gift', 'sample', 'documents', 'return', 'repair', 'other'] }) reason!: string;
  @ApiProperty({ enum: ['postal', 'courier'] }) mode!: string;
  @ApiProperty({ type: [String] }) reasons!: string[];
}

export class ShipmentView {
  @ApiProperty({ example: 'shp_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty({ example: 'booked', description: 'booked, cancelled, or the tracking status once the carrier scanned the parcel' }) status!: string;
  @ApiProperty({ enum: ['outbound', 'return'] }) direction!: string;
  @ApiProperty() carrier!: string;
  @ApiProperty() service!: string;
  @ApiProperty() serviceName!: string;
  @ApiProperty({ nullable: true, type: String }) reference!: string | null;
  @ApiProperty() trackingNumber!: string;
  @ApiProperty({ type: [ParcelView] }) parcels!: ParcelView[];
  @ApiProperty({ type: [LabelLinkView] }) labels!: LabelLinkView[];
  @ApiProperty({ type: [DocumentLinkView] }) documents!: DocumentLinkView[];
  @ApiProperty({ example: 'https://host/t/3q2-...', description: 'Public tracking page (random 192-bit token)' }) trackingUrl!: string;
  @ApiProperty({ type: ChargesView }) charges!: ChargesView;
  @ApiProperty({ nullable: true, description: 'Duties and taxes as quoted (quote bookings); null otherwise' }) dutiesAndTaxes!: unknown;
  @ApiProperty({ enum: ['DDP', 'DAP'] }) incoterm!: string;
  @ApiProperty({ type: CustomsView }) customs!: CustomsView;
  @ApiProperty({ example: '2026-11-27' }) shipDate!: string;
  @ApiProperty() shipFrom!: Record<string, unknown>;
  @ApiProperty() shipTo!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) quoteId!: string | null;
  @ApiProperty({ nullable: true, type: String }) optionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) batchId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'For a return: the outbound shipment it returns' }) returnOf!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) printedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) handedOverAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelledAt!: string | null;
}

export class ShipmentListView {
  @ApiProperty({ type: [ShipmentView] }) data!: ShipmentView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor!: string | null;
}
