import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// OpenAPI descriptions of the quote answer (the service builds plain objects of the same shape, see quote.types.ts).

class MoneyView {
  @ApiProperty({ example: '45.20' }) amount!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
}

class ChargeView {
  @ApiProperty({ enum: ['base', 'fuel', 'surcharge', 'markup', 'discount', 'tax'] }) type!: string;
  @ApiProperty({ example: 'remote-area-delivery' }) code!: string;
  @ApiPropertyOptional({ example: 'Remote area delivery' }) description?: string;
  @ApiProperty({ type: MoneyView, description: 'Negative for a discount' }) amount!: MoneyView;
}

class ShippingView {
  @ApiProperty({ type: MoneyView }) total!: MoneyView;
  @ApiProperty({ type: ChargeView, isArray: true }) charges!: ChargeView[];
}

class DutiesRangeView {
  @ApiProperty({ type: MoneyView }) min!: MoneyView;
  @ApiProperty({ type: MoneyView }) max!: MoneyView;
}

class DutiesAndTaxesView {
  @ApiProperty({ type: MoneyView, description: 'Every line: duties, taxes (those collected at checkout included) and fees, whoever pays them' }) total!: MoneyView;
  @ApiProperty({
    enum: ['sender', 'recipient'],
    description: 'Who pays what is charged at import: the sender with DDP, the recipient with DAP. Tax collected at checkout is the sender\'s whatever the incoterm (see dueOnDelivery)',
  })
  payer!: string;
  @ApiProperty({
    type: MoneyView,
    description: 'What the recipient pays on delivery: the lines whose payer is the recipient (DAP), never tax collected at checkout. 0 with DDP, and 0 with DAP when the seller collected the tax and nothing else is charged at import',
  })
  dueOnDelivery!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Tax the seller collects at checkout (the lines with collectedAtSale: IOSS, UK VAT, AU GST, VOEC, SG OVR): part of landedCost, not due on delivery' })
  collectedAtCheckout!: MoneyView;
  @ApiProperty({ enum: ['exact', 'estimated', 'range', 'unknown'] }) confidence!: string;
  @ApiProperty({ type: MoneyView }) duties!: MoneyView;
  @ApiProperty({ type: MoneyView }) taxes!: MoneyView;
  @ApiProperty({ type: MoneyView, description: 'Border fees and the carrier DDP or disbursement fee' }) fees!: MoneyView;
  @ApiProperty({ description: 'Per item and component: base, rate or expression, amount and rule id (sources in the quote\'s dutyRules)', type: 'array', items: { type: 'object' } })
  lines!: unknown[];
  @ApiProperty({ description: 'De minimis decisions with thresholds and exchange rates', type: 'array', items: { type: 'object' } }) deMinimis!: unknown[];
  @ApiProperty({ description: 'Tax is collected by the seller at checkout (a low-value regime with the seller registered)' }) collectedAtSale!: boolean;
  @ApiPropertyOptional({ type: () => DutiesRangeView, description: 'When only HS6 is known: the lowest and highest total (total is the highest)' }) range?: DutiesRangeView;
  @ApiProperty({ type: String, isArray: true }) warnings!: string[];
}

class TransitView {
  @ApiProperty({ example: 2 }) minDays!: number;
  @ApiProperty({ example: 4 }) maxDays!: number;
}

class HolidayView {
  @ApiProperty({ example: '2026-11-26' }) date!: string;
  @ApiProperty({ example: 'US' }) country!: string;
  @ApiPropertyOptional({ example: 'Thanksgiving Day' }) name?: string;
}

class DeliveryView {
  @ApiProperty({ example: '2026-12-01' }) earliest!: string;
  @ApiProperty({ example: '2026-12-03' }) latest!: string;
  @ApiProperty({ type: HolidayView, isArray: true, description: 'Public holidays that moved the window' }) holidays!: HolidayView[];
}

export class QuoteOptionApiView {
  @ApiProperty({ example: 'opt_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty({ example: 'dhl-express' }) carrier!: string;
  @ApiProperty({ example: 'DHL Express' }) carrierName!: string;
  @ApiProperty({ example: 'express-worldwide' }) service!: string;
  @ApiProperty({ example: 'DHL Express Worldwide' }) serviceName!: string;
  @ApiProperty() tracked!: boolean;
  @ApiProperty({ type: ShippingView }) shipping!: ShippingView;
  @ApiProperty({ type: DutiesAndTaxesView }) dutiesAndTaxes!: DutiesAndTaxesView;
  @ApiProperty({ type: MoneyView, description: 'What the buyer pays at checkout: shipping, plus duties and taxes with DDP; with DAP shipping plus only the tax the seller collects at checkout (dutiesAndTaxes.collectedAtCheckout), the rest (dutiesAndTaxes.dueOnDelivery) being paid on delivery' }) landedCost!: MoneyView;
  @ApiProperty({ type: TransitView, description: 'Business days' }) transit!: TransitView;
  @ApiProperty({ example: '2026-11-27', description: 'Working day the carrier takes the parcel' }) pickupDate!: string;
  @ApiProperty({ type: DeliveryView }) estimatedDelivery!: DeliveryView;
  @ApiProperty({ enum: ['cheapest', 'fastest', 'best_value'], isArray: true }) tags!: string[];
  @ApiProperty({
    example: 0.8731,
    description:
      'Best-value score in [0, 1]: 0.6 × lowest buyer total / this buyer total + 0.4 × fewest days to the latest delivery / this option\'s days, × 0.9 for untracked services. The buyer total counts duties and taxes whoever pays them.',
  })
  score!: number;
}

class UnavailableApiView {
  @ApiProperty({ example: 'deutsche-post' }) carrier!: string;
  @ApiProperty({ example: 'packet-tracked' }) service!: string;
  @ApiProperty({
    example: 'weight_exceeds_limit',
    enum: [
      'weight_exceeds_limit',
      'dimensions_exceed_limit',
      'destination_not_served',
      'origin_not_served',
      'dangerous_goods_not_accepted',
      'dry_ice_not_accepted',
      'temperature_control_unavailable',
      'signature_unavailable',
      'insurance_exceeds_limit',
      'too_many_parcels',
      'value_exceeds_limit',
      'packaging_not_accepted',
      'incoterm_not_supported',
      'carrier_timeout',
      'carrier_error',
      'carrier_unavailable',
    ],
  })
  reason!: string;
  @ApiProperty({ example: 'piece 1 weighs 2.5 kg; Deutsche Post Packet Tracked takes up to 2 kg per piece' }) message!: string;
}

class ExchangeRateView {
  @ApiProperty({ example: 'EUR' }) from!: string;
  @ApiProperty({ example: 'USD' }) to!: string;
  @ApiProperty({ example: '1.1357' }) rate!: string;
  @ApiProperty({ example: '2025-04-25' }) date!: string;
  @ApiProperty() source!: string;
}

class DutyRuleView {
  @ApiProperty({ example: 'us-mpf-informal-fy2026' }) id!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ example: '2025-10-01' }) validFrom!: string;
}

export class QuoteApiView {
  @ApiProperty({ example: 'quo_01jdz8k3v5q7w9x2c4e6g8j0m' }) id!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'Prices are honoured until then (QUOTE_TTL_MINUTES)' }) expiresAt!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ enum: ['DDP', 'DAP'] }) incoterm!: string;
  @ApiProperty({ enum: ['best_value', 'cheapest', 'fastest'] }) sort!: string;
  @ApiProperty({ example: '2026-11-27' }) shipDate!: string;
  @ApiProperty({ nullable: true, type: String }) customerId!: string | null;
  @ApiProperty({ type: QuoteOptionApiView, isArray: true }) options!: QuoteOptionApiView[];
  @ApiProperty({ type: UnavailableApiView, isArray: true }) unavailable!: UnavailableApiView[];
  @ApiProperty({ type: ExchangeRateView, isArray: true }) exchangeRates!: ExchangeRateView[];
  @ApiProperty({ type: DutyRuleView, isArray: true, description: 'Rules named by the options\' duty, tax and fee lines (ruleId), with sources' }) dutyRules!: DutyRuleView[];
}
