/**
 * The parts of the MyDHL API 3.1.1 wire format we use, written from the specification
 * (dpdhl-express-api-3.1.1_swagger.yaml: POST /rates, POST /shipments, GET /shipments/{n}/tracking).
 * Field names, types and limits follow the specification; only the fields we send or read are typed.
 */

export interface MydhlRateAddress {
  postalCode: string;
  cityName: string;
  countryCode: string;
  provinceCode?: string;
  addressLine1?: string;
}

export interface MydhlAccount {
  typeCode: 'shipper' | 'payer' | 'duties-taxes';
  number: string;
}

export interface MydhlValueAddedService {
  serviceCode: string;
  value?: number;
  currency?: string;
  dangerousGoods?: ({ dryIceTotalNetWeight: number } | { unCodes: string[] })[];
}

export interface MydhlPackage {
  weight: number;
  dimensions?: { length: number; width: number; height: number };
}

/** POST /rates body (`supermodelIoLogisticsExpressRateRequest`). */
export interface MydhlRateRequest {
  customerDetails: { shipperDetails: MydhlRateAddress; receiverDetails: MydhlRateAddress };
  accounts: MydhlAccount[];
  plannedShippingDateAndTime: string;
  unitOfMeasurement: 'metric';
  isCustomsDeclarable: boolean;
  monetaryAmount?: { typeCode: 'declaredValue' | 'insuredValue'; value: number; currency: string }[];
  valueAddedServices?: MydhlValueAddedService[];
  estimatedDeliveryDate?: { isRequested: boolean; typeCode: 'QDDC' | 'QDDF' };
  nextBusinessDay?: boolean;
  packages: MydhlPackage[];
}

export interface MydhlPrice {
  currencyType?: string;
  priceCurrency?: string;
  price: number;
}

export interface MydhlBreakdownItem {
  name?: string;
  serviceCode?: string;
  localServiceCode?: string;
  typeCode?: string;
  serviceTypeCode?: string;
  price?: number;
  priceCurrency?: string;
}

export interface MydhlProduct {
  productName?: string;
  productCode?: string;
  localProductCode?: string;
  networkTypeCode?: string;
  weight: { volumetric?: number; provided?: number; unitOfMeasurement?: string };
  totalPrice: MydhlPrice[];
  detailedPriceBreakdown?: { currencyType?: string; priceCurrency: string; breakdown?: MydhlBreakdownItem[] }[];
  deliveryCapabilities?: { estimatedDeliveryDateAndTime?: string; totalTransitDays?: number; deliveryTypeCode?: string };
  pickupCapabilities?: { localCutoffDateAndTime?: string };
}

/** POST /rates 200 body (`supermodelIoLogisticsExpressRates`). */
export interface MydhlRateResponse {
  products: MydhlProduct[];
  warnings?: string[];
}

export interface MydhlParty {
  postalAddress: {
    postalCode: string;
    cityName: string;
    countryCode: string;
    provinceCode?: string;
    addressLine1: string;
    addressLine2?: string;
    addressLine3?: string;
  };
  contactInformation: { email?: string; phone: string; companyName: string; fullName: string };
  registrationNumbers?: { typeCode: string; number: string; issuerCountryCode: string }[];
  typeCode?: 'business' | 'direct_consumer' | 'government' | 'other' | 'private' | 'reseller';
}

export interface MydhlLineItem {
  number: number;
  description: string;
  price: number;
  quantity: { value: number; unitOfMeasurement: 'PCS' };
  commodityCodes?: { typeCode: 'outbound' | 'inbound'; value: string }[];
  exportReasonType?: 'permanent' | 'commercial_purpose_or_sale' | 'return' | 'gift' | 'sample';
  manufacturerCountry: string;
  weight: { netValue?: number; grossValue?: number };
}

/** POST /shipments body (`supermodelIoLogisticsExpressCreateShipmentRequest`). */
export interface MydhlShipmentRequest {
  plannedShippingDateAndTime: string;
  pickup: { isRequested: boolean };
  productCode: string;
  accounts: MydhlAccount[];
  valueAddedServices?: MydhlValueAddedService[];
  outputImageProperties: {
    printerDPI?: 200 | 300;
    encodingFormat: 'pdf' | 'zpl';
    imageOptions: { typeCode: 'label' | 'invoice' | 'waybillDoc'; templateName?: string; isRequested?: boolean; invoiceType?: 'commercial' }[];
  };
  customerReferences?: { value: string; typeCode?: string }[];
  customerDetails: { shipperDetails: MydhlParty; receiverDetails: MydhlParty; importerDetails?: MydhlParty };
  content: {
    packages: (MydhlPackage & { customerReferences?: { value: string; typeCode?: string }[] })[];
    isCustomsDeclarable: boolean;
    declaredValue?: number;
    declaredValueCurrency?: string;
    exportDeclaration?: {
      lineItems: MydhlLineItem[];
      invoice: { number: string; date: string; signatureName?: string };
      exportReasonType?: 'permanent' | 'commercial_purpose_or_sale' | 'return' | 'gift' | 'sample';
    };
    description: string;
    incoterm: 'DAP' | 'DDP';
    unitOfMeasurement: 'metric';
  };
  estimatedDeliveryDate?: { isRequested: boolean; typeCode: 'QDDC' | 'QDDF' };
}

export interface MydhlDocument {
  imageFormat: string;
  content: string;
  typeCode: string;
  packageReferenceNumber?: number;
}

/** POST /shipments 201 body (`supermodelIoLogisticsExpressCreateShipmentResponse`). */
export interface MydhlShipmentResponse {
  shipmentTrackingNumber?: string;
  trackingUrl?: string;
  dispatchConfirmationNumber?: string;
  packages?: { referenceNumber?: number; trackingNumber: string; trackingUrl?: string }[];
  documents?: MydhlDocument[];
  shipmentCharges?: { currencyType?: string; priceCurrency?: string; price: number }[];
  estimatedDeliveryDate?: { estimatedDeliveryDate?: string; estimatedDeliveryType?: string };
}

export interface MydhlTrackingEvent {
  date?: string;
  time?: string;
  GMTOffset?: string;
  typeCode?: string;
  description?: string;
  serviceArea?: { code?: string; description?: string }[];
}

/** GET /shipments/{n}/tracking 200 body (`supermodelIoLogisticsExpressTrackingResponse`). */
export interface MydhlTrackingResponse {
  shipments?: {
    shipmentTrackingNumber?: string;
    status?: string;
    events: MydhlTrackingEvent[];
    estimatedDeliveryDate?: string;
    receiverDetails?: { postalAddress?: { countryCode?: string } };
  }[];
}

/** Error body, RFC 7807 style (`supermodelIoLogisticsExpressErrorResponse`). */
export interface MydhlErrorResponse {
  instance?: string;
  detail?: string;
  title?: string;
  message?: string;
  status?: string;
  additionalDetails?: string[];
}
