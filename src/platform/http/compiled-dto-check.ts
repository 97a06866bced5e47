import { Logger } from '@nestjs/common';
import Ajv, { type ValidateFunction } from 'ajv';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { ValidationArguments } from 'class-validator/types/validation/ValidationArguments';

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
 * string lengths count every code point (class-validator does not count variation selectors). The
 * checks JSON Schema states (types, bounds, patterns without flags, lists, enums) become schema; the
 * others (an e-mail address, a length range, the project's own validators) run as class-validator's
 * own function with the arguments it would pass. A class using what the schema cannot follow (groups,
 * `@ValidateIf`, an asynchronous validator, a nested class without `@Type`) has no fast path:
 * `compileDtoCheck` answers undefined. `compiled-dto-check.spec.ts` compares the two verdicts on many
 * thousands of altered bodies.
 *
 * Why: class-validator builds an error object per property and per nested object of every request,
 * valid or not; for a 5-item quote that was a fifth of the CPU and a quarter of the memory allocated.
 */
export function compileDtoCheck(cls: DtoClass): ((body: unknown) => boolean) | undefined {
  const calls: ValidatorCall[] = [];
  let schema: Schema;
  try {
    schema = objectSchema(cls, [], calls);
  } catch (e) {
    if (e instanceof UnsupportedRule) return undefined;
    throw e;
  }
  // No coercion, no defaults, no removal: the check never changes the body. Patterns compile
  // without the `u` flag, as class-validator runs them.
  const ajv = new Ajv({ allErrors: false, strict: true, strictNumbers: true, unicodeRegExp: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
  ajv.addKeyword({
    keyword: VALIDATOR_KEYWORD,
    schemaType: 'number',
    errors: false,
    validate: (index: number, data: unknown, _parentSchema?: unknown, cxt?: { parentData?: unknown }) => runValidator(calls[index], data, cxt?.parentData),
  });
  const validate: ValidateFunction = ajv.compile(schema);
  return (body) => validate(body) === true;
}

/**
 * The schema keyword that runs one of class-validator's own checks (`calls[n]`): for the checks JSON
 * Schema does not state (an e-mail address, a length range, the project's own validators), the same
 * function class-validator would call, with the same arguments, element by element for `each`.
 */
const VALIDATOR_KEYWORD = 'x-class-validator';

interface ValidatorCall {
  rule: ValidationMetadata;
  validate: (value: unknown, args: ValidationArguments) => unknown;
}

function runValidator(call: ValidatorCall, value: unknown, object: unknown): boolean {
  const { rule } = call;
  const args: ValidationArguments = {
    targetName: (object as { constructor?: { name: string } } | undefined)?.constructor?.name as string,
    property: rule.propertyName,
    object: object as object,
    value,
    constraints: rule.constraints,
  };
  const one = (v: unknown) => {
    const result = call.validate(v, args);
    // A promise would be an asynchronous check: not known valid here.
    return !!result && !(result instanceof Promise);
  };
  if (rule.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) return [...(value instanceof Map ? value.values() : value)].every(one);
  return one(value);
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
function objectSchema(cls: DtoClass, seen: DtoClass[], calls: ValidatorCall[]): Schema {
  if (seen.includes(cls)) throw new UnsupportedRule(`${cls.name} contains itself`);
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false);
  // forbidUnknownValues: an object of a class without rules is refused.
  if (!metadatas.length) throw new UnsupportedRule(`${cls.name} has no rules`);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const m of metadatas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, rules] of byProperty) {
    const { schema, optional } = propertySchema(cls, name, rules, [...seen, cls], calls);
    properties[name] = schema;
    if (!optional) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/**
 * One property: every rule as a schema of its own (each is a whole check, the value's type included,
 * as class-validator's own checks are: `@Min(1)` refuses a string), all of which must hold.
 */
function propertySchema(cls: DtoClass, name: string, rules: ValidationMetadata[], seen: DtoClass[], calls: ValidatorCall[]): { schema: Schema; optional: boolean } {
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
        const nested = objectSchema(target, seen, calls);
        all.push(rule.each ? { type: 'array', items: nested } : nested);
        break;
      }
      case ValidationTypes.CUSTOM_VALIDATION: {
        const constraints = getMetadataStorage().getTargetValidatorConstraints(rule.constraintCls);
        if (constraints.length !== 1 || constraints[0].async) throw new UnsupportedRule(`${cls.name}.${name}: an asynchronous validator`);
        const check = constraintSchema(constraints[0].name, rule.constraints ?? []);
        if (check) all.push(rule.each ? { type: 'array', items: check } : check);
        else {
          const instance = constraints[0].instance as { validate: ValidatorCall['validate'] };
          all.push({ [VALIDATOR_KEYWORD]: calls.push({ rule, validate: (v, a) => instance.validate(v, a) }) - 1 });
        }
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

/**
 * A class-validator check as JSON Schema, for the checks whose meaning JSON Schema states exactly (or
 * more strictly); undefined for the others, which run as class-validator's own function.
 */
function constraintSchema(name: string, args: unknown[]): Schema | undefined {
  const number = (i: number) => (typeof args[i] === 'number' && Number.isFinite(args[i]) ? (args[i] as number) : undefined);
  const bounded = (schema: Schema, key: string, i: number): Schema | undefined => (number(i) === undefined ? undefined : { ...schema, [key]: number(i) });
  switch (name) {
    case 'isString':
      return { type: 'string' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber': {
      const options = (args[0] ?? {}) as Record<string, unknown>;
      const plain = Object.keys(options).every((k) => (k === 'allowNaN' || k === 'allowInfinity') && options[k] === false);
      return plain ? { type: 'number' } : undefined;
    }
    case 'min':
      return bounded({ type: 'number' }, 'minimum', 0);
    case 'max':
      return bounded({ type: 'number' }, 'maximum', 0);
    case 'maxLength':
      return bounded({ type: 'string' }, 'maxLength', 0);
    case 'matches': {
      const pattern = args[0];
      return pattern instanceof RegExp && pattern.flags === '' && args[1] === undefined ? { type: 'string', pattern: pattern.source } : undefined;
    }
    case 'isIn': {
      const values = args[0];
      return Array.isArray(values) && values.every((v) => ['string', 'number', 'boolean'].includes(typeof v)) ? { enum: values } : undefined;
    }
    case 'isArray':
      return { type: 'array' };
    case 'arrayMinSize':
      return bounded({ type: 'array' }, 'minItems', 0);
    case 'arrayMaxSize':
      return bounded({ type: 'array' }, 'maxItems', 0);
    default:
      return undefined;
  }
}
