import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors/app-error';
import { PUBLIC_KEY, SCOPES_KEY } from './auth.decorators';
import { ApiKeyService, Principal } from './api-key.service';
import type { Scope } from './scopes';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

/**
 * Global guard: every route is closed unless it is marked `@Public()` or declares its scopes with
 * `@RequireScopes(...)`. A route with neither is refused, so a forgotten declaration fails closed.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger(ApiKeyGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const scopes = this.reflector.getAllAndOverride<Scope[] | undefined>(SCOPES_KEY, targets);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (scopes === undefined) {
      this.logger.error(`route ${request.routeOptions?.url ?? request.url} declares no scope; refusing`);
      throw AppError.forbidden('This route is not open to API keys');
    }
    const presented = bearer(request.headers.authorization);
    if (!presented) throw AppError.unauthorized();
    const principal = await this.keys.authenticate(presented);
    if (!principal) throw AppError.unauthorized('The API key is unknown or revoked');
    request.principal = principal;
    if (scopes.length === 0 || principal.scopes.includes('admin')) return true;
    if (!scopes.some((s) => principal.scopes.includes(s))) {
      throw AppError.forbidden(`This route needs scope ${scopes.map((s) => `"${s}"`).join(' or ')}`);
    }
    return true;
  }
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
