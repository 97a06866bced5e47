import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { clientAddress, clientKey } from './client-address';
import { RATE_LIMIT_KEY, RateLimitKey, RouteRateLimit } from './rate-limit.metadata';
import { RateLimitDecision } from './rate-limit-rule';
import { rateLimitedError, RateLimiter } from './rate-limiter';

/** Applies the `@RateLimit(...)` rules of a route (see the decorator). */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.reflector.getAllAndOverride<RouteRateLimit[] | undefined>(RATE_LIMIT_KEY, [context.getHandler(), context.getClass()]);
    if (!rules?.length) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    let tightest: RateLimitDecision | undefined;
    for (const rule of rules) {
      const key = this.keyFor(rule.key ?? 'ip', request);
      if (key === undefined) continue;
      const decision = await this.limiter.consume(rule, key);
      if (!decision.allowed) throw rateLimitedError(decision);
      if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
    }
    if (tightest) {
      void reply.header('RateLimit-Limit', String(tightest.limit));
      void reply.header('RateLimit-Remaining', String(tightest.remaining));
      void reply.header('RateLimit-Reset', String(tightest.resetSeconds));
    }
    return true;
  }

  private keyFor(key: RateLimitKey, request: FastifyRequest): string | undefined {
    if (key === 'ip') return requestClientKey(request, this.config.TRUSTED_PROXY_HOPS);
    return key(request);
  }
}

/** The per-client rate-limit key of a request (address through the trusted proxies, IPv6 by /64). */
export function requestClientKey(request: FastifyRequest, trustedHops: number): string {
  return clientKey(clientAddress(request.raw.socket?.remoteAddress, request.headers['x-forwarded-for'], trustedHops));
}
