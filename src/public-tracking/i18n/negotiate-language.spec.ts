import { negotiateLanguage, parseAcceptLanguage } from './negotiate-language';

describe('negotiateLanguage', () => {
  it.each`
    query        | header                                   | language | locale     | source       | case
    ${undefined} | ${undefined}                             | ${'en'}  | ${'en-GB'} | ${'default'} | ${'nothing asked'}
    ${undefined} | ${'de-DE,de;q=0.9,en;q=0.8'}             | ${'de'}  | ${'de-DE'} | ${'header'}  | ${'German browser'}
    ${undefined} | ${'de-AT'}                               | ${'de'}  | ${'de-AT'} | ${'header'}  | ${'region kept for dates'}
    ${undefined} | ${'en-US,en;q=0.9'}                      | ${'en'}  | ${'en-US'} | ${'header'}  | ${'American English'}
    ${undefined} | ${'ja,zh-TW;q=0.8,en;q=0.5'}             | ${'zh'}  | ${'zh-CN'} | ${'header'}  | ${'unsupported first; Chinese next, formatted as Simplified'}
    ${undefined} | ${'fr;q=0.3, es;q=0.7'}                  | ${'es'}  | ${'es-ES'} | ${'header'}  | ${'q-values decide, not order'}
    ${undefined} | ${'es;q=0.5, fr;q=0.5'}                  | ${'es'}  | ${'es-ES'} | ${'header'}  | ${'equal weights keep header order'}
    ${undefined} | ${'de;q=0, fr'}                          | ${'fr'}  | ${'fr-FR'} | ${'header'}  | ${'q=0 means not wanted'}
    ${undefined} | ${'ja, *;q=0.1'}                         | ${'en'}  | ${'en-GB'} | ${'header'}  | ${'wildcard means the default'}
    ${undefined} | ${'pt-BR, it'}                           | ${'en'}  | ${'en-GB'} | ${'default'} | ${'nothing we have'}
    ${undefined} | ${';;;,,de;q=abc,  fr ; q = 0.4 '}       | ${'fr'}  | ${'fr-FR'} | ${'header'}  | ${'garbage and malformed weights are skipped'}
    ${'fr'}      | ${'de'}                                  | ${'fr'}  | ${'fr-FR'} | ${'query'}   | ${'the switch wins over the header'}
    ${'ZH'}      | ${undefined}                             | ${'zh'}  | ${'zh-CN'} | ${'query'}   | ${'case-insensitive switch'}
    ${'es-MX'}   | ${undefined}                             | ${'es'}  | ${'es-MX'} | ${'query'}   | ${'regional switch value'}
    ${'xx'}      | ${'de'}                                  | ${'de'}  | ${'de-DE'} | ${'header'}  | ${'unknown switch value falls back to the header'}
    ${'<script>'}| ${undefined}                             | ${'en'}  | ${'en-GB'} | ${'default'} | ${'hostile switch value'}
  `('$case', ({ query, header, language, locale, source }) => {
    expect(negotiateLanguage(query, header)).toEqual({ language, locale, source });
  });

  it('reads only the start of an absurdly long header', () => {
    const header = `${'x-foo;q=0.1,'.repeat(10_000)}de`;
    expect(parseAcceptLanguage(header).length).toBeLessThanOrEqual(24);
    expect(negotiateLanguage(undefined, header).language).toBe('en');
  });
});
