/**
 * Request schemas of the MyDHL API 3.1.1, written by us for the fields a client may send, with the
 * types, lengths, enumerations, required fields and closed objects (`additionalProperties: false`)
 * that the specification (dpdhl-express-api-3.1.1_swagger.yaml, components
 * `supermodelIoLogisticsExpressRateRequest`, `...CreateShipmentRequest`, parameters
 * `xVersionHeader`, `trackingView`, `trackingLevelOfDetail`) declares. The specification itself states
 * no licence, so it is not copied; these schemas cover the parts our adapter uses plus their
 * siblings, and reject any field the specification does not have at that place.
 */

const str = (min: number, max: number) => ({ type: 'string', minLength: min, maxLength: max });
const closed = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', additionalProperties: false, properties, required });

const RATE_ADDRESS = closed(
  {
    postalCode: str(0, 12),
    cityName: str(1, 45),
    countryCode: str(2, 2),
    provinceCode: str(2, 35),
    addressLine1: str(1, 45),
    addressLine2: str(1, 45),
    addressLine3: str(1, 45),
    countyName: str(1, 45),
  },
  ['postalCode', 'cityName', 'countryCode'],
);

const ACCOUNT = closed({ typeCode: { enum: ['shipper', 'payer', 'duties-taxes'] }, number: str(1, 12) }, ['typeCode', 'number']);

const VALUE_ADDED_SERVICE_RATES = closed(
  { serviceCode: str(1, 6), localServiceCode: str(1, 3), value: { type: 'number', minimum: 0, maximum: 999999999999999 }, currency: str(3, 3), method: { enum: ['cash'] } },
  ['serviceCode'],
);

const PACKAGE = closed(
  {
    typeCode: { enum: ['1CE', '2BC', '2BP', '2BX', '3BX', '4BX', '5BX', '6BX', '7BX', '8BX', 'CE1', 'TBL', 'TBS', 'WB1', 'WB2', 'WB3', 'WB6', 'XPD'] },
    weight: { type: 'number', minimum: 0.001, maximum: 999999999999 },
    dimensions: closed(
      {
        length: { type: 'number', minimum: 0.001, maximum: 9999999 },
        width: { type: 'number', minimum: 0.001, maximum: 9999999 },
        height: { type: 'number', minimum: 0.001, maximum: 9999999 },
      },
      ['length', 'width', 'height'],
    ),
  },
  ['weight'],
);

/** POST /rates body. */
export const MYDHL_RATE_REQUEST = closed(
  {
    customerDetails: closed({ shipperDetails: RATE_ADDRESS, receiverDetails: RATE_ADDRESS }, ['shipperDetails', 'receiverDetails']),
    accounts: { type: 'array', maxItems: 2, items: ACCOUNT },
    productCode: str(1, 6),
    localProductCode: str(1, 3),
    valueAddedServices: { type: 'array', maxItems: 99, items: VALUE_ADDED_SERVICE_RATES },
    payerCountryCode: str(2, 2),
    plannedShippingDateAndTime: { ...str(1, 29), pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(GMT[+-]\\d{2}:\\d{2})?$' },
    unitOfMeasurement: { enum: ['metric', 'imperial'] },
    isCustomsDeclarable: { type: 'boolean' },
    monetaryAmount: {
      type: 'array',
      items: closed({ typeCode: { enum: ['declaredValue', 'insuredValue'] }, value: { type: 'number', maximum: 999999999999999 }, currency: str(3, 3) }, ['typeCode', 'value', 'currency']),
    },
    requestAllValueAddedServices: { type: 'boolean' },
    estimatedDeliveryDate: closed({ isRequested: { type: 'boolean' }, typeCode: { enum: ['QDDC', 'QDDF'] } }),
    returnStandardProductsOnly: { type: 'boolean' },
    nextBusinessDay: { type: 'boolean' },
    productTypeCode: { enum: ['all', 'dayDefinite', 'timeDefinite'] },
    packages: { type: 'array', minItems: 1, maxItems: 999, items: PACKAGE },
  },
  ['customerDetails', 'plannedShippingDateAndTime', 'unitOfMeasurement', 'isCustomsDeclarable', 'packages'],
);

const REGISTRATION_TYPES = ['VAT', 'EIN', 'GST', 'SSN', 'EOR', 'DUN', 'FED', 'STA', 'CNP', 'IE', 'INN', 'KPP', 'OGR', 'OKP', 'MRN', 'SDT', 'FTZ', 'DAN', 'TAN', 'DTF', 'RGP', 'DLI', 'NID', 'PAS', 'MID', 'IMS', 'EIC', 'FTN', 'CIC', 'PEP'];

const PARTY = closed(
  {
    postalAddress: closed(
      {
        postalCode: str(0, 12),
        cityName: str(1, 45),
        countryCode: str(2, 2),
        provinceCode: str(2, 35),
        addressLine1: str(1, 45),
        addressLine2: str(1, 45),
        addressLine3: str(1, 45),
        countyName: str(1, 45),
        provinceName: str(1, 35),
        countryName: str(1, 35),
      },
      ['postalCode', 'cityName', 'countryCode', 'addressLine1'],
    ),
    contactInformation: closed({ email: str(1, 70), phone: str(1, 70), mobilePhone: str(1, 70), companyName: str(1, 100), fullName: str(1, 255) }, ['phone', 'companyName', 'fullName']),
    registrationNumbers: {
      type: 'array',
      maxItems: 50,
      items: closed({ typeCode: { enum: REGISTRATION_TYPES }, number: str(1, 35), issuerCountryCode: str(2, 2) }, ['typeCode', 'number', 'issuerCountryCode']),
    },
    typeCode: { enum: ['business', 'direct_consumer', 'government', 'other', 'private', 'reseller'] },
  },
  ['postalAddress', 'contactInformation'],
);

const REFERENCE = closed({ value: str(1, 35), typeCode: { enum: ['AAO', 'CU', 'FF', 'FN', 'IBC', 'LLR', 'OBC', 'PRN', 'ACP', 'ACS', 'ACR', 'CDN', 'STD', 'CO'] } }, ['value']);

const EXPORT_REASON_TYPES = [
  'permanent',
  'temporary',
  'return',
  'used_exhibition_goods_to_origin',
  'intercompany_use',
  'commercial_purpose_or_sale',
  'personal_belongings_or_personal_use',
  'sample',
  'gift',
  'return_to_origin',
  'warranty_replacement',
  'diplomatic_goods',
  'defence_material',
];

const LINE_ITEM = closed(
  {
    number: { type: 'integer', minimum: 1, maximum: 999 },
    description: str(1, 512),
    price: { type: 'number', minimum: 0, maximum: 999999999999999 },
    quantity: closed({ value: { type: 'integer', minimum: 1, maximum: 1000000000 }, unitOfMeasurement: { enum: ['BOX', 'DOZ', 'PCS', 'KG', 'GM', 'LBS', 'PRS', 'SET', 'EA', 'M', 'LTR', 'X', 'NO'] } }, ['value', 'unitOfMeasurement']),
    commodityCodes: { type: 'array', maxItems: 2, items: closed({ typeCode: { enum: ['outbound', 'inbound'] }, value: str(2, 18) }, ['typeCode', 'value']) },
    exportReasonType: { enum: EXPORT_REASON_TYPES },
    manufacturerCountry: str(2, 2),
    weight: closed({ netValue: { type: 'number', minimum: 0, maximum: 999999999999 }, grossValue: { type: 'number', minimum: 0, maximum: 999999999999 } }),
    isTaxesPaid: { type: 'boolean' },
  },
  ['number', 'description', 'price', 'quantity', 'manufacturerCountry', 'weight'],
);

const VALUE_ADDED_SERVICE_SHIP = closed(
  {
    serviceCode: str(1, 6),
    value: { type: 'number', minimum: 0, maximum: 999999999999999 },
    currency: str(3, 3),
    method: { type: 'string' },
    dangerousGoods: {
      type: 'array',
      maxItems: 1,
      items: {
        oneOf: [
          closed({ contentId: str(3, 3), dryIceTotalNetWeight: { type: 'number' }, unCodes: { type: 'array' } }, ['dryIceTotalNetWeight']),
          closed({ contentId: str(3, 3), unCodes: { type: 'array', minItems: 1, maxItems: 10, items: str(1, 10) } }, ['unCodes']),
        ],
      },
    },
  },
  ['serviceCode'],
);

/** POST /shipments body. */
export const MYDHL_SHIPMENT_REQUEST = closed(
  {
    plannedShippingDateAndTime: { ...str(1, 29), pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(GMT[+-]\\d{2}:\\d{2})?$' },
    pickup: closed({ isRequested: { type: 'boolean' }, closeTime: { type: 'string', maxLength: 5 }, location: { type: 'string', maxLength: 80 } }, ['isRequested']),
    productCode: str(1, 6),
    localProductCode: str(1, 3),
    getRateEstimates: { type: 'boolean' },
    accounts: { type: 'array', minItems: 1, maxItems: 3, items: ACCOUNT },
    valueAddedServices: { type: 'array', maxItems: 99, items: VALUE_ADDED_SERVICE_SHIP },
    outputImageProperties: closed({
      printerDPI: { enum: [200, 300] },
      encodingFormat: { enum: ['pdf', 'zpl', 'lp2', 'epl'] },
      imageOptions: {
        type: 'array',
        maxItems: 20,
        items: closed(
          {
            typeCode: { enum: ['label', 'waybillDoc', 'invoice', 'qr-code', 'shipmentReceipt'] },
            templateName: { type: 'string', maxLength: 25 },
            isRequested: { type: 'boolean' },
            hideAccountNumber: { type: 'boolean' },
            numberOfCopies: { type: 'number', minimum: 1, maximum: 2 },
            invoiceType: { enum: ['commercial', 'proforma', 'returns'] },
            languageCode: str(3, 3),
            encodingFormat: { enum: ['png'] },
            renderDHLLogo: { type: 'boolean' },
            fitLabelsToA4: { type: 'boolean' },
          },
          ['typeCode'],
        ),
      },
      splitTransportAndWaybillDocLabels: { type: 'boolean' },
      allDocumentsInOneImage: { type: 'boolean' },
      splitDocumentsByPages: { type: 'boolean' },
      splitInvoiceAndReceipt: { type: 'boolean' },
      receiptAndLabelsInOneImage: { type: 'boolean' },
    }),
    customerReferences: { type: 'array', maxItems: 999, items: REFERENCE },
    customerDetails: closed(
      { shipperDetails: PARTY, receiverDetails: PARTY, buyerDetails: PARTY, importerDetails: PARTY, exporterDetails: PARTY, sellerDetails: PARTY, payerDetails: PARTY },
      ['shipperDetails', 'receiverDetails'],
    ),
    content: closed(
      {
        packages: {
          type: 'array',
          minItems: 1,
          maxItems: 999,
          items: closed(
            {
              ...(PACKAGE.properties as Record<string, unknown>),
              customerReferences: { type: 'array', minItems: 1, maxItems: 99, items: REFERENCE },
              description: str(1, 70),
              labelDescription: str(1, 80),
            },
            ['weight'],
          ),
        },
        isCustomsDeclarable: { type: 'boolean' },
        declaredValue: { type: 'number', minimum: 0, maximum: 999999999999999 },
        declaredValueCurrency: str(3, 3),
        exportDeclaration: closed(
          {
            lineItems: { type: 'array', minItems: 1, maxItems: 999, items: LINE_ITEM },
            invoice: closed(
              {
                number: str(1, 35),
                date: { type: 'string', format: 'date' },
                signatureName: { type: 'string', maxLength: 35 },
                signatureTitle: { type: 'string', maxLength: 35 },
                totalNetWeight: { type: 'number', minimum: 0 },
                totalGrossWeight: { type: 'number', minimum: 0 },
              },
              ['number', 'date'],
            ),
            remarks: { type: 'array', maxItems: 3 },
            exportReference: str(0, 40),
            exportReason: str(1, 30),
            exportReasonType: { enum: EXPORT_REASON_TYPES },
            shipmentType: { enum: ['personal', 'commercial'] },
            placeOfIncoterm: str(1, 256),
          },
          ['lineItems'],
        ),
        description: { ...str(1, 70), pattern: '^[^\\s]' },
        USFilingTypeValue: str(1, 20),
        incoterm: { enum: ['EXW', 'FCA', 'CPT', 'CIP', 'DPU', 'DAP', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF', 'DAF', 'DAT', 'DDU', 'DEQ', 'DES'] },
        unitOfMeasurement: { enum: ['metric', 'imperial'] },
      },
      ['packages', 'isCustomsDeclarable', 'description', 'incoterm', 'unitOfMeasurement'],
    ),
    shipmentNotification: { type: 'array', maxItems: 5 },
    getTransliteratedResponse: { type: 'boolean' },
    estimatedDeliveryDate: closed({ isRequested: { type: 'boolean' }, typeCode: { enum: ['QDDC', 'QDDF'] } }, ['isRequested']),
  },
  ['plannedShippingDateAndTime', 'pickup', 'productCode', 'accounts', 'customerDetails', 'content'],
);

/** Query of GET /shipments/{shipmentTrackingNumber}/tracking. */
export const MYDHL_TRACKING_QUERY = closed({
  trackingView: { enum: ['all-checkpoints', 'all-checkpoints-with-remarks', 'last-checkpoint', 'shipment-details-only', 'advance-shipment', 'bbx-children'] },
  levelOfDetail: { enum: ['shipment', 'piece', 'all'] },
  requestControlledAccessDataCodes: { enum: ['true', 'false'] },
  requestGMTOffsetPerEvent: { enum: ['true', 'false'] },
});

/** Query of GET /tracking (parameters `shipmentTrackingNumber`, `pieceTrackingNumber`: up to 200 each). */
export const MYDHL_MULTI_TRACKING_QUERY = closed({
  shipmentTrackingNumber: { type: 'string', minLength: 1 },
  pieceTrackingNumber: { type: 'string', minLength: 1 },
  shipmentReference: { type: 'string' },
  shipmentReferenceType: { type: 'string' },
  shipperAccountNumber: { type: 'string' },
  dateRangeFrom: { type: 'string' },
  dateRangeTo: { type: 'string' },
  trackingView: { enum: ['all-checkpoints', 'all-checkpoints-with-remarks', 'last-checkpoint', 'shipment-details-only', 'advance-shipment', 'bbx-children'] },
  levelOfDetail: { enum: ['shipment', 'piece', 'all'] },
  requestControlledAccessDataCodes: { enum: ['true', 'false'] },
});
