import { createHash } from 'node:crypto';
import { buildPublicView } from '../domain/build-public-view';
import type { EventFacts, OrderFacts, ParcelFacts } from '../domain/public-tracking.facts';
import { Translator } from '../i18n/translator';
import { html } from './html';
import { renderMessagePage } from './message-page.template';
import { PAGE_CSS_HASH } from './page-styles';
import { htmlSecurityHeaders } from './security-headers';
import { renderTrackingPage } from './tracking-page.template';

const event = (over: Partial<EventFacts>): EventFacts => ({
  status: 'in_transit',
  substatus: 'in_transit.departed_facility',
  actionRequired: false,
  description: 'Departed',
  publicDescription: 'Departed <b>facility</b> <script>alert(1)</script>',
  occurredAt: '2026-11-24T17:30:00+01:00',
  local: '2026-11-24T17:30:00',
  utcOffsetMinutes: 60,
  timeZone: 'Europe/Berlin',
  city: 'Leipzig "<img src=x onerror=alert(1)>"',
  country: 'DE',
  ...over,
});

const parcel: ParcelFacts = {
  key: 'p1',
  shipmentId: 'shp_1',
  direction: 'outbound',
  carrier: 'deutsche-post',
  carrierName: 'Deutsche Post',
  serviceName: 'Paket International',
  trackingNumber: 'RR123456785DE',
  apiCarrier: false,
  status: 'in_transit',
  substatus: 'in_transit.departed_facility',
  actionRequired: false,
  events: [event({})],
  estimatedDelivery: { earliest: '2026-11-27', latest: '2026-11-28' },
  firstEstimatedDelivery: null,
  rma: null,
  returnState: null,
};
const order: OrderFacts = { primary: parcel, parcels: [parcel], returns: [], customs: { required: true, incoterm: 'DDP', dutiesAndTaxes: null }, reference: null };

describe('tracking page', () => {
  const render = (language: 'en' | 'de' | 'zh', verifyProblem: Parameters<typeof renderTrackingPage>[0]['verifyProblem'] = null) => {
    const t = new Translator(language, language === 'zh' ? 'zh-CN' : language === 'de' ? 'de-DE' : 'en-GB');
    return renderTrackingPage({
      view: buildPublicView(order, t, { personal: null, verified: false }),
      t,
      languageHref: (l) => `/t/tok?lang=${l}`,
      verifyAction: '/t/tok/verify?lang=' + language,
      verifyProblem,
    });
  };

  it('is a complete, accessible document in the reader language', () => {
    const page = render('de');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<html lang="de" dir="ltr">');
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toMatch(/<header class="top">[\s\S]*<nav aria-label="Sprache">/);
    expect(page).toContain('<main id="main" tabindex="-1">');
    expect(page).toContain('<footer>');
    expect(page).toMatch(/<h1>Unterwegs<\/h1>/);
    expect(page).toMatch(/role="progressbar"[^>]*aria-valuenow="2"[^>]*aria-valuetext="Schritt 2 von 5: Unterwegs"/);
    expect(page).toContain('<li data-state="current" aria-current="step">Unterwegs <span class="vh">(aktueller Schritt)</span></li>');
    expect(page).toContain('<a href="/t/tok?lang=zh" hreflang="zh-Hans" lang="zh-Hans">中文</a>');
    expect(page).toContain('<a href="/t/tok?lang=de" hreflang="de" lang="de" aria-current="true">Deutsch</a>');
    expect(page).toContain('<time datetime="2026-11-24T17:30:00+01:00">');
    expect(page).toContain('<label for="postalCode">Postleitzahl</label>');
    expect(page).toContain('Zölle und Steuern hat der Absender bezahlt');
    expect(page).toContain('RR•••••••85DE');
    expect(render('zh')).toContain('<html lang="zh-Hans" dir="ltr">');
  });

  it('escapes every value that came from outside', () => {
    const page = render('en');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('Leipzig &quot;&lt;img src=x onerror=alert(1)&gt;&quot;');
  });

  it('has no script at all, and its one style block is the one the CSP hash allows', () => {
    const page = render('en');
    expect(page).not.toMatch(/<script|<[a-z][^>]*\son\w+=/i);
    const css = /<style>([\s\S]*?)<\/style>/.exec(page)![1];
    expect(`'sha256-${createHash('sha256').update(css).digest('base64')}'`).toBe(PAGE_CSS_HASH);
    expect(page.match(/<style/g)).toHaveLength(1);
    expect(page).not.toMatch(/\sstyle=/);
    const csp = htmlSecurityHeaders(false)['Content-Security-Policy'];
    expect(csp).toContain(`style-src ${PAGE_CSS_HASH}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|script-src/);
    expect(htmlSecurityHeaders(true)['Strict-Transport-Security']).toBeDefined();
  });

  it('shows why verification failed, tied to the field for screen readers', () => {
    const page = render('en', { kind: 'limited', retryAfterSeconds: 600 });
    expect(page).toContain('<p class="error" id="verify-error" role="alert">Too many attempts. Please try again in 10 minutes.</p>');
    expect(page).toContain('aria-describedby="verify-intro verify-error" aria-invalid="true"');
  });

  it('message pages (not found, rate limited) share the layout and offer the number lookup', () => {
    const t = new Translator('fr', 'fr-FR');
    const page = renderMessagePage({ t, languageHref: (l) => `/t?lang=${l}`, kind: 'limited', retryAfterSeconds: 42, lookupAction: '/t' });
    expect(page).toContain('<html lang="fr"');
    expect(page).toContain('<h1>Trop de requêtes</h1>');
    expect(page).toContain('Veuillez patienter 42 secondes');
    expect(page).toContain('<form method="get" action="/t">');
  });

  it('html`` escapes values and joins arrays', () => {
    expect(html`<p>${'<x>'}${['a', html`<b>${'&'}</b>`]}${null}${false}${0}</p>`.value).toBe('<p>&lt;x&gt;a<b>&amp;</b>0</p>');
  });
});
