/** What one kind of HTML page needs beyond the defaults every page gets. */
export interface HtmlPagePolicy {
  /**
   * The page's fetch directives, placed after `default-src 'none'` (so anything not listed is
   * refused), e.g. `["style-src 'self'", "img-src 'self' data:"]`.
   */
  sources: string[];
  /** Browser features turned off besides camera, microphone, geolocation and payment. */
  alsoDisable?: string[];
  /** Headers only this page sends (caching, resource policy). */
  extra?: Record<string, string>;
}

/**
 * Security headers of a server-rendered HTML page: a Content-Security-Policy that refuses everything
 * the policy does not list, lets forms post only back here and lets no other site frame the page
 * (clickjacking), no MIME sniffing, no referrer, powerful features off, an isolated browsing context,
 * no indexing, and HSTS when served over HTTPS.
 *
 * @example
 * htmlPageHeaders({ sources: ["script-src 'self'", "style-src 'self'"], extra: { 'Cache-Control': 'no-store' } }, true)
 */
export function htmlPageHeaders(policy: HtmlPagePolicy, https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': ["default-src 'none'", ...policy.sources, "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'"].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': ['camera', 'microphone', 'geolocation', 'payment', ...(policy.alsoDisable ?? [])].map((f) => `${f}=()`).join(', '),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Robots-Tag': 'noindex, nofollow',
    ...policy.extra,
  };
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}
