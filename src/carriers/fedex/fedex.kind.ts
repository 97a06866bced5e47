import { apiCarrierKind } from '../http/api-carrier.kind';

/**
 * FedEx codes for our handling needs (FedEx Ship/Rate API 1.0: `packageSpecialServices`,
 * `shipmentSpecialServices`): signature option types, and whether dry ice, declared value and
 * electronic trade documents (paperless commercial invoice) are used.
 */
export interface FedexOptions {
  /** `signatureOptionType`: DIRECT (anyone at the address signs) or ADULT. */
  signature: { standard?: string; adult?: string };
  dryIce: boolean;
  insurance: boolean;
  /** ELECTRONIC_TRADE_DOCUMENTS: FedEx generates and transmits the commercial invoice. */
  paperlessTrade: boolean;
  /** `rateRequestType`: ACCOUNT (negotiated) and/or LIST (published). */
  rateRequestTypes: ('ACCOUNT' | 'LIST')[];
}

const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['signature', 'dryIce', 'insurance', 'paperlessTrade', 'rateRequestTypes'],
  properties: {
    signature: {
      type: 'object',
      additionalProperties: false,
      properties: { standard: { enum: ['INDIRECT', 'DIRECT', 'ADULT'] }, adult: { enum: ['ADULT'] } },
    },
    dryIce: { type: 'boolean' },
    insurance: { type: 'boolean' },
    paperlessTrade: { type: 'boolean' },
    rateRequestTypes: { type: 'array', minItems: 1, items: { enum: ['ACCOUNT', 'LIST'] } },
  },
};

/** carrier.yaml of carriers spoken to through the FedEx REST APIs. */
export const fedexKind = apiCarrierKind('fedex', OPTIONS_SCHEMA);
