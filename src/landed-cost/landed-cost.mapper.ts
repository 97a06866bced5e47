import type { LandedCostRequestDto, LandedCostWeightDto } from './landed-cost.dto';
import type { LandedCostInput } from './landed-cost.types';

const KG_PER: Record<LandedCostWeightDto['unit'], number> = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 };

/** The HTTP request in the engine's terms (kg, defaults for mode and date). */
export function toLandedCostInput(body: LandedCostRequestDto, today: string): LandedCostInput {
  return {
    shipFrom: { ...body.shipFrom },
    shipTo: { ...body.shipTo },
    items: body.items.map((i) => ({
      sku: i.sku,
      description: i.description,
      hsCode: i.hsCode,
      originCountry: i.originCountry,
      quantity: i.quantity,
      unitValue: { ...i.unitValue },
      unitWeightKg: i.unitWeight ? i.unitWeight.value * KG_PER[i.unitWeight.unit] : undefined,
      unitVolumeLitres: i.unitVolumeLitres,
      alcoholPercent: i.alcoholPercent,
      preferenceClaimed: i.preferenceClaimed,
    })),
    shipping: body.shipping && { ...body.shipping },
    insurance: body.insurance && { ...body.insurance },
    incoterm: body.incoterm,
    currency: body.currency,
    mode: body.mode ?? 'courier',
    date: body.date ?? today,
    exchangeRates: body.exchangeRates?.map((r) => ({ ...r })),
    importer: body.importer && { type: body.importer.type, taxIds: (body.importer.taxIds ?? []).map((t) => ({ ...t })) },
    sellerRegistrations: body.sellerRegistrations,
    carrierFees: body.carrierFees && {
      ddpFee: body.carrierFees.ddpFee && { ...body.carrierFees.ddpFee },
      disbursementFee: body.carrierFees.disbursementFee && {
        percent: body.carrierFees.disbursementFee.percent,
        minimum: body.carrierFees.disbursementFee.minimum && { ...body.carrierFees.disbursementFee.minimum },
        flat: body.carrierFees.disbursementFee.flat && { ...body.carrierFees.disbursementFee.flat },
      },
    },
  };
}
