/**
 * The parts of the UPS API wire formats we use (UPS-API/api-documentation, MIT: Rating.yaml and
 * Shipping.yaml v2409, Tracking.yaml v1, OAuthClientCredentials.yaml, UPSTrackAlert.yaml).
 * UPS sends and expects numbers as strings; a single element may arrive as an object instead of a
 * one-element array, which `asArray` in the mapper absorbs.
 */

export interface UpsCode {
  Code: string;
  Description?: string;
}

export interface UpsAddress {
  AddressLine: string[];
  City?: string;
  StateProvinceCode?: string;
  PostalCode?: string;
  CountryCode: string;
  ResidentialAddressIndicator?: string;
}

export interface UpsMoney {
  CurrencyCode: string;
  MonetaryValue: string;
}

export interface UpsPackage {
  Description?: string;
  PackagingType?: UpsCode;
  Packaging?: UpsCode;
  Dimensions?: { UnitOfMeasurement: UpsCode; Length: string; Width: string; Height: string };
  PackageWeight: { UnitOfMeasurement: UpsCode; Weight: string };
  ReferenceNumber?: { Value: string }[];
  PackageServiceOptions?: {
    DeliveryConfirmation?: { DCISType: string };
    DeclaredValue?: UpsMoney;
    DryIce?: { RegulationSet: string; DryIceWeight: { UnitOfMeasurement: UpsCode; Weight: string } };
  };
}

export interface UpsRateRequest {
  RateRequest: {
    Request: { RequestOption?: string; TransactionReference?: { CustomerContext: string } };
    Shipment: {
      Shipper: { Name?: string; ShipperNumber: string; Address: UpsAddress };
      ShipTo: { Name?: string; Address: UpsAddress };
      ShipFrom: { Name?: string; Address: UpsAddress };
      PaymentDetails: { ShipmentCharge: { Type: string; BillShipper: { AccountNumber: string } }[] };
      NumOfPieces: string;
      Package: UpsPackage[];
      ShipmentRatingOptions?: { NegotiatedRatesIndicator?: string };
      InvoiceLineTotal?: UpsMoney;
      DeliveryTimeInformation: { PackageBillType: string; Pickup: { Date: string; Time?: string } };
      ShipmentTotalWeight?: { UnitOfMeasurement: UpsCode; Weight: string };
    };
  };
}

export interface UpsRatedShipment {
  Service: { Code: string; Description?: string };
  RatedShipmentAlert?: { Code: string; Description: string }[] | { Code: string; Description: string };
  BillingWeight?: { UnitOfMeasurement: UpsCode; Weight: string };
  TransportationCharges: UpsMoney;
  BaseServiceCharge?: UpsMoney;
  ItemizedCharges?: (UpsMoney & { Code: string; SubType?: string })[] | (UpsMoney & { Code: string; SubType?: string });
  ServiceOptionsCharges: UpsMoney;
  TaxCharges?: { Type: string; MonetaryValue: string }[] | { Type: string; MonetaryValue: string };
  TotalCharges: UpsMoney;
  TotalChargesWithTaxes?: UpsMoney;
  NegotiatedRateCharges?: { TotalCharge?: UpsMoney; TotalChargesWithTaxes?: UpsMoney };
  GuaranteedDelivery?: { BusinessDaysInTransit?: string; DeliveryByTime?: string; ScheduledDeliveryDate?: string };
  TimeInTransit?: {
    PickupDate: string;
    ServiceSummary: { EstimatedArrival: { Arrival: { Date: string; Time?: string }; BusinessDaysInTransit: string; TotalTransitDays?: string } };
  };
}

export interface UpsRateResponse {
  RateResponse: {
    Response: { ResponseStatus: { Code: string; Description: string }; Alert?: unknown };
    RatedShipment: UpsRatedShipment[] | UpsRatedShipment;
  };
}

export interface UpsParty {
  Name: string;
  AttentionName?: string;
  TaxIdentificationNumber?: string;
  Phone?: { Number: string };
  ShipperNumber?: string;
  EMailAddress?: string;
  Address: UpsAddress;
}

export interface UpsProduct {
  Description: string[];
  Unit: { Number: string; UnitOfMeasurement: UpsCode; Value: string };
  CommodityCode?: string;
  OriginCountryCode?: string;
  ProductWeight?: { UnitOfMeasurement: UpsCode; Weight: string };
}

export interface UpsShipmentRequest {
  ShipmentRequest: {
    Request: { RequestOption: string; TransactionReference?: { CustomerContext: string } };
    Shipment: {
      Description: string;
      Shipper: UpsParty & { ShipperNumber: string };
      ShipTo: UpsParty;
      ShipFrom: UpsParty;
      PaymentInformation: { ShipmentCharge: ({ Type: string } & ({ BillShipper: { AccountNumber: string } } | { BillReceiver: { AccountNumber: string } }))[] };
      Service: UpsCode;
      InvoiceLineTotal?: UpsMoney;
      ShipmentRatingOptions?: { NegotiatedRatesIndicator?: string };
      ShipmentServiceOptions?: {
        InternationalForms?: {
          FormType: string[];
          InvoiceNumber?: string;
          InvoiceDate?: string;
          ReasonForExport?: string;
          CurrencyCode: string;
          TermsOfShipment?: string;
          Product: UpsProduct[];
        };
      };
      Package: UpsPackage[];
    };
    LabelSpecification: { LabelImageFormat: UpsCode; LabelStockSize: { Height: string; Width: string }; HTTPUserAgent?: string };
  };
}

export interface UpsShipmentResponse {
  ShipmentResponse: {
    Response: { ResponseStatus: { Code: string; Description: string } };
    ShipmentResults: {
      ShipmentCharges?: { TotalCharges?: UpsMoney; TransportationCharges?: UpsMoney; ServiceOptionsCharges?: UpsMoney };
      NegotiatedRateCharges?: { TotalCharge?: UpsMoney };
      ShipmentIdentificationNumber: string;
      PackageResults:
        | { TrackingNumber: string; ShippingLabel?: { ImageFormat: UpsCode; GraphicImage: string } }[]
        | { TrackingNumber: string; ShippingLabel?: { ImageFormat: UpsCode; GraphicImage: string } };
      Form?: { Image?: { ImageFormat: UpsCode; GraphicImage: string } };
    };
  };
}

export interface UpsVoidResponse {
  VoidShipmentResponse: {
    Response: { ResponseStatus: { Code: string; Description: string } };
    SummaryResult: { Status: { Code: string; Description: string } };
  };
}

export interface UpsActivity {
  date?: string;
  time?: string;
  gmtDate?: string;
  gmtTime?: string;
  gmtOffset?: string;
  location?: { address?: { city?: string; stateProvince?: string; postalCode?: string; countryCode?: string; country?: string } };
  status?: { type?: string; code?: string; description?: string; statusCode?: string; simplifiedTextDescription?: string };
}

export interface UpsTrackResponse {
  trackResponse?: {
    shipment?: {
      inquiryNumber?: string;
      package?: { trackingNumber?: string; activity?: UpsActivity[]; deliveryDate?: { type?: string; date?: string }[] }[];
      warnings?: { code?: string; message?: string }[];
    }[];
  };
}

/** Track Alert push body (`webhooks.TrackingEvent`, UPSTrackAlert.yaml `TrackingEventRequest`). */
export interface UpsTrackAlertEvent {
  trackingNumber: string;
  localActivityDate?: string;
  localActivityTime?: string;
  gmtActivityDate?: string;
  gmtActivityTime?: string;
  gmtOffset?: string;
  activityLocation?: { city?: string; stateProvince?: string; postalCode?: string; country?: string };
  activityStatus: { type?: string; code?: string; description?: string; descriptionCode?: number | string };
  scheduledDeliveryDate?: string;
  actualDeliveryDate?: string;
  actualDeliveryTime?: string;
}

/** Error body of every UPS API (`response.errors[]`). */
export interface UpsErrorResponse {
  response?: { errors?: { code?: string; message?: string }[] };
}
