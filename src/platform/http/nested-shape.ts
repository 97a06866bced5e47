import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import type { ErrorDetail } from '../errors/app-error';

// class-transformer keeps its type metadata in a module it does not re-export from its index.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Date, Object, Array]);

/**
 * class-validator's `@ValidateNested()` accepts an array where one object is expected, and an array
 * of arrays where a list of objects is expected (it validates the inner array's elements, of which
 * there may be none). This walks a transformed DTO and reports every nested value that is not an
 * object of the declared class, so `parcels: [[]]` or `shipTo: []` is a 400, not a crash further on.
 */
export function findMisshapenNested(instance: unknown, path = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (instance === null || typeof instance !== 'object' || Array.isArray(instance)) return problems;
  const ctor = (instance as object).constructor;
  for (const [key, value] of Object.entries(instance)) {
    if (value === undefined || value === null) continue;
    const meta = defaultMetadataStorage.findTypeMetadata(ctor, key);
    const target = meta?.typeFunction?.() as unknown;
    if (!target || PRIMITIVES.has(target)) continue;
    const at = path ? `${path}.${key}` : key;
    const declaredArray = Reflect.getMetadata?.('design:type', ctor.prototype, key) === Array;
    if (declaredArray) {
      if (!Array.isArray(value)) continue; // reported by @IsArray
      value.forEach((element: unknown, i: number) => {
        if (element === null || typeof element !== 'object' || Array.isArray(element)) {
          problems.push({ path: `${at}[${i}]`, message: 'must be an object' });
        } else {
          problems.push(...findMisshapenNested(element, `${at}[${i}]`));
        }
      });
    } else if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ path: at, message: 'must be an object' });
    } else {
      problems.push(...findMisshapenNested(value, at));
    }
  }
  return problems;
}
