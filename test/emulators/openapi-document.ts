import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** One reason a request does not conform to the carrier's schema. */
export interface SchemaProblem {
  path: string;
  message: string;
}

const cache = new Map<string, OpenApiDocument>();

/**
 * A carrier's OpenAPI document compiled for request validation with Ajv. `$ref`s inside the document
 * resolve against it. OpenAPI-only keywords (`example`, `xml`, `x-*`...) are ignored, as are JSON
 * Schema keywords that do not apply to a value's type (UPS puts `maximum: 1` on objects).
 */
export class OpenApiDocument {
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly parameterValidators = new Map<string, ValidateFunction>();
  readonly doc: Record<string, any>;

  private constructor(
    doc: Record<string, any>,
    private readonly id: string,
  ) {
    this.doc = doc;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, discriminator: false });
    addFormats(this.ajv);
    // OpenAPI 3.1 documents may use `examples` arrays and `const`; 3.0 `nullable` is supported by Ajv.
    this.ajv.addSchema({ ...doc, $id: id }, id);
  }

  /** Loads (once per process) a YAML or JSON document, repairing the known defects of the UPS files. */
  static load(file: string): OpenApiDocument {
    const abs = path.resolve(file);
    let d = cache.get(abs);
    if (!d) {
      let text = readFileSync(abs, 'utf8').replace(/\r\n/g, '\n').replace(/\t/g, '  ');
      text = repairUnderIndentedQuotes(text);
      const parsed = abs.endsWith('.json') ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 });
      d = new OpenApiDocument(parsed, `spec:${path.basename(abs)}`);
      cache.set(abs, d);
    }
    return d;
  }

  /** Validates `data` against a schema of the document given as a JSON pointer (`#/components/schemas/X`). */
  validate(pointer: string, data: unknown): SchemaProblem[] {
    let fn = this.validators.get(pointer);
    if (!fn) {
      fn = this.ajv.getSchema(`${this.id}${pointer}`) ?? this.ajv.compile({ $ref: `${this.id}${pointer}` });
      this.validators.set(pointer, fn);
    }
    return fn(data) ? [] : toProblems(fn.errors ?? []);
  }

  /** Validates the declared header, query and path parameters of an operation. */
  validateParameters(
    pathTemplate: string,
    method: string,
    given: { path: Record<string, string>; query: Record<string, string>; headers: Record<string, string | undefined> },
    overrides: Record<string, (value: string) => string | undefined> = {},
  ): SchemaProblem[] {
    const op = this.doc.paths?.[pathTemplate]?.[method.toLowerCase()];
    if (!op) return [{ path: '', message: `no operation ${method} ${pathTemplate} in the specification` }];
    const problems: SchemaProblem[] = [];
    for (const raw of [...(this.doc.paths[pathTemplate].parameters ?? []), ...(op.parameters ?? [])]) {
      const p = raw.$ref ? this.resolve(raw.$ref) : raw;
      if (!p?.name) continue;
      const where = p.in === 'header' ? given.headers[p.name.toLowerCase()] : p.in === 'query' ? given.query[p.name] : p.in === 'path' ? given.path[p.name] : undefined;
      const label = `${p.in}.${p.name}`;
      if (where === undefined || where === '') {
        if (p.required) problems.push({ path: label, message: 'is required' });
        continue;
      }
      if (overrides[p.name]) {
        const why = overrides[p.name](where);
        if (why) problems.push({ path: label, message: why });
        continue;
      }
      const schema = p.schema?.$ref ? this.resolve(p.schema.$ref) : p.schema;
      if (schema && schema.type !== 'string' && schema.type !== undefined) continue; // query booleans etc. arrive as strings
      if (schema) {
        const key = `${pathTemplate} ${method} ${label}`;
        let fn = this.parameterValidators.get(key);
        if (!fn) {
          fn = this.ajv.compile({ ...schema, minimum: undefined, maximum: undefined });
          this.parameterValidators.set(key, fn);
        }
        if (!fn(where)) problems.push(...toProblems(fn.errors ?? []).map((e) => ({ path: label, message: e.message })));
      }
    }
    return problems;
  }

  resolve(ref: string): any {
    let node: any = this.doc;
    for (const part of ref.replace(/^#\//, '').split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    return node;
  }
}

/** Validates against a JSON Schema written in our own code (carriers whose specifications we may not copy). */
export class WireSchema {
  private static readonly ajv = (() => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    return ajv;
  })();
  private readonly fn: ValidateFunction;

  constructor(schema: object) {
    this.fn = WireSchema.ajv.compile(schema);
  }

  validate(data: unknown): SchemaProblem[] {
    return this.fn(data) ? [] : toProblems(this.fn.errors ?? []);
  }
}

function toProblems(errors: ErrorObject[]): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors) {
    // Branch failures of oneOf/anyOf repeat the real cause; keep the leaf messages.
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    const where = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(body)';
    const what =
      e.keyword === 'additionalProperties'
        ? `has unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`
        : e.keyword === 'required'
          ? `misses required field "${(e.params as { missingProperty: string }).missingProperty}"`
          : (e.message ?? e.keyword);
    const key = `${where} ${what}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ path: where, message: what });
    }
  }
  return out;
}

/**
 * A quoted scalar whose continuation lines are indented no deeper than its key is invalid YAML
 * (UPS Shipping.yaml has one); indent those lines until the closing quote.
 */
function repairUnderIndentedQuotes(text: string): string {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)[A-Za-z_$][\w$-]*: '([^']*)$/.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].length;
    for (let j = i + 1; j < lines.length && j < i + 20; j++) {
      const lead = /^\s*/.exec(lines[j])![0].length;
      if (lead <= indent) lines[j] = ' '.repeat(indent + 2 - lead) + lines[j];
      if (lines[j].includes("'")) break;
    }
  }
  return lines.join('\n');
}
