import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadata = ReturnType<Storage['getTargetValidationMetadatas']>;
type Lookup = Storage['getTargetValidationMetadatas'];

const installed = new WeakSet<object>();

/**
 * Remembers class-validator's metadata lookups. For every object it validates, class-validator
 * filters its whole metadata store again: the class's own rules, then an `instanceof` test against
 * every decorated class in the application to find inherited ones, then grouping by property. The
 * answer only changes when a class registers new rules, so it is kept per class until then. On a
 * quote (a dozen nested objects) the lookups took 4-5 % of the service's CPU.
 *
 * Only lookups without groups are kept (the service uses none); others go through. Lookups are kept
 * per class and schema name: class-validator passes the outer class's name as the schema when it
 * validates a nested object.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const addValidation = storage.addValidationMetadata.bind(storage);
  const addConstraint = storage.addConstraintMetadata.bind(storage);
  let byClass = new Map<unknown, Map<string | undefined, Metadata>>();
  let grouped = new WeakMap<Metadata, ReturnType<Storage['groupByPropertyName']>>();
  const forget = () => {
    byClass = new Map();
    grouped = new WeakMap();
  };

  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (always || strictGroups || groups?.length) return lookup(target, schema, always, strictGroups, groups);
    let bySchema = byClass.get(target);
    if (!bySchema) byClass.set(target, (bySchema = new Map()));
    let found = bySchema.get(schema);
    if (!found) {
      found = lookup(target, schema, always, strictGroups, groups);
      bySchema.set(schema, found);
    }
    return found;
  };
  storage.groupByPropertyName = (metadata) => {
    let found = grouped.get(metadata);
    if (!found) {
      found = group(metadata);
      grouped.set(metadata, found);
    }
    return found;
  };
  storage.addValidationMetadata = (metadata) => {
    forget();
    addValidation(metadata);
  };
  storage.addConstraintMetadata = (metadata) => {
    forget();
    addConstraint(metadata);
  };
}
