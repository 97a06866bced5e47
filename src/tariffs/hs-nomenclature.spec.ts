import { HsNomenclature, stem, terms } from './hs-nomenclature';

const entries = [
  { code: '61', description: 'Apparel and clothing accessories; knitted or crocheted', level: 2 as const, parent: null, section: 'XI' },
  { code: '6109', description: 'T-shirts, singlets and other vests; knitted or crocheted', level: 4 as const, parent: '61', section: 'XI' },
  { code: '610910', description: 'T-shirts, singlets and other vests; of cotton, knitted or crocheted', level: 6 as const, parent: '6109', section: 'XI' },
  { code: '610990', description: 'T-shirts, singlets and other vests; of textile materials (other than cotton), knitted or crocheted', level: 6 as const, parent: '6109', section: 'XI' },
  { code: '52', description: 'Cotton', level: 2 as const, parent: null, section: 'XI' },
  { code: '5201', description: 'Cotton; not carded or combed', level: 4 as const, parent: '52', section: 'XI' },
  { code: '520100', description: 'Cotton; not carded or combed', level: 6 as const, parent: '5201', section: 'XI' },
];

describe('HS terms', () => {
  it.each([
    ['T-shirts', ['tshirt', 't', 'shirt']],
    ['Batteries; lithium', ['battery', 'lithium']],
    ['boxes of glass', ['box', 'glass']],
  ])('%s -> %j', (text, expected) => {
    expect(terms(text)).toEqual(expected);
  });

  it('stems plurals only', () => {
    expect(stem('shoes')).toBe('shoe');
    expect(stem('glass')).toBe('glass');
    expect(stem('bus')).toBe('bus');
  });
});

describe('HsNomenclature', () => {
  const hs = new HsNomenclature(entries);

  it('ranks the cotton T-shirt subheading first for "cotton t-shirt", "tshirt cotton" and "t shirts cotton"', () => {
    for (const q of ['cotton t-shirt', 'tshirt cotton', 't shirts cotton']) {
      expect(hs.search(q)[0].code).toBe('610910');
    }
  });

  it('searches by code prefix', () => {
    expect(hs.search('6109').map((h) => h.code)).toEqual(['6109', '61', '610910', '610990']);
  });

  it('walks ancestry and children', () => {
    expect(hs.ancestry('610910').map((e) => e.code)).toEqual(['61', '6109', '610910']);
    expect(hs.childrenOf('6109').map((e) => e.code)).toEqual(['610910', '610990']);
  });

  it('maps national codes to their subheading', () => {
    expect(hs.subheadingOf('6109.10.0012')?.code).toBe('610910');
    expect(hs.subheadingOf('61091')).toBeUndefined();
  });

  it('suggests siblings for an unknown subheading', () => {
    expect(hs.suggest('610999').map((s) => s.code)).toEqual(['610910', '610990']);
  });

  it('scores by term rarity, full matches, level and leading words', () => {
    expect(hs.search('cotton t-shirt').map((h) => [h.code, h.score])).toEqual([
      ['610910', 9.289],
      ['610990', 9.289],
      ['6109', 4.154],
      ['520100', 1.208],
      ['5201', 1.007],
      ['52', 0.604],
    ]);
  });

  it('counts a code listed twice once', () => {
    const twice = new HsNomenclature([...entries, entries[5]]);
    expect(twice.size).toBe(entries.length);
    expect(twice.search('cotton').map((h) => [h.code, h.score])).toEqual([
      ['520100', 1.812],
      ['610910', 1.576],
      ['610990', 1.576],
      ['5201', 1.51],
      ['52', 0.906],
    ]);
  });
});
