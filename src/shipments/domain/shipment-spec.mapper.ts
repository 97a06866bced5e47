import type { AddressSpec, HandlingSpec, ImporterSpec, ItemSpec, ParcelSpec } from '../../carriers/shipment-spec';
import type { AddressDto, HandlingDto, ImporterDto, ItemDto, ParcelDto } from '../dto/shipment-request.dto';
import { toCm, toKg } from './units';

export function addressSpec(a: AddressDto): AddressSpec {
  return {
    country: a.country.toUpperCase(),
    postalCode: a.postalCode,
    city: a.city,
    region: a.region,
    residential: a.residential,
    name: a.name,
    company: a.company,
    street1: a.street1,
    street2: a.street2,
    street3: a.street3,
    phone: a.phone,
    email: a.email,
    taxIds: a.taxIds?.map((t) => ({ type: t.type, value: t.value, country: t.country })),
  };
}

export function parcelSpecs(parcels: ParcelDto[]): ParcelSpec[] {
  return parcels.map((p) => ({
    weightKg: toKg(p.weight),
    ...(p.dimensions && {
      lengthCm: toCm(p.dimensions.length, p.dimensions.unit),
      widthCm: toCm(p.dimensions.width, p.dimensions.unit),
      heightCm: toCm(p.dimensions.height, p.dimensions.unit),
    }),
    ...(p.pallet && { pallet: true }),
    ...(p.reference && { reference: p.reference }),
  }));
}

export function itemSpecs(items: ItemDto[] | undefined): ItemSpec[] {
  return (items ?? []).map((i) => ({
    ...(i.sku && { sku: i.sku }),
    description: i.description,
    hsCode: i.hsCode,
    originCountry: i.originCountry,
    quantity: i.quantity,
    unitValue: { amount: i.unitValue.amount, currency: i.unitValue.currency },
    ...(i.unitWeight && { unitWeightKg: toKg(i.unitWeight) }),
    ...(i.preferenceClaimed !== undefined && { preferenceClaimed: i.preferenceClaimed }),
  }));
}

export function handlingSpec(h: HandlingDto | undefined): HandlingSpec {
  return {
    dangerousGoods: (h?.dangerousGoods ?? []).map((d) => ({ ...d })),
    dryIceKg: h?.dryIceKg ?? 0,
    fragile: h?.fragile ?? false,
    ...(h?.temperature && { temperature: { minC: h.temperature.minC, maxC: h.temperature.maxC } }),
    ...(h?.signature && { signature: h.signature }),
    ...(h?.insurance && { insurance: { amount: h.insurance.amount, currency: h.insurance.currency } }),
  };
}

export function importerSpec(i: ImporterDto | undefined): ImporterSpec | undefined {
  return i ? { type: i.type, taxIds: (i.taxIds ?? []).map((t) => ({ type: t.type, value: t.value, country: t.country })) } : undefined;
}

/** Marks printed on the label for the handling a parcel needs. */
export function handlingMarks(h: HandlingSpec, incoterm: string): string[] {
  const marks: string[] = [];
  for (const dg of h.dangerousGoods) marks.push(`DG ${dg.unNumber}`);
  if (h.dryIceKg > 0) marks.push(`DRY ICE ${h.dryIceKg} KG`);
  if (h.temperature) marks.push(`${h.temperature.minC}..${h.temperature.maxC} C`);
  if (h.fragile) marks.push('FRAGILE');
  if (h.signature) marks.push(h.signature === 'adult' ? 'ADULT SIGNATURE' : 'SIGNATURE');
  if (incoterm === 'DDP') marks.push('DDP');
  return marks;
}
