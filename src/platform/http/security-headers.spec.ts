import { htmlPageHeaders } from './security-headers';

describe('htmlPageHeaders', () => {
  it('refuses everything the page does not list, and keeps forms and framing to this origin', () => {
    const h = htmlPageHeaders({ sources: ["style-src 'self'", "img-src 'self' data:"] }, false);
    expect(h['Content-Security-Policy']).toBe("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    expect(h).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'X-Robots-Tag': 'noindex, nofollow',
    });
    expect(h['Strict-Transport-Security']).toBeUndefined();
  });

  it('adds the features a page turns off, its own headers, and HSTS over HTTPS', () => {
    const h = htmlPageHeaders({ sources: [], alsoDisable: ['usb'], extra: { 'Cache-Control': 'no-store' } }, true);
    expect(h['Permissions-Policy']).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    expect(h['Cache-Control']).toBe('no-store');
    expect(h['Strict-Transport-Security']).toBe('max-age=31536000');
  });
});
