import { existsSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, PHONE, screenshot } from '../support/browser';
import { auth, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

const SUITE = 'public-tracking';
const BUYER = {
  name: 'Ottoline Marchbanks',
  street1: 'Seefeldstrasse 88',
  city: 'Zürich',
  postalCode: '8008',
  country: 'CH',
  phone: '+41 44 321 09 87',
  email: 'ottoline.marchbanks@example.org',
};
const SHOP = { name: 'Lotte Versand', company: 'Versandhaus Bonn GmbH', street1: 'Poststrasse 1', city: 'Bonn', postalCode: '53113', country: 'DE', phone: '+49 228 1234567', email: 'versand@shop.example' };

/** WCAG relative-luminance contrast of two `rgb(...)` colours. */
function contrast(fg: string, bg: string): number {
  const lum = (c: string) => {
    const [r, g, b] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}

describe('public tracking page in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let token: string;
  const cspViolations: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ env: { JOBS_ENABLED: 'false', PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' } });
    const shipKey = await t.keyWith('shipments');
    const writer = await t.keyWith('tracking:write');
    const book = async (parcels: number) =>
      (
        await t
          .http()
          .post('/v1/shipments')
          .set(auth(shipKey))
          .set('Idempotency-Key', randomUUID())
          .send({
            carrier: 'deutsche-post',
            service: 'paket-international',
            reference: 'ORDER-8008',
            shipFrom: SHOP,
            shipTo: BUYER,
            parcels: Array.from({ length: parcels }, () => ({ weight: { value: 1.1, unit: 'kg' } })),
            items: [
              { sku: 'TEA-1', description: 'Darjeeling tea, 250 g', hsCode: '090230', originCountry: 'IN', quantity: 3, unitValue: { amount: '14.50', currency: 'EUR' } },
              { sku: 'POT-2', description: 'Cast iron teapot', hsCode: '732393', originCountry: 'JP', quantity: 1, unitValue: { amount: '64.00', currency: 'EUR' } },
            ],
            incoterm: 'DAP',
          })
          .expect(201)
      ).body;
    const main = await book(2);
    const second = await book(1);
    token = main.trackingUrl.split('/t/')[1];
    const post = (trackingNumber: string, events: object[], extra: object = {}) =>
      t.http().post('/v1/tracking-events').set(auth(writer)).send({ carrier: 'deutsche-post', trackingNumber, events, ...extra }).expect(200);
    await post(
      main.trackingNumber,
      [
        { code: 'PCKDU', occurredAt: '2026-11-23T16:45:00+01:00', location: { city: 'Bonn', country: 'DE' } },
        { code: 'LDTMV', occurredAt: '2026-11-23T22:10:00+01:00', location: { city: 'Köln', country: 'DE' } },
        { code: 'INFCL', occurredAt: '2026-11-24T06:30:00+01:00', location: { city: 'Basel', country: 'CH' } },
        { status: 'customs', substatus: 'duties_due', description: 'Held for duties; call Ottoline Marchbanks', occurredAt: '2026-11-25T08:15:00', location: { city: 'Zürich', country: 'CH' } },
      ],
      { estimatedDelivery: { earliest: '2026-11-27', latest: '2026-11-28' } },
    );
    await post(main.parcels[1].trackingNumber, [{ code: 'PCKDU', occurredAt: '2026-11-23T16:50:00+01:00', location: { city: 'Bonn', country: 'DE' } }]);
    await post(second.trackingNumber, [
      { code: 'PCKDU', occurredAt: '2026-11-24T10:00:00+01:00', location: { city: 'Bonn', country: 'DE' } },
      { code: 'DLVRD', occurredAt: '2026-11-26T11:02:00', location: { city: 'Zürich', country: 'CH' } },
    ]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(options: { locale: string; viewport: 'phone' | 'desktop'; javaScriptEnabled?: boolean }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ ...(options.viewport === 'phone' ? PHONE : DESKTOP), locale: options.locale, javaScriptEnabled: options.javaScriptEnabled ?? true });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(t.url)) foreignRequests.push(r.url());
    });
    return { context, page };
  }

  const cases = [
    { locale: 'en-GB', lang: 'en', viewport: 'phone' as const, h1: 'In customs', progress: 'Step 3 of 5: Customs', window: 'Between Fri 27 Nov and Sat 28 Nov' },
    { locale: 'en-GB', lang: 'en', viewport: 'desktop' as const, h1: 'In customs', progress: 'Step 3 of 5: Customs', window: 'Between Fri 27 Nov and Sat 28 Nov' },
    { locale: 'de-DE', lang: 'de', viewport: 'phone' as const, h1: 'Beim Zoll', progress: 'Schritt 3 von 5: Zoll', window: 'Zwischen Fr., 27. Nov. und Sa., 28. Nov.' },
    { locale: 'de-DE', lang: 'de', viewport: 'desktop' as const, h1: 'Beim Zoll', progress: 'Schritt 3 von 5: Zoll', window: 'Zwischen Fr., 27. Nov. und Sa., 28. Nov.' },
  ];

  it.each(cases)('$lang at $viewport width: status, progress, window, customs, timeline, parcels; readable and accessible', async ({ locale, lang, viewport, h1, progress, window }) => {
    const { context, page } = await open({ locale, viewport });
    const res = await page.goto(`${t.url}/t/${token}`);
    expect(res?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.locator('h1').allTextContents()).toEqual([h1]);
    const bar = page.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuetext')).toBe(progress);
    expect(await bar.getAttribute('aria-valuenow')).toBe('3');
    expect(await page.locator('.progress-text').textContent()).toBe(progress);
    expect(await page.locator('#delivery').innerText()).toContain(window);
    expect(await page.locator('#customs .duties').isVisible()).toBe(true);
    // Timeline, newest first, with city, country and the named zone.
    const items = page.locator('#timeline .timeline > li');
    expect(await items.count()).toBe(4);
    const newest = await items.first().innerText();
    expect(newest).toContain(lang === 'de' ? 'Zürich, Schweiz' : 'Zürich, Switzerland');
    expect(newest).toContain(lang === 'de' ? 'Mitteleuropäische Normalzeit' : 'Central European Standard Time');
    expect(await page.locator('#parcels .parcels > li').count()).toBe(3);
    // Landmarks, one main heading, a label for every field, a visible language switch.
    for (const role of ['banner', 'navigation', 'main', 'contentinfo'] as const) expect(await page.getByRole(role).count()).toBeGreaterThanOrEqual(1);
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').count()).toBe(5);
    expect(await nav.locator('a[aria-current="true"]').getAttribute('hreflang')).toBe(lang);
    expect(await nav.isVisible()).toBe(true);
    for (const id of await page.locator('input:not([type=hidden])').evaluateAll((els) => els.map((e) => e.id))) {
      expect(await page.locator(`label[for="${id}"]`).count()).toBe(1);
    }
    // Readable on the phone: nothing wider than the screen, text at least 12 px.
    // Evaluated in the page (a string: the test code is compiled without the DOM library).
    const layout: { scrollWidth: number; width: number; smallest: number } = await page.evaluate(`({
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      smallest: Math.min(...[...document.querySelectorAll('p, dd, dt, li, a, h1, h2, h3, label, button')].map((e) => parseFloat(getComputedStyle(e).fontSize))),
    })`);
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.smallest).toBeGreaterThanOrEqual(12);
    // Contrast (WCAG AA, 4.5:1) of the text styles the page uses, against their own backgrounds.
    const pairs: { what: string; fg: string; bg: string }[] = await page.evaluate(`(() => {
      const bgOf = (el) => {
        for (let e = el; e; e = e.parentElement) {
          const bg = getComputedStyle(e).backgroundColor;
          if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      return [...document.querySelectorAll('h1, h2, p, dt, dd, .langs a, .badge, button, .ev-meta, .note, summary, .steps li')]
        .filter((e) => e.offsetParent !== null && e.textContent.trim())
        .map((e) => ({ what: e.tagName + '.' + e.className, fg: getComputedStyle(e).color, bg: bgOf(e) }));
    })()`);
    expect(pairs.length).toBeGreaterThan(20);
    const low = pairs.map((p) => ({ ...p, ratio: contrast(p.fg, p.bg) })).filter((p) => p.ratio < 4.5);
    expect(low).toEqual([]);
    const file = await screenshot(page, SUITE, `page-${lang}-${viewport}`);
    expect(statSync(file).size).toBeGreaterThan(10_000);
    await context.close();
  });

  it('the language switch is a plain link that works', async () => {
    const { context, page } = await open({ locale: 'en-GB', viewport: 'phone' });
    await page.goto(`${t.url}/t/${token}`);
    await page.getByRole('navigation').getByRole('link', { name: '中文' }).click();
    await page.waitForURL(/lang=zh/);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-Hans');
    expect(await page.locator('h1').textContent()).toBe('清关中');
    await screenshot(page, SUITE, 'page-zh-phone');
    await context.close();
  });

  it.each([
    { viewport: 'phone' as const, locale: 'de-DE', lang: 'de' },
    { viewport: 'desktop' as const, locale: 'en-GB', lang: 'en' },
  ])('verifying with the postal code, JavaScript off ($lang, $viewport): wrong code first, then the details', async ({ viewport, locale, lang }) => {
    const { context, page } = await open({ locale, viewport, javaScriptEnabled: false });
    await page.goto(`${t.url}/t/${token}`);
    expect(await page.locator('#verified-h').count()).toBe(0);
    const field = page.getByLabel(lang === 'de' ? 'Postleitzahl' : 'Postal code', { exact: true });
    await field.fill('8001');
    await page.getByRole('button', { name: lang === 'de' ? 'Details anzeigen' : 'Show details' }).click();
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain(lang === 'de' ? 'Diese Postleitzahl passt nicht' : 'That postal code does not match');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, SUITE, `verify-wrong-${lang}-${viewport}`);
    await page.getByLabel(lang === 'de' ? 'Postleitzahl' : 'Postal code', { exact: true }).fill(' 8008 ');
    await page.getByRole('button', { name: lang === 'de' ? 'Details anzeigen' : 'Show details' }).click();
    await page.waitForURL(new RegExp(`/t/${token}\\?lang=${lang}#details$`));
    const details = page.locator('#details');
    expect(await details.locator('h2').textContent()).toBe(lang === 'de' ? 'Lieferdetails' : 'Delivery details');
    const text = await details.innerText();
    expect(text).toContain('O••• M•••');
    expect(text).toContain('80••• Zürich');
    expect(text).toContain('3 × Darjeeling tea, 250 g');
    expect(text).toContain('1 × Cast iron teapot');
    expect(text).not.toContain('Marchbanks');
    expect(text).not.toContain('Seefeldstrasse');
    await screenshot(page, SUITE, `verified-${lang}-${viewport}`);
    // The cookie carries the verified view to the next visit, and it is not readable by scripts.
    const cookies = await context.cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: expect.stringMatching(/^pwv_/), httpOnly: true, sameSite: 'Lax' })]);
    await page.goto(`${t.url}/t/${token}`);
    expect(await page.locator('#verified-h').count()).toBe(1);
    await context.close();
  });

  it('no CSP violation (the inline style is allowed by its hash) and no request leaves the service', async () => {
    expect(cspViolations).toEqual([]);
    expect(foreignRequests).toEqual([]);
    for (const name of ['page-en-phone', 'page-de-desktop', 'verified-de-phone', 'verified-en-desktop']) {
      expect(existsSync(`${__dirname}/../../test-artifacts/${SUITE}/${name}.png`)).toBe(true);
    }
  });
});
