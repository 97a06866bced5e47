import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateLanguage } from './i18n/negotiate-language';
import { translatorFor, Translator } from './i18n/translator';
import { htmlSecurityHeaders, jsonSecurityHeaders } from './render/security-headers';

/**
 * HTTP details shared by the public page and its JSON: cookies, caching, language. Caching rule:
 * the anonymous view may sit in a shared cache for a minute (it varies by language and by cookie,
 * since a verification cookie turns it into the verified view); the verified view, every error and
 * every answer to a POST are `private, no-store`.
 */

/** A query parameter as one string (a repeated parameter counts by its first value). */
export function queryValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return queryValue(value[0]);
  return typeof value === 'string' ? value : undefined;
}

export function translatorOf(request: FastifyRequest): Translator {
  const query = request.query as Record<string, unknown> | undefined;
  const header = request.headers['accept-language'];
  const choice = negotiateLanguage(queryValue(query?.lang), Array.isArray(header) ? header.join(',') : header);
  return translatorFor(choice.language, choice.locale);
}

/** One cookie's value from the Cookie header (cookies are parsed by hand: this is the only one we read). */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return undefined;
}

/**
 * The verification cookie: HttpOnly (no script needs it), SameSite=Lax (it must come along when the
 * buyer follows the link in an email), Secure whenever the service is served over HTTPS.
 */
export function setGrantCookie(reply: FastifyReply, name: string, grant: string, maxAgeSeconds: number, https: boolean): void {
  void reply.header('Set-Cookie', `${name}=${grant}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${https ? '; Secure' : ''}`);
}

export function setCaching(reply: FastifyReply, kind: 'anonymous' | 'private'): void {
  void reply.header('Cache-Control', kind === 'anonymous' ? 'public, max-age=60' : 'private, no-store');
  void reply.header('Vary', 'Accept-Language, Cookie');
}

export function setHtmlHeaders(reply: FastifyReply, https: boolean, language: string): void {
  for (const [k, v] of Object.entries(htmlSecurityHeaders(https))) void reply.header(k, v);
  void reply.header('Content-Language', language);
  void reply.header('Content-Type', 'text/html; charset=utf-8');
}

export function setJsonHeaders(reply: FastifyReply, language: string): void {
  for (const [k, v] of Object.entries(jsonSecurityHeaders())) void reply.header(k, v);
  void reply.header('Content-Language', language);
}
