/** Helpers to walk the service's own OpenAPI document in tests. */
export interface Operation {
  method: string;
  path: string;
  /** The path with every `{param}` replaced by a plausible value. */
  concretePath: string;
  scopes: string[];
  op: Record<string, unknown>;
}

const SAMPLE_PARAMS: Record<string, string> = {
  id: 'shp_00000000000000000000000000',
  code: '610910',
  carrier: 'no-such-carrier',
  token: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  type: 'commercial_invoice',
};

export function operations(doc: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const concretePath = path.replace(/\{(\w+)\}/g, (_m, name: string) => SAMPLE_PARAMS[name] ?? 'x0000');
      out.push({ method, path, concretePath, scopes: (op['x-required-scopes'] as string[] | undefined) ?? [], op });
    }
  }
  return out;
}

/** Resolves `$ref`s of the document, one level at a time. */
export function deref(doc: Record<string, unknown>, schema: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  let s = schema;
  for (let i = 0; i < 10 && s && typeof s.$ref === 'string'; i++) {
    const parts = (s.$ref as string).replace(/^#\//, '').split('/');
    s = parts.reduce<unknown>((acc, p) => (acc as Record<string, unknown>)?.[p], doc) as Record<string, unknown> | undefined;
  }
  return s;
}

export function requestSchema(doc: Record<string, unknown>, op: Record<string, unknown>): Record<string, unknown> | undefined {
  const body = op.requestBody as { content?: Record<string, { schema?: Record<string, unknown> }> } | undefined;
  return deref(doc, body?.content?.['application/json']?.schema);
}
