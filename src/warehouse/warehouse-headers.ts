import { htmlPageHeaders } from '../platform/http/security-headers';

/**
 * Headers of the print station's pages: script and styles only from this origin (no inline code),
 * forms post only here, PDFs load into the page's own print frame, and no other site may frame the
 * station. Nothing is cached: pages show names and addresses.
 */
export function pageHeaders(https: boolean): Record<string, string> {
  return htmlPageHeaders(
    {
      sources: ["script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-src 'self' blob:"],
      extra: { 'Cache-Control': 'no-store' },
    },
    https,
  );
}

/** Label and document PDFs: shown in the station's own frame, never cached, never sniffed. */
export function pdfHeaders(): Record<string, string> {
  return {
    'Content-Type': 'application/pdf',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'self'",
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'SAMEORIGIN',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
