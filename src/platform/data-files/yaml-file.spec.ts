import { parseYamlText } from './yaml-file';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'services'],
  properties: {
    id: { type: 'string', pattern: '^[a-z-]+$' },
    services: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string' }, maxKg: { type: 'number' } } },
    },
  },
};

describe('parseYamlText', () => {
  it('returns the value when valid', () => {
    const r = parseYamlText('id: dhl\nservices:\n  - code: a\n    maxKg: 30\n', 'c.yaml', schema);
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({ id: 'dhl', services: [{ code: 'a', maxKg: 30 }] });
  });

  it('reports every problem with line and field', () => {
    const text = ['id: DHL', 'extra: 1', 'services:', '  - maxKg: heavy', '  - code: b', '    maxKg: 3'].join('\n');
    const r = parseYamlText(text, 'c.yaml', schema);
    expect(r.value).toBeUndefined();
    expect(r.problems).toEqual(
      expect.arrayContaining([
        { file: 'c.yaml', line: 1, field: 'id', message: expect.stringMatching(/pattern/) },
        { file: 'c.yaml', line: 2, field: 'extra', message: 'unknown field' },
        { file: 'c.yaml', line: 4, field: 'services[0].code', message: 'is required' },
        { file: 'c.yaml', line: 4, field: 'services[0].maxKg', message: 'must be number' },
      ]),
    );
    expect(r.problems).toHaveLength(4);
  });

  it('reports the failing branch of an if/then, not a summary line', () => {
    const conditional = {
      type: 'object',
      properties: { format: { enum: ['s10', 'mod7'] }, prefix: { type: 'string' } },
      if: { properties: { format: { const: 'mod7' } } },
      then: { properties: { prefix: { type: 'string' } }, required: ['prefix'] },
    };
    const r = parseYamlText('format: mod7\n', 'f.yaml', conditional);
    expect(r.problems).toEqual([{ file: 'f.yaml', line: 1, field: 'prefix', message: 'is required' }]);
  });

  it('reports syntax errors and duplicate keys with their line', () => {
    expect(parseYamlText('id: a\nid: b\n', 'd.yaml', schema).problems[0]).toMatchObject({ file: 'd.yaml', line: 2 });
    expect(parseYamlText('id: [a\n', 'e.yaml', schema).problems[0].message).toMatch(/YAML syntax/);
  });
});
