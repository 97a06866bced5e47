import { Logger } from '@nestjs/common';
import Ajv, { type ValidateFunction } from 'ajv';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps its type metadata in a module it does not re-export from its index.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage };

type Schema = Record<string, unknown>;
type DtoClass = new () => object;

/**
 * A yes/no check of a request DTO against its class, compiled once from the class's own
 * class-validator rules (and its class-transformer `@Type`s for nested objects) into a JSON Schema
 * run by ajv. It is given the instance `plainToInstance` made of the body (after any `@Transform`,
 * as class-validator sees it) and answers "certainly valid" or "not known valid": an instance it
 * accepts is one that `validateSync(dto, { whitelist, forbidNonWhitelisted, forbidUnknownValues })`
 * and `findMisshapenNested` accept too, so a pipe may skip them; for any other the pipe runs
 * class-validator as before, which words the 400.
 *
 * It is never looser than class-validator, and is stricter where the two differ: a nested object
 * must be an object (class-validator also takes an array of them), a list whose rule checks each
 * element must be a list, a property that is not `@IsOptional()` must be present and not null, and
 * string lengths count every code point (class-validator does not count variation selectors). A rule
 * it does not know (a custom validator, groups, `@ValidateIf`, flags on a pattern) makes
 * `compileDtoCheck` answer undefined: that class has no fast path. `compiled-dto-check.spec.ts`
 * compares the two on many thousands of altered bodies.
 *
 * Why: class-validator builds an error object per property and per nested object of every request,
 * valid or not; for a 5-item quote that was a fifth of the CPU and a quarter of the memory allocated.
 */
export function compileDtoCheck(cls: DtoClass): ((body: unknown) => boolean) | undefined {
  let schema: Schema;
  try {
    schema = objectSchema(cls, []);
  } catch (e) {
    if (e instanceof UnsupportedRule) return undefined;
    throw e;
  }
  // No coercion, no defaults, no removal: the check never changes the body. Patterns compile
  // without the `u` flag, as class-validator runs them.
  const ajv = new Ajv({ allErrors: false, strict: true, strictNumbers: true, unicodeRegExp: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
  const validate: ValidateFunction = ajv.compile(schema);
  return (body) => validate(body) === true;
}

const compiled = new WeakMap<DtoClass, ((body: unknown) => boolean) | null>();
const logger = new Logger('CompiledDtoCheck');

/**
 * `compileDtoCheck(cls)`, compiled on first use and remembered; undefined for a class without a fast
 * path. A class whose schema ajv refuses to compile has none either (logged once): its requests are
 * validated by class-validator alone, never answered with an error of the check's own.
 */
export function dtoCheckFor(cls: DtoClass): ((body: unknown) => boolean) | undefined {
  let check = compiled.get(cls);
  if (check === undefined) {
    try {
      check = compileDtoCheck(cls) ?? null;
    } catch (e) {
      logger.warn(`no compiled check for ${cls.name}: ${(e as Error).message}`);
      check = null;
    }
    compiled.set(cls, check);
  }
  return check ?? undefined;
}

class UnsupportedRule extends Error {}

/** The schema of an instance of `cls`: its validated properties and nothing else. */
function objectSchema(cls: DtoClass, seen: DtoClass[]): Schema {
  if (seen.includes(cls)) throw new UnsupportedRule(`${cls.name} contains itself`);
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false);
  // forbidUnknownValues: an object of a class without rules is refused.
  if (!metadatas.length) throw new UnsupportedRule(`${cls.name} has no rules`);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, rules] of byProperty) {
    const { schema, optional } = propertySchema(cls, name, rules, [...seen, cls]);
    properties[name] = schema;
    if (!optional) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/**
 * One property: every rule as a schema of its own (each is a whole check, the value's type included,
 * as class-validator's own checks are: `@Min(1)` refuses a string), all of which must hold.
 */
function propertySchema(cls: DtoClass, name: string, rules: ValidationMetadata[], seen: DtoClass[]): { schema: Schema; optional: boolean } {
  let optional = false;
  const all: Schema[] = [];
  for (const rule of rules) {
    if (rule.groups?.length || rule.always || rule.validateIf || rule.context) throw new UnsupportedRule(`${cls.name}.${name}: groups, always, context or a condition`);
    switch (rule.type) {
      case ValidationTypes.CONDITIONAL_VALIDATION:
        if (rule.name !== 'isOptional') throw new UnsupportedRule(`${cls.name}.${name}: a condition other than @IsOptional()`);
        optional = true;
        break;
      case ValidationTypes.IS_DEFINED:
        break; // present and not null: what every property not @IsOptional() must be here anyway
      case ValidationTypes.NESTED_VALIDATION: {
        const target = defaultMetadataStorage.findTypeMetadata(cls, name)?.typeFunction?.() as DtoClass | undefined;
        if (typeof target !== 'function') throw new UnsupportedRule(`${cls.name}.${name}: nested without @Type()`);
        const nested = objectSchema(target, seen);
        all.push(rule.each ? { type: 'array', items: nested } : nested);
        break;
      }
      case ValidationTypes.CUSTOM_VALIDATION: {
        const check = constraintSchema(cls, name, rule);
        all.push(rule.each ? { type: 'array', items: check } : check);
        break;
      }
      default:
        throw new UnsupportedRule(`${cls.name}.${name}: rule type ${rule.type}`);
    }
  }
  const value: Schema = all.length === 1 ? all[0] : { allOf: all };
  // An optional property may be missing (not listed in `required`) or null; its rules then do not run.
  return { schema: optional ? { anyOf: [{ type: 'null' }, value] } : value, optional };
}

/** A class-validator check as JSON Schema, for the checks whose meaning JSON Schema states exactly (or more strictly). */
function constraintSchema(cls: DtoClass, name: string, rule: ValidationMetadata): Schema {
  const constraints = getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls);
  if (constraints.length !== 1 || constraints[0].async) throw new UnsupportedRule(`${cls.name}.${name}: a custom or asynchronous validator`);
  const args = rule.constraints ?? [];
  const number = (i: number) => {
    if (typeof args[i] !== 'number' || !Number.isFinite(args[i])) throw new UnsupportedRule(`${cls.name}.${name}: ${constraints[0].name} without a number`);
    return args[i] as number;
  };
  switch (constraints[0].name) {
    case 'isString':
      return { type: 'string' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber': {
      const options = (args[0] ?? {}) as Record<string, unknown>;
      const known = Object.keys(options).every((k) => (k === 'allowNaN' || k === 'allowInfinity') && options[k] === false);
      if (!known) throw new UnsupportedRule(`${cls.name}.${name}: @IsNumber() options`);
      return { type: 'number' };
    }
    case 'min':
      return { type: 'number', minimum: number(0) };
    case 'max':
      return { type: 'number', maximum: number(0) };
    case 'maxLength':
      return { type: 'string', maxLength: number(0) };
    case 'matches': {
      const pattern = args[0] as unknown;
      if (!(pattern instanceof RegExp) || pattern.flags !== '' || args[1] !== undefined) throw new UnsupportedRule(`${cls.name}.${name}: a pattern with flags`);
      return { type: 'string', pattern: pattern.source };
    }
    case 'isIn': {
      const values = args[0] as unknown;
      if (!Array.isArray(values) || !values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) throw new UnsupportedRule(`${cls.name}.${name}: @IsIn() of other than strings, numbers and booleans`);
      return { enum: values };
    }
    case 'isArray':
      return { type: 'array' };
    case 'arrayMinSize':
      return { type: 'array', minItems: number(0) };
    case 'arrayMaxSize':
      return { type: 'array', maxItems: number(0) };
    default:
      throw new UnsupportedRule(`${cls.name}.${name}: @${constraints[0].name}()`);
  }
}
