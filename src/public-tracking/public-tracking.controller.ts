import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../platform/config/app-config';
import { RateLimit } from '../platform/rate-limit/rate-limit.decorator';
import { requestClientKey } from '../platform/rate-limit/rate-limit.guard';
import { grantCookieName } from './domain/access-grant';
import type { PublicTrackingView } from './domain/public-tracking.view';
import { LookupQuery, PublicViewQuery, VerifyPostalCodeDto } from './dto/public-tracking-request.dto';
import { PublicTrackingViewDoc } from './dto/public-tracking-view.dto';
import type { Translator } from './i18n/translator';
import { readCookie, setCaching, setGrantCookie, setJsonHeaders, translatorOf } from './public-http';
import { PublicTrackingService } from './public-tracking.service';

/** Requests per minute per client address on every public route. */
export const PUBLIC_IP_LIMIT = { name: 'public-ip', limit: (c: AppConfig) => c.PUBLIC_RATE_LIMIT_PER_MINUTE, windowSeconds: 60 };

/**
 * The buyer's tracking page as JSON: exactly the view the page renders (same builder), so the API can
 * never reveal more than the page. No API key; every route is rate-limited per client address.
 */
@ApiTags('public tracking')
@Controller('v1/public/tracking')
@Public()
@RateLimit(PUBLIC_IP_LIMIT)
export class PublicTrackingController {
  constructor(
    private readonly service: PublicTrackingService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Look a parcel up by tracking number, with the destination postal code as a second factor' })
  @ApiOkResponse({ type: PublicTrackingViewDoc, description: 'The anonymous view' })
  @ApiNotFoundResponse({ description: 'Unknown number or wrong postal code (one answer for both)' })
  async lookup(@Query() query: LookupQuery, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PublicTrackingView> {
    // The postal code is in the address: the answer stays out of shared caches (the default here).
    const t = this.begin(request, reply);
    return this.service.lookup(query.number, query.postalCode, requestClientKey(request, this.config.TRUSTED_PROXY_HOPS), t);
  }

  @Get(':token')
  @ApiOperation({ summary: 'The tracking page as JSON (anonymous, or verified with the verification cookie or a signed link)' })
  @ApiParam({ name: 'token', description: 'The token of the tracking link `/t/<token>`' })
  @ApiOkResponse({ type: PublicTrackingViewDoc })
  @ApiNotFoundResponse({ description: 'Unknown token' })
  async view(
    @Param('token') token: string,
    @Query() query: PublicViewQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicTrackingView> {
    const t = this.begin(request, reply);
    const result = await this.service.byToken(token, t, { session: readCookie(request, grantCookieName(token)), link: query.v }, { refresh: true });
    if (!result.verified) {
      setCaching(reply, 'anonymous');
      // Anyone may show the anonymous view on their own site; cookies never go along (no credentials with `*`).
      void reply.header('Access-Control-Allow-Origin', '*');
    }
    return result.view;
  }

  @Post(':token/verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enter the destination postal code to unlock the verified view (masked address, items); sets the verification cookie' })
  @ApiParam({ name: 'token' })
  @ApiOkResponse({ type: PublicTrackingViewDoc, description: 'The verified view' })
  @ApiNotFoundResponse({ description: 'Unknown token or wrong postal code (one answer for both)' })
  async verify(
    @Param('token') token: string,
    @Body() body: VerifyPostalCodeDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicTrackingView> {
    const t = this.begin(request, reply);
    const result = await this.service.verify(token, body.postalCode, requestClientKey(request, this.config.TRUSTED_PROXY_HOPS), t);
    setGrantCookie(reply, grantCookieName(token), result.grant, result.maxAgeSeconds, this.config.publicBaseUrl.startsWith('https:'));
    return result.view;
  }

  /** The reader's language, the JSON security headers, and `private, no-store` until an answer proves anonymous. */
  private begin(request: FastifyRequest, reply: FastifyReply): Translator {
    const t = translatorOf(request);
    setJsonHeaders(reply, t.htmlLang);
    setCaching(reply, 'private');
    return t;
  }
}
