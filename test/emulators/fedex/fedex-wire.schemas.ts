/**
 * Request schemas of the FedEx REST APIs, written by us from FedEx's OpenAPI documents (rate-api.json
 * `components/schemas/body`, ship-api.json `Full_Schema_Ship` and `Full_Schema_Cancel_Shipment`,
 * track.json `Full_Schema_Tracking_Numbers`): the types, required fields, enumerations and integer
 * dimensions those documents declare for the parts a client may send. FedEx states no licence for
 * the documents, so they are not copied. FedEx objects are open (unknown fields are ignored by the
 * API), so these are too, except where a wrong field name would silently lose data: there the
 * schemas list the known names and reject others.
 */

const money = { type: 'object', required: ['amount', 'currency'], properties: { amount: { type: 'number' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } } };
const weight = { type: 'object', required: ['units', 'value'], properties: { units: { enum: ['KG', 'LB'] }, value: { type: 'number', exclusiveMinimum: 0 } } };
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });

const rateAddress = {
  type: 'object',
  required: ['countryCode', 'postalCode'],
  properties: {
    streetLines: { type: 'array', items: { type: 'string' } },
    city: { type: 'string' },
    stateOrProvinceCode: { type: 'string', maxLength: 2 },
    postalCode: { type: 'string' },
    countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
    residential: { type: 'boolean' },
  },
};

const packageSpecialServices = closed({
  specialServiceTypes: { type: 'array', items: { type: 'string' } },
  signatureOptionType: { enum: ['SERVICE_DEFAULT', 'NO_SIGNATURE_REQUIRED', 'INDIRECT', 'DIRECT', 'ADULT'] },
  dryIceWeight: weight,
  batteryDetails: {
    type: 'array',
    items: closed({ material: { enum: ['LITHIUM_METAL', 'LITHIUM_ION'] }, regulatorySubType: { enum: ['IATA_SECTION_II'] }, packing: { enum: ['CONTAINED_IN_EQUIPMENT', 'PACKED_WITH_EQUIPMENT'] } }),
  },
  dangerousGoodsDetail: closed({
    accessibility: { enum: ['ACCESSIBLE', 'INACCESSIBLE'] },
    options: { type: 'array', items: { enum: ['HAZARDOUS_MATERIALS', 'BATTERY', 'ORM_D', 'REPORTABLE_QUANTITIES', 'SMALL_QUANTITY_EXCEPTION', 'LIMITED_QUANTITIES_COMMODITIES'] } },
  }),
});

const lineItem = {
  type: 'object',
  required: ['weight'],
  properties: {
    sequenceNumber: { type: 'integer' },
    weight,
    // FedEx takes whole numbers for dimensions.
    dimensions: { type: 'object', required: ['length', 'width', 'height', 'units'], properties: { length: { type: 'integer' }, width: { type: 'integer' }, height: { type: 'integer' }, units: { enum: ['CM', 'IN'] } } },
    declaredValue: money,
    customerReferences: { type: 'array', items: { type: 'object', required: ['customerReferenceType', 'value'], properties: { customerReferenceType: { enum: ['CUSTOMER_REFERENCE', 'DEPARTMENT_NUMBER', 'INVOICE_NUMBER', 'P_O_NUMBER', 'INTRACOUNTRY_REGULATORY_REFERENCE', 'RMA_ASSOCIATION'] }, value: { type: 'string', maxLength: 40 } } } },
    packageSpecialServices,
  },
};

const commodity = {
  type: 'object',
  required: ['description'],
  properties: {
    description: { type: 'string', minLength: 1, maxLength: 450 },
    quantity: { type: 'integer', minimum: 1 },
    quantityUnits: { type: 'string' },
    weight: { type: 'object', required: ['units', 'value'], properties: { units: { enum: ['KG', 'LB'] }, value: { type: 'number' } } },
    customsValue: money,
    unitPrice: money,
    countryOfManufacture: { type: 'string', pattern: '^[A-Z]{2}$' },
    harmonizedCode: { type: 'string', pattern: '^[0-9.]{6,14}$' },
    numberOfPieces: { type: 'integer' },
  },
};

/** POST /rate/v1/rates/quotes body. */
export const FEDEX_RATE_REQUEST = {
  type: 'object',
  required: ['accountNumber', 'requestedShipment'],
  properties: {
    accountNumber: { type: 'object', required: ['value'], properties: { value: { type: 'string', minLength: 1 } } },
    rateRequestControlParameters: { type: 'object', properties: { returnTransitTimes: { type: 'boolean' }, servicesNeededOnRateFailure: { type: 'boolean' } } },
    requestedShipment: {
      type: 'object',
      required: ['shipper', 'recipient', 'pickupType', 'requestedPackageLineItems'],
      properties: {
        shipper: { type: 'object', required: ['address'], properties: { address: rateAddress } },
        recipient: { type: 'object', required: ['address'], properties: { address: rateAddress } },
        serviceType: { type: 'string' },
        preferredCurrency: { type: 'string' },
        rateRequestType: { type: 'array', items: { enum: ['LIST', 'INCENTIVE', 'ACCOUNT', 'PREFERRED'] } },
        shipDateStamp: { type: 'string', format: 'date' },
        pickupType: { enum: ['CONTACT_FEDEX_TO_SCHEDULE', 'DROPOFF_AT_FEDEX_LOCATION', 'USE_SCHEDULED_PICKUP'] },
        packagingType: { type: 'string' },
        totalPackageCount: { type: 'integer' },
        documentShipment: { type: 'boolean' },
        requestedPackageLineItems: { type: 'array', minItems: 1, items: lineItem },
        customsClearanceDetail: {
          type: 'object',
          required: ['commodities'],
          properties: { dutiesPayment: { type: 'object', properties: { paymentType: { enum: ['SENDER'] } } }, commodities: { type: 'array', minItems: 1, items: commodity } },
        },
      },
    },
  },
};

const party = {
  type: 'object',
  required: ['address', 'contact'],
  properties: {
    address: {
      type: 'object',
      required: ['streetLines', 'city', 'countryCode'],
      properties: {
        streetLines: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, maxLength: 35 } },
        city: { type: 'string', minLength: 1, maxLength: 35 },
        stateOrProvinceCode: { type: 'string', maxLength: 2 },
        postalCode: { type: 'string' },
        countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
        residential: { type: 'boolean' },
      },
    },
    contact: { type: 'object', required: ['phoneNumber'], properties: { personName: { type: 'string' }, emailAddress: { type: 'string' }, phoneNumber: { type: 'string', minLength: 1, maxLength: 15 }, companyName: { type: 'string', maxLength: 35 } } },
    tins: { type: 'array', items: { type: 'object', required: ['number', 'tinType'], properties: { number: { type: 'string' }, tinType: { enum: ['PERSONAL_NATIONAL', 'PERSONAL_STATE', 'FEDERAL', 'BUSINESS_NATIONAL', 'BUSINESS_STATE', 'BUSINESS_UNION'] } } } },
  },
};

/** POST /ship/v1/shipments body. */
export const FEDEX_SHIP_REQUEST = {
  type: 'object',
  required: ['requestedShipment', 'labelResponseOptions', 'accountNumber'],
  properties: {
    labelResponseOptions: { enum: ['URL_ONLY', 'LABEL'] },
    accountNumber: { type: 'object', required: ['value'], properties: { value: { type: 'string', minLength: 1 } } },
    requestedShipment: {
      type: 'object',
      required: ['shipper', 'recipients', 'pickupType', 'serviceType', 'packagingType', 'totalWeight', 'shippingChargesPayment', 'labelSpecification', 'requestedPackageLineItems'],
      properties: {
        shipDatestamp: { type: 'string', format: 'date' },
        shipper: party,
        recipients: { type: 'array', minItems: 1, items: party },
        pickupType: { enum: ['CONTACT_FEDEX_TO_SCHEDULE', 'DROPOFF_AT_FEDEX_LOCATION', 'USE_SCHEDULED_PICKUP'] },
        serviceType: { type: 'string', minLength: 1 },
        packagingType: { type: 'string', minLength: 1 },
        totalWeight: { type: 'number' },
        shippingChargesPayment: { type: 'object', required: ['paymentType'], properties: { paymentType: { enum: ['SENDER', 'RECIPIENT', 'THIRD_PARTY', 'COLLECT'] } } },
        shipmentSpecialServices: {
          type: 'object',
          properties: {
            specialServiceTypes: { type: 'array', items: { type: 'string' } },
            etdDetail: { type: 'object', properties: { requestedDocumentTypes: { type: 'array', items: { type: 'string' } } } },
            shipmentDryIceDetail: { type: 'object', required: ['totalWeight', 'packageCount'], properties: { totalWeight: weight, packageCount: { type: 'integer' } } },
          },
        },
        labelSpecification: {
          type: 'object',
          required: ['labelStockType', 'imageType'],
          properties: {
            labelStockType: { enum: ['PAPER_4X6', 'STOCK_4X675', 'PAPER_4X675', 'PAPER_4X8', 'PAPER_4X9', 'PAPER_7X475', 'PAPER_85X11_BOTTOM_HALF_LABEL', 'PAPER_85X11_TOP_HALF_LABEL', 'PAPER_LETTER', 'STOCK_4X675_LEADING_DOC_TAB', 'STOCK_4X8', 'STOCK_4X9_LEADING_DOC_TAB', 'STOCK_4X6', 'STOCK_4X675_TRAILING_DOC_TAB', 'STOCK_4X9_TRAILING_DOC_TAB', 'STOCK_4X9', 'STOCK_4X85_TRAILING_DOC_TAB', 'STOCK_4X105_TRAILING_DOC_TAB'] },
            imageType: { enum: ['ZPLII', 'EPL2', 'PDF', 'PNG'] },
          },
        },
        customsClearanceDetail: {
          type: 'object',
          required: ['commercialInvoice', 'commodities'],
          properties: {
            dutiesPayment: { type: 'object', properties: { paymentType: { enum: ['SENDER', 'RECIPIENT', 'THIRD_PARTY', 'COLLECT'] } } },
            commercialInvoice: { type: 'object', properties: { shipmentPurpose: { enum: ['GIFT', 'NOT_SOLD', 'PERSONAL_EFFECTS', 'REPAIR_AND_RETURN', 'SAMPLE', 'SOLD'] }, termsOfSale: { type: 'string' } } },
            commodities: { type: 'array', minItems: 1, items: commodity },
            totalCustomsValue: money,
          },
        },
        shippingDocumentSpecification: {
          type: 'object',
          properties: {
            shippingDocumentTypes: { type: 'array', items: { enum: ['CERTIFICATE_OF_ORIGIN', 'COMMERCIAL_INVOICE', 'CUSTOM_PACKAGE_DOCUMENT', 'CUSTOM_SHIPMENT_DOCUMENT', 'CUSTOMER_SPECIFIED_LABELS', 'EXPORT_DECLARATION', 'GENERAL_AGENCY_AGREEMENT', 'LABEL', 'OP_900', 'PRO_FORMA_INVOICE', 'RETURN_INSTRUCTIONS', 'USMCA_CERTIFICATION_OF_ORIGIN', 'USMCA_COMMERCIAL_INVOICE_CERTIFICATION_OF_ORIGIN'] } },
            commercialInvoiceDetail: { type: 'object', properties: { documentFormat: { type: 'object', properties: { docType: { enum: ['PDF', 'PNG', 'ZPLII'] }, stockType: { type: 'string' } } } } },
          },
        },
        totalPackageCount: { type: 'integer' },
        requestedPackageLineItems: { type: 'array', minItems: 1, items: lineItem },
      },
    },
  },
};

/** PUT /ship/v1/shipments/cancel body. */
export const FEDEX_CANCEL_REQUEST = {
  type: 'object',
  required: ['accountNumber', 'trackingNumber'],
  properties: {
    accountNumber: { type: 'object', required: ['value'], properties: { value: { type: 'string' } } },
    emailShipment: { type: 'boolean' },
    senderCountryCode: { type: 'string' },
    deletionControl: { enum: ['DELETE_ALL_PACKAGES', 'DELETE_ONE_PACKAGE', 'LEGACY'] },
    trackingNumber: { type: 'string', minLength: 1 },
  },
};

/** POST /track/v1/trackingnumbers body. */
export const FEDEX_TRACK_REQUEST = {
  type: 'object',
  required: ['trackingInfo', 'includeDetailedScans'],
  properties: {
    includeDetailedScans: { type: 'boolean' },
    trackingInfo: {
      type: 'array',
      minItems: 1,
      maxItems: 30,
      items: { type: 'object', required: ['trackingNumberInfo'], properties: { shipDateBegin: { type: 'string' }, shipDateEnd: { type: 'string' }, trackingNumberInfo: { type: 'object', required: ['trackingNumber'], properties: { trackingNumber: { type: 'string', minLength: 1 }, carrierCode: { type: 'string' }, trackingNumberUniqueId: { type: 'string' } } } } },
    },
  },
};

/** POST /oauth/token form body. */
export const FEDEX_TOKEN_REQUEST = closed(
  { grant_type: { enum: ['client_credentials', 'csp_credentials', 'client_pc_credentials'] }, client_id: { type: 'string', minLength: 1 }, client_secret: { type: 'string', minLength: 1 }, child_Key: { type: 'string' }, child_secret: { type: 'string' } },
  ['grant_type', 'client_id', 'client_secret'],
);
