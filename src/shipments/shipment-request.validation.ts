import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ErrorDetail } from '../platform/errors/app-error';
import { flattenValidationErrors } from '../platform/errors/validation-errors';
import { CreateShipmentDto } from './dto/shipment-request.dto';

/**
 * Validates one booking body the way the global pipe validates `POST /v1/shipments` (whitelist,
 * unknown fields rejected at every depth), for bodies that arrive inside another request (batches),
 * where one bad item must not reject the others. Paths are prefixed with `path`.
 */
export async function validateShipmentRequest(plain: unknown, path: string): Promise<{ dto?: CreateShipmentDto; problems: ErrorDetail[] }> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) return { problems: [{ path, message: 'must be an object' }] };
  const dto = plainToInstance(CreateShipmentDto, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: false, validationError: { target: false, value: false } });
  const problems = flattenValidationErrors(errors).map((p) => ({ path: p.path ? `${path}.${p.path}` : path, message: p.message }));
  return problems.length ? { problems } : { dto, problems };
}
