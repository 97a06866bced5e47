import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, useDefaults: true });
addFormats(ajv);
const csvAjv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, coerceTypes: true, useDefaults: true });
addFormats(csvAjv);

const cache = new WeakMap<object, ValidateFunction>();
const csvCache = new WeakMap<object, ValidateFunction>();

/** Compiles (once) a JSON Schema for data files. CSV schemas coerce the text cells to the declared types. */
export function compileSchema(schema: object, forCsv = false): ValidateFunction {
  const store = forCsv ? csvCache : cache;
  let fn = store.get(schema);
  if (!fn) {
    fn = (forCsv ? csvAjv : ajv).compile(schema);
    store.set(schema, fn);
  }
  return fn;
}

/** `/services/0/maxWeightKg` → `['services', 0, 'maxWeightKg']` */
export function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `['services', 0, 'maxWeightKg']` → `services[0].maxWeightKg` */
export function pathToField(path: (string | number)[]): string {
  return path.reduce<string>((acc, part) => (typeof part === 'number' ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

/** The path an Ajv error is about, including the offending property for `additionalProperties`/`required`. */
export function errorPath(e: ErrorObject): (string | number)[] {
  const base = pointerToPath(e.instancePath);
  if (e.keyword === 'additionalProperties') return [...base, (e.params as { additionalProperty: string }).additionalProperty];
  if (e.keyword === 'required') return [...base, (e.params as { missingProperty: string }).missingProperty];
  return base;
}

export function errorMessage(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return 'unknown field';
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return e.message ?? 'is invalid';
  }
}

/**
 * The errors worth showing: Ajv adds a summary error for an `if`/`then` whose branch failed
 * ("must match "then" schema") next to the branch's own, more precise errors; that summary is dropped.
 */
export function reportableErrors(errors: ErrorObject[] | null | undefined): ErrorObject[] {
  return (errors ?? []).filter((e) => e.keyword !== 'if');
}
