import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { getMetadataStorage, IsInt, IsString, validateSync, ValidateNested } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Base {
  @IsString()
  name!: string;
}

class Line extends Base {
  @IsInt()
  quantity!: number;
}

class Order {
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

const check = (body: unknown) =>
  validateSync(plainToInstance(Order, body), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }).map((e) => JSON.stringify(e.children));

describe('cacheValidationMetadata', () => {
  const storage = getMetadataStorage();

  it('answers the lookups exactly as class-validator does, inherited rules included', () => {
    const before = storage.getTargetValidationMetadatas(Line, '', false, false);
    const errorsBefore = check({ lines: [{ name: 1, quantity: 'x', extra: true }, { name: 'ok', quantity: 2 }] });
    cacheValidationMetadata(storage);
    cacheValidationMetadata(storage);
    const after = storage.getTargetValidationMetadatas(Line, '', false, false);
    expect(after.map((m) => `${m.propertyName}:${m.name ?? m.type}`).sort()).toEqual(before.map((m) => `${m.propertyName}:${m.name ?? m.type}`).sort());
    expect(storage.getTargetValidationMetadatas(Line, '', false, false)).toBe(after);
    // A nested object is looked up with its outer class's name as the schema: kept too.
    expect(storage.getTargetValidationMetadatas(Line, 'Order', false, false)).toBe(storage.getTargetValidationMetadatas(Line, 'Order', false, false));
    expect(check({ lines: [{ name: 1, quantity: 'x', extra: true }, { name: 'ok', quantity: 2 }] })).toEqual(errorsBefore);
    expect(check({ lines: [{ name: 'ok', quantity: 2 }] })).toEqual([]);
  });

  it('forgets what it knew when a class registers new rules', () => {
    cacheValidationMetadata(storage);
    const known = storage.getTargetValidationMetadatas(Line, '', false, false);
    class LateLine extends Line {
      @IsString()
      note!: string;
    }
    expect(storage.getTargetValidationMetadatas(Line, '', false, false)).not.toBe(known);
    expect(storage.getTargetValidationMetadatas(LateLine, '', false, false).map((m) => m.propertyName).sort()).toEqual(['name', 'note', 'quantity']);
  });

  it('passes lookups with groups through untouched', () => {
    const withGroups = storage.getTargetValidationMetadatas(Line, '', false, false, ['admin']);
    expect(withGroups).not.toBe(storage.getTargetValidationMetadatas(Line, '', false, false, ['admin']));
  });
});
