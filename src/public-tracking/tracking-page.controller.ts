import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../platform/config/app-config';
import { AppError } from '../platform/errors/app-error';
import { RateLimit } from '../platform/rate-limit/rate-limit.decorator';
import { requestClientKey } from '../platform/rate-limit/rate-limit.guard';
import { grantCookieName } from './domain/access-grant';
import type { PublicTrackingView } from './domain/public-tracking.view';
import type { Language } from './i18n/languages';
import type { Translator } from './i18n/translator';
import { queryValue, readCookie, setCaching, setGrantCookie, setHtmlHeaders, translatorOf } from './public-http';
import { PublicPageFilter } from './public-page.filter';
import { PUBLIC_IP_LIMIT } from './public-tracking.controller';
import { PublicTrackingService } from './public-tracking.service';
import { renderLookupForm } from './render/message-page.template';
import { renderTrackingPage, VerifyProblem } from './render/tracking-page.template';
import { renderLayout } from './render/page-layout.template';
import { html } from './render/html';

/**
 * The buyer's tracking page (`/t/<token>`, the link in the merchant's email): server-rendered HTML that
 * needs no JavaScript. The postal-code form posts back here and answers with a redirect (so a reload
 * does not post again); a signed merchant link is turned into the verification cookie and dropped
 * from the address bar. Query parameters other than `lang` and `v` (e.g. a newsletter's `utm_*`) are
 * ignored rather than refused.
 */
@ApiTags('public tracking')
@Controller('t')
@Public()
@RateLimit(PUBLIC_IP_LIMIT)
@UseFilters(PublicPageFilter)
export class TrackingPageController {
  constructor(
    private readonly service: PublicTrackingService,
    private readonly config: AppConfig,
  ) {}

  private get https(): boolean {
    return this.config.publicBaseUrl.startsWith('https:');
  }

  @Get()
  @ApiOperation({ summary: 'Track by tracking number and destination postal code (HTML form and result)' })
  @ApiProduces('text/html')
  @ApiQuery({ name: 'number', required: false })
  @ApiQuery({ name: 'postalCode', required: false })
  @ApiQuery({ name: 'lang', required: false })
  @ApiResponse({ status: 200, description: 'The form, or the parcel found' })
  async lookupPage(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const t = translatorOf(request);
    setHtmlHeaders(reply, this.https, t.htmlLang);
    setCaching(reply, 'private');
    const number = queryValue(query.number)?.trim();
    const postalCode = queryValue(query.postalCode)?.trim();
    if (!number || !postalCode) {
      const main = html`<h1>${t.t('lookup.heading')}</h1>${renderLookupForm(t, '/t')}`;
      void reply.send(renderLayout({ t, title: t.t('lookup.heading'), languageHref: (l) => `/t?lang=${l}`, main }));
      return;
    }
    if (number.length > 64 || postalCode.length > 16) throw new AppError(404, 'NOT_FOUND', 'No parcel matches these details');
    const view = await this.service.lookup(number, postalCode, requestClientKey(request, this.config.TRUSTED_PROXY_HOPS), t);
    // Language links keep the lookup (the reader typed both values; they stay in their own history only).
    const params = (l: Language) => `/t?number=${encodeURIComponent(number)}&postalCode=${encodeURIComponent(postalCode)}&lang=${l}`;
    void reply.send(renderTrackingPage({ view, t, languageHref: params, verifyAction: null }));
  }

  @Get(':token')
  @ApiOperation({ summary: 'The tracking page (anonymous; verified after the postal code or through a signed link)' })
  @ApiProduces('text/html')
  @ApiParam({ name: 'token' })
  @ApiQuery({ name: 'lang', required: false, description: 'en, de, fr, es or zh; Accept-Language otherwise' })
  @ApiQuery({ name: 'v', required: false, description: 'Signed merchant link grant' })
  @ApiResponse({ status: 200, description: 'The page' })
  @ApiResponse({ status: 303, description: 'A signed link was turned into the verification cookie' })
  @ApiResponse({ status: 404, description: 'Unknown token (an HTML page)' })
  async page(@Param('token') token: string, @Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const t = translatorOf(request);
    setHtmlHeaders(reply, this.https, t.htmlLang);
    setCaching(reply, 'private');
    const link = queryValue(query.v);
    const cookie = grantCookieName(token);
    const result = await this.service.byToken(token, t, { session: readCookie(request, cookie), link }, { refresh: true });
    if (link && result.linkExpiresAt) {
      const session = this.service.sessionFromLink(token, result.linkExpiresAt);
      setGrantCookie(reply, cookie, session.grant, session.maxAgeSeconds, this.https);
      void reply.status(303).header('Location', this.pageHref(token, t.language)).send();
      return;
    }
    if (!result.verified) setCaching(reply, 'anonymous');
    void reply.send(this.render(token, result.view, t, null));
  }

  @Post(':token/verify')
  @ApiOperation({ summary: 'The page\'s postal-code form (application/x-www-form-urlencoded); redirects to the verified page' })
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiProduces('text/html')
  @ApiParam({ name: 'token' })
  @ApiResponse({ status: 303, description: 'Verified: back to the page, now with the delivery details' })
  @ApiResponse({ status: 422, description: 'Wrong or missing postal code: the page with the form and its error' })
  @ApiResponse({ status: 429, description: 'Too many wrong codes: the page says when to try again' })
  async verify(@Param('token') token: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const t = translatorOf(request);
    setHtmlHeaders(reply, this.https, t.htmlLang);
    setCaching(reply, 'private');
    // A form posted from another site is someone using the buyer's browser to guess codes.
    if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError(403, 'FORBIDDEN', 'Cross-site form posts are not accepted');
    const postalCode = queryValue((body as Record<string, unknown> | null | undefined)?.postalCode)?.trim();
    if (!postalCode || postalCode.length > 16) {
      const current = await this.service.byToken(token, t, {}, { refresh: false });
      void reply.status(422).send(this.render(token, current.view, t, { kind: 'invalid' }));
      return;
    }
    try {
      const result = await this.service.verify(token, postalCode, requestClientKey(request, this.config.TRUSTED_PROXY_HOPS), t);
      setGrantCookie(reply, grantCookieName(token), result.grant, result.maxAgeSeconds, this.https);
      void reply.status(303).header('Location', `${this.pageHref(token, t.language)}#details`).send();
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 404 && e.status !== 429)) throw e;
      // The token holder sees the page again with the form's error; an unknown token stays a 404 page.
      const current = await this.service.byToken(token, t, {}, { refresh: false });
      const problem: VerifyProblem = e.status === 429 ? { kind: 'limited', retryAfterSeconds: Number(e.headers['Retry-After'] ?? 60) } : { kind: 'failed' };
      if (e.status === 429) void reply.header('Retry-After', e.headers['Retry-After'] ?? '60');
      void reply.status(e.status === 429 ? 429 : 422).send(this.render(token, current.view, t, problem));
    }
  }

  private render(token: string, view: PublicTrackingView, t: Translator, problem: VerifyProblem | null): string {
    return renderTrackingPage({
      view,
      t,
      languageHref: (l) => this.pageHref(token, l),
      verifyAction: `/t/${encodeURIComponent(token)}/verify?lang=${t.language}`,
      verifyProblem: problem,
    });
  }

  private pageHref(token: string, language: string): string {
    return `/t/${encodeURIComponent(token)}?lang=${language}`;
  }
}
