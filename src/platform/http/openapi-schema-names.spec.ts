import { readdirSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../..');

function dtoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return dtoFiles(full);
    return /\.dto\.ts$/.test(e.name) ? [full] : [];
  });
}

/**
 * The OpenAPI document names each DTO schema after its class (or its `@ApiSchema` name) and keeps only
 * the first class of a name: two request classes sharing one would publish one API's rules for the
 * other's route. Every DTO class with documented properties must have a name of its own.
 */
describe('OpenAPI schema names', () => {
  it('are unique across every DTO file', () => {
    const owners = new Map<string, string[]>();
    for (const file of dtoFiles(SRC)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file) as Record<string, unknown>;
      for (const [exported, value] of Object.entries(mod)) {
        if (typeof value !== 'function') continue;
        if (!value.prototype || !Reflect.hasOwnMetadata('swagger/apiModelPropertiesArray', value.prototype)) continue;
        // As @nestjs/swagger reads it: the last @ApiSchema of the class itself, else the class name.
        const schemas = (Reflect.getOwnMetadata('swagger/apiSchema', value) ?? []) as { name?: string }[];
        const name = schemas[schemas.length - 1]?.name ?? value.name;
        owners.set(name, [...(owners.get(name) ?? []), `${path.relative(SRC, file)}#${exported}`]);
      }
    }
    expect(owners.size).toBeGreaterThan(20);
    expect([...owners.entries()].filter(([, where]) => where.length > 1)).toEqual([]);
  });
});
