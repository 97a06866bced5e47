import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class VerifyPostalCodeDto {
  @ApiProperty({ example: '10115', description: 'Postal code of the delivery address; case, spaces and hyphens do not matter', maxLength: 16 })
  @IsString() @IsNotEmpty() @MaxLength(16)
  postalCode!: string;
}

/** Query of the public JSON view. */
export class PublicViewQuery {
  @ApiPropertyOptional({ example: 'de', description: 'Language of the texts (en, de, fr, es, zh); Accept-Language otherwise' })
  @IsOptional() @IsString() @MaxLength(35)
  lang?: string;

  @ApiPropertyOptional({ description: 'Signed merchant link grant (the `v` of a verified tracking link)', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  v?: string;
}

export class LookupQuery {
  @ApiProperty({ example: '1Z999AA10123456784', description: 'Carrier tracking number', maxLength: 64 })
  @IsString() @IsNotEmpty() @MaxLength(64)
  number!: string;

  @ApiProperty({ example: '10115', description: 'Postal code of the delivery address', maxLength: 16 })
  @IsString() @IsNotEmpty() @MaxLength(16)
  postalCode!: string;

  @ApiPropertyOptional({ example: 'de', description: 'Language of the texts (en, de, fr, es, zh)' })
  @IsOptional() @IsString() @MaxLength(35)
  lang?: string;
}

export class TrackingLinkRequestDto {
  @ApiPropertyOptional({ default: true, description: 'Sign the link so that it opens the verified view (masked address and items) without the postal code' })
  @IsOptional() @IsBoolean()
  verified?: boolean;

  @ApiPropertyOptional({ default: 30, minimum: 1, maximum: 90, description: 'Days the signed link stays valid' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(90)
  expiresInDays?: number;
}

export class TrackingLinkDto {
  @ApiProperty({ example: 'https://track.example.com/t/Zp3...', description: 'The link to put into the buyer email' })
  url!: string;

  @ApiProperty({ nullable: true, type: String, example: '2026-12-27T10:00:00.000Z', description: 'When the signed part stops granting the verified view (the page itself stays reachable)' })
  verifiedUntil!: string | null;
}
