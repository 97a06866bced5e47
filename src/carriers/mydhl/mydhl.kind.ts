import { apiCarrierKind } from '../http/api-carrier.kind';

/** MyDHL value-added service codes for our handling needs (MyDHL API 3.1.1, `valueAddedServices[].serviceCode`). */
export interface MydhlOptions {
  dangerousGoods?: string;
  dryIce?: string;
  /** Lithium packing instruction and section (`PI967-II`) to its service code (`HV`). */
  lithium: Record<string, string>;
  signature: { standard?: string; adult?: string };
  insurance?: string;
  paperlessTrade?: string;
  /** Service that bills duties and taxes to the shipper (DDP). */
  dutiesAndTaxesPaid?: string;
}

const CODE = { type: 'string', pattern: '^[A-Z0-9]{2,3}$' };

const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['lithium', 'signature'],
  properties: {
    dangerousGoods: CODE,
    dryIce: CODE,
    lithium: { type: 'object', propertyNames: { pattern: '^PI9(65|66|67|68|69|70)-(IA|IB|I|II)$' }, additionalProperties: CODE },
    signature: { type: 'object', additionalProperties: false, properties: { standard: CODE, adult: CODE } },
    insurance: CODE,
    paperlessTrade: CODE,
    dutiesAndTaxesPaid: CODE,
  },
};

/** carrier.yaml of carriers spoken to through the MyDHL API (DHL Express). */
export const mydhlKind = apiCarrierKind('mydhl', OPTIONS_SCHEMA);
