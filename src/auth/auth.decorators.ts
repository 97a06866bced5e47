import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Scope } from './scopes';

export const SCOPES_KEY = 'auth:scopes';
export const PUBLIC_KEY = 'auth:public';

/**
 * Requires an API key holding one of `scopes` (a key with `admin` passes every check).
 * Pass no scope to accept any valid key. The scopes are published in the OpenAPI document as
 * `x-required-scopes` so that a route without a declared scope can be found by a test.
 *
 * @example @RequireScopes('quotes') @Post('quotes') create(...) {}
 */
export function RequireScopes(...scopes: Scope[]) {
  return applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiBearerAuth('apiKey'),
    ApiExtension('x-required-scopes', scopes.length ? scopes : ['any']),
    ApiUnauthorizedResponse({ description: 'No valid API key' }),
    ...(scopes.length ? [ApiForbiddenResponse({ description: `The key lacks scope ${scopes.join(' or ')}` })] : []),
  );
}

/** Marks a route as open to anyone (public tracking, health, carrier webhooks with their own signature). */
export function Public() {
  return applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-required-scopes', ['public']));
}
