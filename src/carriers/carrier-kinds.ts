import type { CarrierKind } from './carrier-kind';
import { fakeCarrierKind } from './fake/fake.kind';
import { fedexKind } from './fedex/fedex.kind';
import { mydhlKind } from './mydhl/mydhl.kind';
import { rateCardKind } from './rate-card/rate-card.kind';
import { upsKind } from './ups/ups.kind';

/** Every adapter's way of reading carrier definitions. Add a new adapter's kind here. */
export const CARRIER_KINDS: CarrierKind[] = [rateCardKind, mydhlKind, upsKind, fedexKind, fakeCarrierKind];
