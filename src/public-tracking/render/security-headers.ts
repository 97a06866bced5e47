import { PAGE_CSS_HASH } from './page-styles';

/**
 * Headers for every HTML page of the public site. No script runs on these pages at all
 * (`script-src` is not granted), styles are allowed by hash, forms may only post back here, and no
 * other site may frame the page (clickjacking of the postal-code form).
 */
export function htmlSecurityHeaders(https: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src ${PAGE_CSS_HASH}`,
      "img-src 'self' data:",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'X-Robots-Tag': 'noindex, nofollow',
  };
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000';
  return headers;
}

/** Headers for the public JSON: never rendered as a page, never framed, no referrer. */
export function jsonSecurityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex, nofollow',
  };
}
