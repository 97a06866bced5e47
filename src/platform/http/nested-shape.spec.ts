import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, ValidateNested } from 'class-validator';
import { findMisshapenNested } from './nested-shape';

class Inner {
  @IsString() name!: string;
}

class Outer {
  @IsOptional() @ValidateNested() @Type(() => Inner) one?: Inner;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => Inner) many?: Inner[];
}

describe('findMisshapenNested', () => {
  it.each([
    [{ one: { name: 'a' }, many: [{ name: 'b' }] }, []],
    [{ one: [] }, ['one']],
    [{ one: 'x' }, ['one']],
    [{ many: [[]] }, ['many[0]']],
    [{ many: [{ name: 'a' }, 3, null] }, ['many[1]', 'many[2]']],
  ])('%j -> %j', (plain, paths) => {
    expect(findMisshapenNested(plainToInstance(Outer, plain)).map((p) => p.path)).toEqual(paths);
  });
});
