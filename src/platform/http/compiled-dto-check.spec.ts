import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { getMetadataStorage, IsEmail, IsInt, IsOptional, IsString, Matches, ValidateIf, validateSync, ValidateNested } from 'class-validator';
import { AppModule } from '../../app.module';
import { LandedCostRequestDto } from '../../landed-cost/landed-cost.dto';
import { CreateQuoteDto } from '../../rating/quote-request.dto';
import { CreateShipmentDto } from '../../shipments/dto/shipment-request.dto';
import { compileDtoCheck, dtoCheckFor } from './compiled-dto-check';
import { findMisshapenNested } from './nested-shape';

/** class-validator's verdict as the quote pipe asks for it: no problem at all, nested shapes included. */
function classValidatorAccepts(cls: new () => object, body: unknown): boolean {
  const dto = plainToInstance(cls, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  return errors.length === 0 && findMisshapenNested(dto).length === 0;
}

const money = (amount: string, currency = 'EUR') => ({ amount, currency });

/** Bodies that use every field of a quote request at least once. */
const VALID_QUOTES: object[] = [
  {
    shipFrom: { country: 'FR', postalCode: '69002', city: 'Lyon' },
    shipTo: { country: 'JP', postalCode: '150-0001', city: 'Tokyo', region: '13', residential: true },
    parcels: [{ weight: { value: 2.25, unit: 'kg' }, dimensions: { length: 40.5, width: 30, height: 8, unit: 'cm' } }, { weight: { value: 300, unit: 'g' } }],
    items: [
      { sku: 'SILK-9', description: 'Silk scarf', hsCode: '621410', originCountry: 'FR', quantity: 3, unitValue: money('85.00') },
      { description: 'Notebook', hsCode: '4820.10', originCountry: 'IT', quantity: 12, unitValue: money('4.2') },
    ],
    incoterm: 'DDP',
    currency: 'JPY',
  },
  {
    shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn', region: 'NW', residential: false },
    shipTo: { country: 'CH', postalCode: '8008', city: 'Zürich 😀' },
    parcels: [{ weight: { value: 420, unit: 'kg' }, dimensions: { length: 120, width: 80, height: 100, unit: 'cm' }, pallet: true, reference: 'PAL-1' }],
    items: [
      {
        description: 'Lithium batteries',
        hsCode: '8507.60.00',
        originCountry: 'CN',
        quantity: 10,
        unitValue: money('120.000001'),
        unitWeight: { value: 0.5, unit: 'lb' },
        preferenceClaimed: false,
      },
    ],
    handling: {
      dangerousGoods: [{ unNumber: 'UN3481', class: '9', packingGroup: 'II', packingInstruction: 'PI967', section: 'II', quantity: 2 }],
      dryIceKg: 0,
      temperature: { minC: 2, maxC: 8 },
      fragile: true,
      signature: 'adult',
      insurance: money('1200'),
    },
    incoterm: 'DAP',
    currency: 'CHF',
    shipDate: '2026-12-01',
    customerId: 'acme-gmbh',
    importer: { type: 'business', taxIds: [{ type: 'vat', value: 'CHE-123.456.789', country: 'CH' }] },
    sort: 'fastest',
    carriers: ['dhl-express', 'dhl-freight'],
    sellerRegistrations: ['eu_ioss'],
    exchangeRates: [{ from: 'EUR', to: 'CHF', rate: '0.9412' }],
  },
  {
    shipFrom: { country: 'GB' },
    shipTo: { country: 'AU', postalCode: '2000' },
    parcels: [{ weight: { value: 12, unit: 'oz' } }],
    items: [],
    incoterm: 'DAP',
    currency: 'AUD',
    handling: null,
    importer: { type: 'consumer' },
    sort: null,
  },
];

/** Landed-cost requests, the B2B order with every field among them. */
const VALID_LANDED_COST: object[] = [
  {
    shipFrom: { country: 'JP' },
    shipTo: { country: 'NZ', postalCode: '6011' },
    items: [{ description: 'Camera lens', hsCode: '900211', originCountry: 'JP', quantity: 2, unitValue: money('640.00', 'JPY'), unitWeight: { value: 900, unit: 'g' } }],
    shipping: money('3000', 'JPY'),
    insurance: money('25.5', 'NZD'),
    incoterm: 'DAP',
    currency: 'NZD',
    mode: 'courier',
    date: '2026-12-02',
    exchangeRates: [{ from: 'JPY', to: 'NZD', rate: '0.0112' }],
    importer: { type: 'consumer' },
    sellerRegistrations: ['nz_gst'],
  },
  {
    shipFrom: { country: 'DE', region: 'BY', postalCode: '80331' },
    shipTo: { country: 'CA', region: 'ON', postalCode: 'M5V 2T6' },
    items: Array.from({ length: 20 }, (_, i) => ({
      sku: `SKU-${i}`,
      description: `Part ${i}`,
      hsCode: i % 2 ? '8483.40' : '9403 20',
      originCountry: i % 3 ? 'DE' : 'CN',
      quantity: 1 + i,
      unitValue: money(`${10 + i}.5`),
      ...(i % 4 === 0 && { unitVolumeLitres: 0.75, alcoholPercent: 40 }),
      preferenceClaimed: i % 2 === 0,
    })),
    incoterm: 'DDP',
    currency: 'CAD',
    mode: 'postal',
    importer: { type: 'business', taxIds: [{ type: 'bn', value: '123456789RT0001', country: 'CA' }] },
    carrierFees: { ddpFee: money('5.00'), disbursementFee: { percent: 2, minimum: money('10'), flat: null } },
  },
];

/** Bookings: e-mail addresses, length ranges and positive numbers are checked by class-validator's own functions. */
const VALID_SHIPMENTS: object[] = [
  {
    carrier: 'asendia',
    service: 'epaq-plus',
    reference: 'ORDER-7781',
    shipFrom: { name: 'Lager Nord', company: 'Kontor KG', street1: 'Am Hafen 4', city: 'Hamburg', postalCode: '20457', country: 'DE', email: 'lager@kontor.example', phone: '+49 40 1234567' },
    shipTo: { name: 'Sam Lee', street1: '12 King St W', street2: 'Unit 5', city: 'Toronto', region: 'ON', postalCode: 'M5H 1A1', country: 'CA', email: 'sam@example.ca' },
    parcels: [{ weight: { value: 0.75, unit: 'kg' }, dimensions: { length: 22, width: 16, height: 4, unit: 'cm' } }, { weight: { value: 2, unit: 'lb' } }],
    items: [{ description: 'Wool socks', hsCode: '611595', originCountry: 'DE', quantity: 6, unitValue: money('9.90') }],
    incoterm: 'DAP',
  },
];

/** Small, fixed-seed generator (mulberry32): the same altered bodies on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of every JSON type, at and around the limits the quote DTO sets. */
const ODD_VALUES: unknown[] = [
  null, true, false, 0, -0, 1, -1, 0.0005, 0.001, 0.1, 1.5, 99, 100, 101, 500, 10000, 10001, 100000, 100001, 1000000, 1000001, 1e21, Infinity, -Infinity, -274, -273,
  '', ' ', 'x', 'DE', 'de', 'USD', 'usd', 'EURO', 'kg', 'KG', 'cm', 'DDP', 'ddp', '12.50', '12.5000001', '1e3', '-1', '610910', '61091', '6109.1000', 'UN3481', 'un3481', 'PI967',
  '2026-12-01', '2026-1-1', 'dhl-express', 'DHL', 'eu_ioss', 'I', 'IA', 'IV', 'adult', 'consumer', 'business', 'best_value', 'nope', '\u0000', '\uFE0F'.repeat(64), 'é'.repeat(64), '😀'.repeat(33),
  'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(100), 'a'.repeat(101), 'a'.repeat(500), 'a'.repeat(501), '53113\n', ' 53113', 'A'.repeat(17),
  [], [1], ['DE'], [{}], [[]], [null], {}, { amount: '1', currency: 'EUR' }, { value: 1, unit: 'kg' }, { extra: 1 }, { __proto__x: 1 },
];

type Json = unknown;
type Container = Record<string, Json> | Json[];

/** Every place in a body (containers and their keys), for picking one to alter. */
function places(body: Json, out: { parent: Container; key: string | number }[] = []): { parent: Container; key: string | number }[] {
  if (Array.isArray(body)) body.forEach((v, i) => (out.push({ parent: body, key: i }), places(v, out)));
  else if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) out.push({ parent: body as Record<string, Json>, key: k }), places(v, out);
  return out;
}

function containers(body: Json, out: Container[] = []): Container[] {
  if (Array.isArray(body)) (out.push(body), body.forEach((v) => containers(v, out)));
  else if (body && typeof body === 'object') (out.push(body as Container), Object.values(body).forEach((v) => containers(v, out)));
  return out;
}

/** One to three alterations of a deep copy: a value replaced, a key removed or added, a list grown or emptied. */
function alter(seed: object, rnd: () => number): Json {
  const body = structuredClone(seed) as Json;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const count = 1 + Math.floor(rnd() * 3);
  for (let n = 0; n < count; n++) {
    const kind = rnd();
    const all = places(body);
    if (kind < 0.45 && all.length) {
      const { parent, key } = pick(all);
      (parent as Record<string | number, Json>)[key] = structuredClone(pick(ODD_VALUES));
    } else if (kind < 0.6 && all.length) {
      const { parent, key } = pick(all);
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else if (kind < 0.75) {
      const target = pick(containers(body));
      if (Array.isArray(target)) target.push(structuredClone(target.length ? pick(target) : pick(ODD_VALUES)));
      else target[pick(['extra', 'weight', 'amount', 'country', 'unknown', 'items', 'value', 'type'])] = structuredClone(pick(ODD_VALUES));
    } else if (kind < 0.85) {
      const lists = containers(body).filter(Array.isArray) as Json[][];
      if (lists.length) {
        const list = pick(lists);
        const grown = list.length ? list[0] : pick(ODD_VALUES);
        const size = pick([0, 9, 10, 11, 20, 21, 50, 51, 99, 100, 500, 501]);
        list.splice(0, list.length, ...Array.from({ length: size }, () => structuredClone(grown)));
      }
    } else if (all.length) {
      // A value moved somewhere else: right shapes in wrong places.
      const from = pick(all);
      const to = pick(all);
      (to.parent as Record<string | number, Json>)[to.key] = structuredClone((from.parent as Record<string | number, Json>)[from.key]);
    }
  }
  return body;
}

/** Alters the seeds `count` times; returns how many altered bodies the check passed and refused, and the ones it passed that class-validator refuses. */
function compare(cls: new () => object, seeds: object[], count: number, seed: number): { passed: number; refused: number; looser: Json[] } {
  const check = compileDtoCheck(cls)!;
  const rnd = random(seed);
  const looser: Json[] = [];
  let passed = 0;
  for (let i = 0; i < count; i++) {
    const body = alter(seeds[i % seeds.length], rnd);
    if (!check(plainToInstance(cls, body))) continue;
    passed++;
    if (!classValidatorAccepts(cls, body)) looser.push(body);
  }
  return { passed, refused: count - passed, looser };
}

describe('compileDtoCheck', () => {
  const check = (body: unknown) => dtoCheckFor(CreateQuoteDto)!(plainToInstance(CreateQuoteDto, body));

  it('compiles the quote and landed-cost requests, once per class', () => {
    expect(compileDtoCheck(CreateQuoteDto)).toBeDefined();
    expect(dtoCheckFor(LandedCostRequestDto)).toBeDefined();
    expect(dtoCheckFor(LandedCostRequestDto)).toBe(dtoCheckFor(LandedCostRequestDto));
  });

  it.each<[string, number, new () => object, object]>([
    ...VALID_QUOTES.map((b, i): [string, number, new () => object, object] => ['quote', i, CreateQuoteDto, b]),
    ...VALID_LANDED_COST.map((b, i): [string, number, new () => object, object] => ['landed-cost', i, LandedCostRequestDto, b]),
    ...VALID_SHIPMENTS.map((b, i): [string, number, new () => object, object] => ['booking', i, CreateShipmentDto, b]),
  ])(
    'passes valid %s request %i, as class-validator does',
    (_, __, cls, body) => {
      expect(classValidatorAccepts(cls, body)).toBe(true);
      expect(compileDtoCheck(cls)!(plainToInstance(cls, body))).toBe(true);
    },
  );

  it.each([
    ['quote', CreateQuoteDto, VALID_QUOTES, 12_000],
    ['landed-cost', LandedCostRequestDto, VALID_LANDED_COST, 6_000],
    ['booking', CreateShipmentDto, VALID_SHIPMENTS, 6_000],
  ] as const)('never passes a %s request that class-validator refuses (altered requests)', (_, cls, seeds, count) => {
    const { passed, refused, looser } = compare(cls, seeds, count, 20261128);
    expect(looser.slice(0, 3)).toEqual([]);
    // Both verdicts are exercised in numbers: the alterations are not all fatal, nor all harmless.
    expect(passed).toBeGreaterThan(count / 15);
    expect(refused).toBeGreaterThan(count / 3);
  });

  it.each<[string, unknown]>([
    ['a missing required field', { ...VALID_QUOTES[0], currency: undefined }],
    ['null for a required field', { ...VALID_QUOTES[0], incoterm: null }],
    ['an unknown field', { ...VALID_QUOTES[0], discount: '10%' }],
    ['an unknown nested field', { ...VALID_QUOTES[0], shipTo: { country: 'US', state: 'NY' } }],
    ['an array where one object goes', { ...VALID_QUOTES[0], shipTo: [{ country: 'US' }] }],
    ['a list of lists', { ...VALID_QUOTES[0], parcels: [[]] }],
    ['a number as a string', { ...VALID_QUOTES[0], currency: 840 }],
    ['a string as a number', { ...VALID_QUOTES[0], parcels: [{ weight: { value: '1.4', unit: 'kg' } }] }],
    ['a fraction where an integer goes', { ...VALID_QUOTES[0], items: [{ ...(VALID_QUOTES[0] as { items: object[] }).items[0], quantity: 1.5 }] }],
    ['an infinite number', { ...VALID_QUOTES[0], parcels: [{ weight: { value: Infinity, unit: 'kg' } }] }],
  ])('refuses %s', (_, body) => {
    expect(check(body)).toBe(false);
  });

  it('compiles or declines every class with validation rules in the application, never failing', () => {
    expect(AppModule).toBeDefined(); // loads every module, and with them every DTO class
    const targets = [...(getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> }).validationMetadatas.keys()];
    const classes = targets.filter((t): t is new () => object => typeof t === 'function');
    expect(classes.length).toBeGreaterThan(40);
    const compiledNames = classes.filter((cls) => compileDtoCheck(cls) !== undefined).map((cls) => cls.name);
    expect(compiledNames).toEqual(expect.arrayContaining(['CreateQuoteDto', 'LandedCostRequestDto', 'CreateShipmentDto']));
  });

  it('runs the checks JSON Schema does not state as class-validator does, and has no fast path for what it cannot follow', () => {
    class WithEmail {
      @IsEmail() email!: string;
      @IsOptional() @Matches(/^a+$/i, { each: true }) words?: string[];
    }
    const withEmail = compileDtoCheck(WithEmail)!;
    for (const body of [{ email: 'a@b.example' }, { email: 'a@b.example', words: ['AAA', 'a'] }, { email: 'a@b.example', words: 'aA' }, { email: 'not an address' }, { email: 'a@b.example', words: ['b'] }, { email: 7 }]) {
      expect([body, withEmail(plainToInstance(WithEmail, body))]).toEqual([body, classValidatorAccepts(WithEmail, body)]);
    }
    class WithCondition {
      @ValidateIf((o: { kind?: string }) => o.kind === 'x') @IsString() name!: string;
    }
    class Inner {
      @IsInt() n!: number;
    }
    class Untyped {
      @ValidateNested() inner!: Inner;
    }
    expect(compileDtoCheck(WithCondition)).toBeUndefined();
    expect(compileDtoCheck(Untyped)).toBeUndefined();
  });

  it('treats @IsOptional() as class-validator does: missing or null skips the rules', () => {
    class Inner {
      @IsInt() n!: number;
    }
    class Outer {
      @IsOptional() @IsString() @Matches(/^[a-z]+$/) name?: string;
      @IsOptional() @ValidateNested() @Type(() => Inner) inner?: Inner;
    }
    const outer = compileDtoCheck(Outer)!;
    for (const body of [{}, { name: null }, { inner: null }, { name: 'abc', inner: { n: 1 } }]) {
      expect([outer(body), classValidatorAccepts(Outer, body)]).toEqual([true, true]);
    }
    for (const body of [{ name: 'ABC' }, { name: 1 }, { inner: {} }, { inner: { n: 1, m: 2 } }, { other: 1 }]) {
      expect([outer(body), classValidatorAccepts(Outer, body)]).toEqual([false, false]);
    }
  });
});
