import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI description of the landed-cost answer (the values are LandedCostResult). */
class LandedCostMoneyView {
  @ApiProperty({ example: '12.50' }) amount!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
}

class LandedCostBaseView {
  @ApiProperty({ type: LandedCostMoneyView }) amount!: LandedCostMoneyView;
  @ApiProperty({ type: String, isArray: true, example: ['customs value 100.00', 'duty 12.00'] }) composition!: string[];
}

class LandedCostRangeView {
  @ApiProperty({ type: LandedCostMoneyView }) min!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) max!: LandedCostMoneyView;
  @ApiProperty({ example: 'highest' }) strategy!: string;
}

class LandedCostLineView {
  @ApiProperty({ nullable: true, type: Number, description: 'Index of the item, null for consignment-level lines' }) itemIndex!: number | null;
  @ApiProperty({ example: 'duty', description: 'duty, additional_duty, duty_surcharge, vat, gst, hst, igst, icms, fee, carrier_fee, ...' }) component!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ type: LandedCostBaseView }) base?: LandedCostBaseView;
  @ApiProperty({ example: '12% MIN 2.00 EUR / item' }) rate!: string;
  @ApiProperty({ type: LandedCostMoneyView }) amount!: LandedCostMoneyView;
  @ApiProperty({ example: 'eu-import-vat' }) ruleId!: string;
  @ApiProperty() source!: string;
  @ApiPropertyOptional({ type: LandedCostRangeView }) range?: LandedCostRangeView;
  @ApiPropertyOptional({ type: LandedCostMoneyView, description: 'In the customs currency, before conversion' }) customsAmount?: LandedCostMoneyView;
  @ApiPropertyOptional({ description: 'Collected by the seller at checkout, not at the border' }) collectedAtSale?: boolean;
  @ApiPropertyOptional({ enum: ['sender', 'recipient'], description: 'sender: in the checkout price (DDP, collected at sale, DDP fee); recipient: due on delivery (DAP)' }) payer?: string;
  @ApiPropertyOptional({ type: String, isArray: true }) notes?: string[];
}

class LandedCostGroupView {
  @ApiProperty({ type: LandedCostMoneyView }) total!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostLineView, isArray: true }) lines!: LandedCostLineView[];
}

class LandedCostDeMinimisView {
  @ApiProperty({ example: 'duty' }) kind!: string;
  @ApiProperty({ type: LandedCostMoneyView }) threshold!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) convertedThreshold!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) comparedValue!: LandedCostMoneyView;
  @ApiProperty({ example: 'intrinsic_value' }) basis!: string;
  @ApiProperty() exempt!: boolean;
  @ApiProperty() ruleId!: string;
  @ApiPropertyOptional({ example: '0.8531' }) exchangeRate?: string;
}

class LandedCostRuleUsedView {
  @ApiProperty() id!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ example: '2021-01-01' }) validFrom!: string;
}

class LandedCostRateUsedView {
  @ApiProperty({ example: 'USD' }) from!: string;
  @ApiProperty({ example: 'EUR' }) to!: string;
  @ApiProperty({ example: '0.8805142203' }) rate!: string;
  @ApiProperty({ example: '2025-04-25' }) date!: string;
  @ApiProperty() source!: string;
}

class LandedCostCustomsView {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: ['CIF', 'FOB'] }) valuationBasis!: string;
  @ApiProperty({ type: LandedCostMoneyView }) customsValue!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) duties!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) taxes!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) fees!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) total!: LandedCostMoneyView;
}

class LandedCostTotalRangeView {
  @ApiProperty({ type: LandedCostMoneyView }) min!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView }) max!: LandedCostMoneyView;
}

export class LandedCostResultView {
  @ApiProperty({ example: 'AUD' }) currency!: string;
  @ApiProperty({ type: LandedCostGroupView }) duties!: LandedCostGroupView;
  @ApiProperty({ type: LandedCostGroupView }) taxes!: LandedCostGroupView;
  @ApiProperty({ type: LandedCostGroupView }) fees!: LandedCostGroupView;
  @ApiProperty({ type: LandedCostMoneyView, description: 'Every line: duties, taxes (those collected at checkout included) and fees, whoever pays them' }) total!: LandedCostMoneyView;
  @ApiProperty({
    enum: ['sender', 'recipient'],
    description: 'Who pays what is charged at import: the sender with DDP, the recipient with DAP. Lines collected at checkout are the sender\'s whatever the incoterm (see dueOnDelivery)',
  })
  payer!: string;
  @ApiProperty({
    type: LandedCostMoneyView,
    description: 'What the recipient pays on delivery: the lines whose payer is the recipient (DAP), never tax collected at checkout. 0 with DDP, and 0 with DAP when the seller collected the tax and nothing else is charged at import',
  })
  dueOnDelivery!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostMoneyView, description: 'Tax the seller collects at checkout (the lines with collectedAtSale: IOSS, UK VAT, AU GST, VOEC, SG OVR); not due again on delivery' })
  collectedAtCheckout!: LandedCostMoneyView;
  @ApiProperty({ type: LandedCostDeMinimisView, isArray: true }) deMinimis!: LandedCostDeMinimisView[];
  @ApiProperty({ description: 'Tax is collected by the seller at checkout (a low-value regime with the seller registered)' }) collectedAtSale!: boolean;
  @ApiProperty({ enum: ['exact', 'estimated', 'range', 'unknown'] }) confidence!: string;
  @ApiPropertyOptional({ type: LandedCostTotalRangeView }) range?: LandedCostTotalRangeView;
  @ApiProperty({ type: LandedCostRuleUsedView, isArray: true }) rulesUsed!: LandedCostRuleUsedView[];
  @ApiProperty({ type: LandedCostRateUsedView, isArray: true }) exchangeRatesUsed!: LandedCostRateUsedView[];
  @ApiProperty({ type: String, isArray: true }) warnings!: string[];
  @ApiProperty({ type: LandedCostCustomsView }) customs!: LandedCostCustomsView;
  @ApiPropertyOptional({ example: 'highest' }) rangeStrategy?: string;
}
