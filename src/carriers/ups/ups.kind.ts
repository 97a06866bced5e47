import { apiCarrierKind } from '../http/api-carrier.kind';

/**
 * UPS codes for our handling needs (UPS Rating/Shipping API v2409): package-level Delivery
 * Confirmation types for signatures, the dry ice regulation set, and whether declared value
 * (UPS's insurance) and UPS Paperless Invoice are used.
 */
export interface UpsOptions {
  /** `PackageServiceOptions.DeliveryConfirmation.DCISType`: 2 = signature required, 3 = adult signature. */
  signature: { standard?: string; adult?: string };
  /** `PackageServiceOptions.DryIce.RegulationSet`: CFR (US domestic) or IATA. */
  dryIce?: { regulationSet: 'CFR' | 'IATA' };
  /** Declared value is UPS's insurance: set on each package. */
  insurance: boolean;
  /** UPS Paperless Invoice: the commercial invoice travels electronically (account must be enabled). */
  paperlessTrade: boolean;
  /** Request negotiated (account) rates as well as published ones. */
  negotiatedRates: boolean;
}

const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['signature', 'insurance', 'paperlessTrade', 'negotiatedRates'],
  properties: {
    signature: {
      type: 'object',
      additionalProperties: false,
      properties: { standard: { type: 'string', pattern: '^[1-3]$' }, adult: { type: 'string', pattern: '^[1-3]$' } },
    },
    dryIce: { type: 'object', additionalProperties: false, required: ['regulationSet'], properties: { regulationSet: { enum: ['CFR', 'IATA'] } } },
    insurance: { type: 'boolean' },
    paperlessTrade: { type: 'boolean' },
    negotiatedRates: { type: 'boolean' },
  },
};

/** carrier.yaml of carriers spoken to through the UPS APIs. */
export const upsKind = apiCarrierKind('ups', OPTIONS_SCHEMA);
