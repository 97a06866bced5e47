/**
 * The parts of the FedEx REST API wire formats we use, written from FedEx's OpenAPI documents
 * (rate-api.json: POST /rate/v1/rates/quotes; ship-api.json: POST /ship/v1/shipments and
 * PUT /ship/v1/shipments/cancel; track.json: POST /track/v1/trackingnumbers; OAuth POST /oauth/token).
 * Only the fields we send or read are typed.
 */

export interface FedexAddress {
  streetLines?: string[];
  city?: string;
  stateOrProvinceCode?: string;
  postalCode?: string;
  countryCode: string;
  residential?: boolean;
}

export interface FedexMoney {
  amount: number;
  currency: string;
}

export interface FedexWeight {
  units: 'KG' | 'LB';
  value: number;
}

export interface FedexPackageSpecialServices {
  specialServiceTypes?: string[];
  signatureOptionType?: string;
  dryIceWeight?: FedexWeight;
  batteryDetails?: { material: 'LITHIUM_ION' | 'LITHIUM_METAL'; regulatorySubType?: 'IATA_SECTION_II'; packing: 'CONTAINED_IN_EQUIPMENT' | 'PACKED_WITH_EQUIPMENT' }[];
  dangerousGoodsDetail?: { options?: string[]; accessibility?: 'ACCESSIBLE' | 'INACCESSIBLE' };
}

export interface FedexPackageLineItem {
  sequenceNumber?: number;
  weight: FedexWeight;
  dimensions?: { length: number; width: number; height: number; units: 'CM' | 'IN' };
  declaredValue?: FedexMoney;
  customerReferences?: { customerReferenceType: string; value: string }[];
  packageSpecialServices?: FedexPackageSpecialServices;
}

export interface FedexCommodity {
  description: string;
  quantity: number;
  quantityUnits: string;
  weight: FedexWeight;
  customsValue: FedexMoney;
  unitPrice?: FedexMoney;
  countryOfManufacture: string;
  harmonizedCode: string;
  numberOfPieces?: number;
}

export interface FedexRateRequest {
  accountNumber: { value: string };
  rateRequestControlParameters: { returnTransitTimes: boolean };
  requestedShipment: {
    shipper: { address: FedexAddress };
    recipient: { address: FedexAddress };
    shipDateStamp: string;
    pickupType: 'DROPOFF_AT_FEDEX_LOCATION';
    packagingType: 'YOUR_PACKAGING';
    rateRequestType: string[];
    totalPackageCount: number;
    requestedPackageLineItems: FedexPackageLineItem[];
    documentShipment?: boolean;
    customsClearanceDetail?: { dutiesPayment?: { paymentType: 'SENDER' }; commodities: FedexCommodity[] };
  };
}

export interface FedexRatedShipmentDetail {
  rateType?: string;
  totalNetCharge?: number;
  totalBaseCharge?: number;
  currency?: string;
  shipmentRateDetail?: {
    currency?: string;
    totalFreightDiscount?: number;
    surCharges?: { type?: string; description?: string; amount?: number }[];
    taxes?: { type?: string; description?: string; amount?: number }[];
    totalBillingWeight?: FedexWeight;
  };
}

export interface FedexRateReplyDetail {
  serviceType: string;
  serviceName?: string;
  ratedShipmentDetails?: FedexRatedShipmentDetail[];
  operationalDetail?: { deliveryDate?: string; transitTime?: string };
  commit?: { dateDetail?: { dayOfWeek?: string; dayFormat?: string }; transitDays?: { minimumTransitTime?: string; maximumTransitTime?: string } };
}

export interface FedexRateResponse {
  transactionId?: string;
  output?: { rateReplyDetails?: FedexRateReplyDetail[]; alerts?: { code?: string; message?: string }[] };
}

export interface FedexParty {
  contact: { personName?: string; phoneNumber: string; companyName?: string; emailAddress?: string };
  address: FedexAddress & { streetLines: string[]; city: string };
  tins?: { number: string; tinType: 'PERSONAL_NATIONAL' | 'PERSONAL_STATE' | 'FEDERAL' | 'BUSINESS_NATIONAL' | 'BUSINESS_STATE' | 'BUSINESS_UNION' }[];
}

export interface FedexShipRequest {
  labelResponseOptions: 'LABEL';
  accountNumber: { value: string };
  requestedShipment: {
    shipper: FedexParty;
    recipients: FedexParty[];
    shipDatestamp: string;
    serviceType: string;
    packagingType: 'YOUR_PACKAGING';
    pickupType: 'DROPOFF_AT_FEDEX_LOCATION';
    totalWeight: number;
    shippingChargesPayment: { paymentType: 'SENDER'; payor: { responsibleParty: { accountNumber: { value: string } } } };
    labelSpecification: { imageType: 'PDF' | 'ZPLII'; labelStockType: string };
    shipmentSpecialServices?: {
      specialServiceTypes: string[];
      etdDetail?: { requestedDocumentTypes: string[] };
      shipmentDryIceDetail?: { totalWeight: FedexWeight; packageCount: number };
    };
    customsClearanceDetail?: {
      dutiesPayment: { paymentType: 'SENDER' | 'RECIPIENT'; payor?: { responsibleParty: { accountNumber: { value: string } } } };
      commercialInvoice: { shipmentPurpose: 'SOLD'; termsOfSale?: string; customerReferences?: { customerReferenceType: 'INVOICE_NUMBER'; value: string }[] };
      commodities: FedexCommodity[];
      totalCustomsValue?: FedexMoney;
    };
    shippingDocumentSpecification?: {
      shippingDocumentTypes: string[];
      commercialInvoiceDetail: { documentFormat: { docType: 'PDF'; stockType: 'PAPER_LETTER' } };
    };
    totalPackageCount: number;
    requestedPackageLineItems: FedexPackageLineItem[];
  };
}

export interface FedexDocument {
  contentType?: string;
  docType?: string;
  encodedLabel?: string;
  url?: string;
}

export interface FedexShipResponse {
  transactionId?: string;
  output?: {
    transactionShipments?: {
      masterTrackingNumber?: string;
      serviceType?: string;
      pieceResponses?: { trackingNumber?: string; masterTrackingNumber?: string; packageDocuments?: FedexDocument[] }[];
      shipmentDocuments?: FedexDocument[];
      completedShipmentDetail?: { shipmentRating?: { shipmentRateDetails?: { rateType?: string; totalNetCharge?: number; currency?: string }[] } };
    }[];
    alerts?: { code?: string; message?: string }[];
  };
}

export interface FedexCancelRequest {
  accountNumber: { value: string };
  trackingNumber: string;
  deletionControl: 'DELETE_ALL_PACKAGES';
}

export interface FedexCancelResponse {
  transactionId?: string;
  output?: { cancelledShipment?: boolean; cancelledHistory?: boolean; successMessage?: string; message?: string; alerts?: { code?: string; message?: string }[] };
}

export interface FedexScanEvent {
  date?: string;
  eventType?: string;
  eventDescription?: string;
  exceptionCode?: string;
  exceptionDescription?: string;
  derivedStatusCode?: string;
  scanLocation?: { city?: string; stateOrProvinceCode?: string; postalCode?: string; countryCode?: string };
}

export interface FedexTrackResult {
  trackingNumberInfo?: { trackingNumber?: string };
  latestStatusDetail?: { code?: string; derivedCode?: string; description?: string };
  scanEvents?: FedexScanEvent[];
  error?: { code?: string; message?: string };
}

export interface FedexTrackResponse {
  transactionId?: string;
  output?: { completeTrackResults?: { trackingNumber?: string; trackResults?: FedexTrackResult[] }[] };
}

export interface FedexErrorResponse {
  transactionId?: string;
  errors?: { code?: string; message?: string }[];
}
