import { parseCsvText } from './csv-file';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['zone', 'maxKg', 'price'],
  properties: { zone: { type: 'string' }, maxKg: { type: 'number', exclusiveMinimum: 0 }, price: { type: 'number' }, note: { type: 'string' } },
};

describe('parseCsvText', () => {
  it('coerces types, skips comments, keeps file line numbers and header comments', () => {
    const text = '# Source: example\n# Date: 2026-01-01\nzone,maxKg,price,note\n1,0.5,10.5,\n\n2,1,12,x\n';
    const r = parseCsvText<{ zone: string; maxKg: number; price: number }>(text, 'r.csv', schema);
    expect(r.problems).toEqual([]);
    expect(r.headerComments).toEqual(['Source: example', 'Date: 2026-01-01']);
    expect(r.rows).toEqual([
      { line: 4, record: { zone: '1', maxKg: 0.5, price: 10.5 } },
      { line: 6, record: { zone: '2', maxKg: 1, price: 12, note: 'x' } },
    ]);
  });

  it.each([
    ['CRLF', '# Source: example\r\nzone,maxKg,price\r\n1,1,1\r\n2,-1,1\r\n'],
    ['LF comments before CRLF rows', '# Source: example\nzone,maxKg,price\r\n1,1,1\r\n2,-1,1\r\n'],
  ])('counts file lines the same with %s line endings', (_name, text) => {
    const r = parseCsvText<{ zone: string }>(text, 'r.csv', schema);
    expect(r.rows.map((row) => row.line)).toEqual([3]);
    expect(r.problems).toEqual([{ file: 'r.csv', line: 4, field: 'maxKg', message: 'must be > 0' }]);
    expect(r.headerComments).toEqual(['Source: example']);
  });

  it('reports each bad cell with line and column', () => {
    const r = parseCsvText('zone,maxKg,price\n1,-1,ten\n2,1,\n', 'r.csv', schema);
    expect(r.problems).toEqual([
      { file: 'r.csv', line: 2, field: 'maxKg', message: 'must be > 0' },
      { file: 'r.csv', line: 2, field: 'price', message: 'must be number' },
      { file: 'r.csv', line: 3, field: 'price', message: 'is required' },
    ]);
  });

  it('reports unknown columns and broken quoting', () => {
    expect(parseCsvText('zone,maxKg,price,colour\n1,1,1,red\n', 'r.csv', schema).problems[0]).toMatchObject({ line: 2, field: 'colour', message: 'unknown field' });
    expect(parseCsvText('zone,maxKg,price\n"1,1,1\n', 'r.csv', schema).problems[0].message).toMatch(/CSV syntax/);
  });
});
