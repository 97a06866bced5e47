import { htmlPageHeaders } from '../../platform/http/security-headers';
import { PAGE_CSS_HASH } from './page-styles';

/**
 * Headers for every HTML page of the public site. No script runs on these pages at all
 * (`script-src` is not granted), styles are allowed by hash, forms may only post back here, and no
 * other site may frame the page (clickjacking of the postal-code form).
 */
export function htmlSecurityHeaders(https: boolean): Record<string, string> {
  return htmlPageHeaders(
    {
      sources: [`style-src ${PAGE_CSS_HASH}`, "img-src 'self' data:"],
      alsoDisable: ['usb', 'interest-cohort'],
      extra: { 'Cross-Origin-Resource-Policy': 'same-origin' },
    },
    https,
  );
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
