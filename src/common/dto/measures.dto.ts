import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, Max, Min } from 'class-validator';
import { Required } from './decorators';

export const WEIGHT_UNITS = ['kg', 'g', 'lb', 'oz'] as const;
export const LENGTH_UNITS = ['cm', 'in'] as const;

/**
 * A required finite number that passes `lowest` (e.g. `Min(0)`, `IsPositive()`) and is at most `max`. The
 * checks register bottom first, as when written one above the other, so 400s list them in that order.
 */
function FiniteNumber(lowest: PropertyDecorator, max: number): PropertyDecorator {
  return applyDecorators(Max(max), lowest, IsNumber({ allowNaN: false, allowInfinity: false }), Required());
}

/** A measured value (documented with `example`) as {@link FiniteNumber}. */
function Measure(example: number, lowest: PropertyDecorator, max: number): PropertyDecorator {
  return applyDecorators(FiniteNumber(lowest, max), ApiProperty({ example }));
}

/** A required unit of measure, one of `units`. */
function UnitOf(units: readonly string[]): PropertyDecorator {
  return applyDecorators(IsIn(units), Required(), ApiProperty({ enum: units }));
}

/**
 * The request shape of a weight, `{ "value": 2.5, "unit": "kg" }`. `lowest` is the check on the
 * smallest value an API accepts (a parcel weighs something, a unit weight for duties may be 0):
 *
 * @example
 * export class WeightDto extends WeightFields(IsPositive()) {}
 */
export function WeightFields(lowest: PropertyDecorator) {
  class Weight {
    @Measure(2.5, lowest, 100000) value!: number;
    @UnitOf(WEIGHT_UNITS) unit!: (typeof WEIGHT_UNITS)[number];
  }
  return Weight;
}

/** The request shape of a parcel's dimensions; `shortest` as `lowest` in {@link WeightFields}. */
export function DimensionsFields(shortest: PropertyDecorator) {
  class Dimensions {
    @Measure(30, shortest, 10000) length!: number;
    @Measure(20, shortest, 10000) width!: number;
    @Measure(15, shortest, 10000) height!: number;
    @UnitOf(LENGTH_UNITS) unit!: (typeof LENGTH_UNITS)[number];
  }
  return Dimensions;
}

/** The temperature range goods tolerate, in °C from `lowestC` up to 100. */
export function TemperatureFields(lowestC: number) {
  class Temperature {
    @ApiProperty({ example: 2, description: 'Lowest temperature the goods tolerate, °C' })
    @FiniteNumber(Min(lowestC), 100)
    minC!: number;

    @ApiProperty({ example: 8, description: 'Highest temperature the goods tolerate, °C' })
    @FiniteNumber(Min(lowestC), 100)
    maxC!: number;
  }
  return Temperature;
}
