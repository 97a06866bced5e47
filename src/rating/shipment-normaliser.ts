import type { ShipmentSpec } from '../carriers/shipment-spec';
import type { CreateQuoteDto, DimensionsDto, WeightDto } from './quote-request.dto';

const KG_PER_UNIT = { kg: 1, g: 0.001, lb: 0.45359237, oz: 0.028349523125 } as const;
const CM_PER_UNIT = { cm: 1, in: 2.54 } as const;

/** Six decimals: below a milligram and a micrometre, so conversions do not leave float noise behind. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;

export function toKg(w: WeightDto): number {
  return tidy(w.value * KG_PER_UNIT[w.unit]);
}

export function toCm(d: DimensionsDto): { lengthCm: number; widthCm: number; heightCm: number } {
  const f = CM_PER_UNIT[d.unit];
  return { lengthCm: tidy(d.length * f), widthCm: tidy(d.width * f), heightCm: tidy(d.height * f) };
}

/**
 * The quote request in the units and shape the engines work with (kg, cm, upper-case HS digits);
 * `shipDate` is resolved by the caller (today in the origin's time zone when not given).
 */
export function toShipmentSpec(dto: CreateQuoteDto, shipDate: string): ShipmentSpec {
  const handling = dto.handling ?? {};
  return {
    shipFrom: { country: dto.shipFrom.country, postalCode: dto.shipFrom.postalCode, city: dto.shipFrom.city, region: dto.shipFrom.region, residential: dto.shipFrom.residential },
    shipTo: { country: dto.shipTo.country, postalCode: dto.shipTo.postalCode, city: dto.shipTo.city, region: dto.shipTo.region, residential: dto.shipTo.residential },
    parcels: dto.parcels.map((p) => ({
      weightKg: toKg(p.weight),
      ...(p.dimensions && toCm(p.dimensions)),
      ...(p.pallet && { pallet: true }),
      ...(p.reference && { reference: p.reference }),
    })),
    items: dto.items.map((i) => ({
      ...(i.sku && { sku: i.sku }),
      description: i.description,
      hsCode: i.hsCode.replace(/\./g, ''),
      originCountry: i.originCountry,
      quantity: i.quantity,
      unitValue: { amount: i.unitValue.amount, currency: i.unitValue.currency },
      ...(i.unitWeight && { unitWeightKg: toKg(i.unitWeight) }),
      ...(i.preferenceClaimed !== undefined && { preferenceClaimed: i.preferenceClaimed }),
    })),
    handling: {
      dangerousGoods: (handling.dangerousGoods ?? []).map((d) => ({ ...d })),
      dryIceKg: handling.dryIceKg ?? 0,
      ...(handling.temperature && { temperature: { minC: handling.temperature.minC, maxC: handling.temperature.maxC } }),
      fragile: handling.fragile ?? false,
      ...(handling.signature && { signature: handling.signature }),
      ...(handling.insurance && { insurance: { amount: handling.insurance.amount, currency: handling.insurance.currency } }),
    },
    incoterm: dto.incoterm,
    shipDate,
    ...(dto.importer && { importer: { type: dto.importer.type, taxIds: (dto.importer.taxIds ?? []).map((t) => ({ ...t })) } }),
  };
}
