import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber, Max, Min } from 'class-validator';

export const WEIGHT_UNITS = ['kg', 'g', 'lb', 'oz'] as const;
export const LENGTH_UNITS = ['cm', 'in'] as const;

/**
 * The request shape of a weight, `{ "value": 2.5, "unit": "kg" }`. `lowest` is the check on the
 * smallest value an API accepts (a parcel weighs something, a unit weight for duties may be 0):
 *
 * @example
 * export class WeightDto extends WeightFields(IsPositive()) {}
 */
export function WeightFields(lowest: PropertyDecorator) {
  class Weight {
    @ApiProperty({ example: 2.5 })
    @IsNumber({ allowNaN: false, allowInfinity: false })
    @lowest
    @Max(100000)
    value!: number;

    @ApiProperty({ enum: WEIGHT_UNITS })
    @IsIn(WEIGHT_UNITS)
    unit!: (typeof WEIGHT_UNITS)[number];
  }
  return Weight;
}

/** The request shape of a parcel's dimensions; `shortest` as `lowest` in {@link WeightFields}. */
export function DimensionsFields(shortest: PropertyDecorator) {
  class Dimensions {
    @ApiProperty({ example: 30 })
    @IsNumber({ allowNaN: false, allowInfinity: false })
    @shortest
    @Max(10000)
    length!: number;

    @ApiProperty({ example: 20 })
    @IsNumber({ allowNaN: false, allowInfinity: false })
    @shortest
    @Max(10000)
    width!: number;

    @ApiProperty({ example: 15 })
    @IsNumber({ allowNaN: false, allowInfinity: false })
    @shortest
    @Max(10000)
    height!: number;

    @ApiProperty({ enum: LENGTH_UNITS })
    @IsIn(LENGTH_UNITS)
    unit!: (typeof LENGTH_UNITS)[number];
  }
  return Dimensions;
}

/** The temperature range goods tolerate, in °C from `lowestC` up to 100. */
export function TemperatureFields(lowestC: number) {
  class Temperature {
    @ApiProperty({ example: 2, description: 'Lowest temperature the goods tolerate, °C' })
    @IsNumber({ allowNaN: false, allowInfinity: false })
    @Min(lowestC)
    @Max(100)
    minC!: number;

    @ApiProperty({ example: 8, description: 'Highest temperature the goods tolerate, °C' })
    @IsNumber({ allowNaN: false, allowInfinity: false })
    @Min(lowestC)
    @Max(100)
    maxC!: number;
  }
  return Temperature;
}
