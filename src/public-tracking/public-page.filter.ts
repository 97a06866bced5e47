import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../platform/config/app-config';
import { toErrorResponse } from '../platform/errors/all-exceptions.filter';
import type { Language } from './i18n/languages';
import { setCaching, setHtmlHeaders, translatorOf } from './public-http';
import { renderMessagePage } from './render/message-page.template';

/**
 * Errors on the HTML pages answer as pages (in the reader's language, with the security headers),
 * not as the API's JSON: a buyer who follows a broken link or is rate limited sees a page that says
 * so. Status codes and `Retry-After` stay those of the API error.
 */
@Catch()
export class PublicPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('PublicPage');

  constructor(private readonly config: AppConfig) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, headers } = toErrorResponse(exception, String(request.id));
    if (status >= 500) {
      this.logger.error({ err: exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : exception }, 'public page failed');
    }
    const t = translatorOf(request);
    const kind = status === 429 ? 'limited' : status === 404 || status === 400 ? 'notFound' : 'error';
    const retryAfter = Number(headers['Retry-After'] ?? 60);
    const page = renderMessagePage({
      t,
      kind,
      retryAfterSeconds: retryAfter,
      languageHref: (l: Language) => languageHref(request, l),
      lookupAction: kind === 'notFound' ? '/t' : undefined,
    });
    for (const [k, v] of Object.entries(headers)) void reply.header(k, v);
    setHtmlHeaders(reply, this.config.publicBaseUrl.startsWith('https:'), t.htmlLang);
    setCaching(reply, 'private');
    void reply.status(status).send(page);
  }
}

/** The page in another language: its path (the form's target becomes the page) with only `lang` in the query, never a postal code. */
function languageHref(request: FastifyRequest, language: Language): string {
  const path = request.url.split('?')[0].replace(/\/verify$/, '');
  return `${path}?lang=${language}`;
}
