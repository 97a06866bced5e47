import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { LabelConverter } from '../../src/documents/conversion/label-converter';
import { Clock } from '../../src/platform/clock/clock';
import { readLabel } from '../documents/barcode-reader';
import { pageSizes, pageToPng } from '../documents/pdf-tools';
import { expressBooking, PARIS, postalBooking } from '../documents/shipment-bodies';
import { DESKTOP, launchBrowser, screenshot } from '../support/browser';
import { FakePrinter } from '../support/fake-printer';
import { auth, startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

/**
 * Real time, running from Thursday 26 November 2026, 10:00 in Bonn: every carrier picks up the same
 * day, so what is booked is on today's list (after a cut-off or at a weekend it would be due later).
 */
class ThursdayMorningClock extends Clock {
  private readonly offset = Date.parse('2026-11-26T09:00:00Z') - Date.now();
  override now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

/** The print station as warehouse staff use it: keyboard, scanner, browser PDF and a network label printer. */
describe('warehouse print station in Chromium', () => {
  let t: TestApp;
  let key: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const printer = new FakePrinter();
  let printerAddress: { host: string; port: number };
  const run = randomUUID().slice(0, 6);
  const pageErrors: string[] = [];
  const shipments: Record<string, { id: string; trackingNumber: string; parcels: { trackingNumber: string }[] }> = {};

  const text = async (selector: string) => (await page.locator(selector).first().innerText()).trim();
  /** Chromium applies autofocus after the load event, so wait for it (fails after 5 s if it never comes). */
  const searchFieldFocused = () =>
    page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id === 'q', null, { timeout: 5_000 });
  /** A scanner types into whatever has the focus once the page is up. */
  const scan = async (code: string) => {
    await page.goto('/warehouse');
    await searchFieldFocused();
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
  };
  const book = async (name: string, body: Record<string, unknown>) => {
    shipments[name] = (await t.http().post('/v1/shipments').set(auth(key)).set('Idempotency-Key', randomUUID()).send(body).expect(201)).body;
  };

  beforeAll(async () => {
    printerAddress = await printer.start();
    // Only an administrator's list opens the way to a network printer.
    t = await startTestApp({ clock: new ThursdayMorningClock(), env: { PRINTER_ALLOWED_HOSTS: `${printerAddress.host}:${printerAddress.port}` } });
    key = await t.keyWith('shipments');
    await book('postal', postalBooking({ reference: `WH-${run}-A` }));
    await book('express', expressBooking({ reference: `WH-${run}-B`, shipTo: PARIS, items: undefined, parcels: [{ weight: { value: 1, unit: 'kg' } }, { weight: { value: 2, unit: 'kg' } }] }));
    await book('twinA', expressBooking({ reference: `WH-${run}-TWIN`, shipTo: PARIS, items: undefined }));
    await book('twinB', expressBooking({ reference: `WH-${run}-TWIN`, shipTo: PARIS, items: undefined }));
    browser = await launchBrowser();
    context = await browser.newContext({ ...DESKTOP, baseURL: t.url });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  });
  afterAll(async () => {
    await browser?.close();
    await printer.stop();
    await t?.close();
  });

  it('serves the sign-in page with strict security headers and no inline script', async () => {
    const res = await page.goto('/warehouse');
    expect(res!.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['cache-control']).toBe('no-store');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await text('h1')).toBe('Sign in');
  });

  it('refuses a key without the shipments scope', async () => {
    const quotesKey = await t.keyWith('quotes');
    await page.goto('/warehouse');
    await page.fill('#apiKey', quotesKey);
    await page.press('#apiKey', 'Enter');
    await page.waitForURL(/error=bad_key/);
    expect(await text('[role=alert]')).toContain('lacks the shipments scope');
  });

  it('signs in with the keyboard; the key stays out of URLs and the session cookie is HttpOnly and SameSite=Strict', async () => {
    await page.goto('/warehouse');
    await page.focus('#apiKey');
    await page.keyboard.type(key);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`Desk ${run}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#q');
    expect(page.url()).toBe(`${t.url}/warehouse`);
    expect(page.url()).not.toContain(key);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'pw_station', httpOnly: true, sameSite: 'Strict', path: '/warehouse' });
    expect(cookie.value).not.toContain(key);
    // The search field has the focus, ready for a scanner.
    await searchFieldFocused();
    // Today's unprinted shipments are listed.
    for (const name of ['postal', 'express']) expect(await page.locator(`input[value="${shipments[name].id}"]`).count()).toBe(1);
    await screenshot(page, 'warehouse', 'home');
  });

  it('sets the station printer', async () => {
    await page.goto('/warehouse/station');
    await page.fill('#printerHost', printerAddress.host);
    await page.fill('#printerPort', String(printerAddress.port));
    await page.selectOption('#labelDpi', '203');
    await page.click('button:has-text("Save")');
    await page.waitForURL(/notice=saved/);
    expect(await text('.station')).toContain(`printer ${printerAddress.host}:${printerAddress.port}`);
  });

  it('a scanned tracking barcode opens the shipment; it prints ZPL on the network printer and reprints', async () => {
    // A scanner types the code and presses Enter into the focused field.
    await scan(shipments.express.parcels[1].trackingNumber);
    await page.waitForURL(new RegExp(`/warehouse/shipments/${shipments.express.id}$`));
    expect(await text('#printed')).toBe('not yet');

    await page.click('button:has-text("Print on label printer")');
    const [job] = await printer.waitForJobs(1);
    const zpl = job.toString('utf8');
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    for (const p of shipments.express.parcels) expect(zpl).toContain(`^FD${p.trackingNumber}^FS`);
    const images = await new LabelConverter().zplToPngs(zpl, 203);
    expect(readLabel(images[1], '4x6').code128).toBe(shipments.express.parcels[1].trackingNumber);
    await page.waitForURL(/notice=printed/);
    expect(await text('[role=status]')).toBe('Labels sent to the printer.');
    expect(await text('#printed')).toContain('1 time');

    await page.click('button:has-text("Reprint on label printer")');
    await printer.waitForJobs(2);
    await page.waitForURL(/notice=printed/);
    expect(await text('#printed')).toContain('2 times');
  });

  it('prints a PDF in the browser through the print frame', async () => {
    // Printing opens Chromium's PDF viewer in the frame; headless Chromium may drop that tab after
    // printing, so this flow runs in a tab of its own.
    const tab = await context.newPage();
    tab.on('pageerror', (e) => pageErrors.push(e.message));
    await tab.goto(`/warehouse/shipments/${shipments.postal.id}`);
    const docHref = await tab.locator('a:has-text("commercial invoice")').getAttribute('href');
    // Keep a copy of what the station received on its way to the print frame.
    let pdf: Buffer = Buffer.alloc(0);
    let contentType: string | undefined;
    await tab.route('**/warehouse/print', async (route) => {
      const response = await route.fetch();
      pdf = await response.body();
      contentType = response.headers()['content-type'];
      await route.fulfill({ response });
    });
    await tab.click('button:has-text("Print PDF")');
    const framed = await tab.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { body: { getAttribute(n: string): string | null }; getElementById(id: string): { src: string } } }).document;
      return doc.body.getAttribute('data-last-print') === 'done' && doc.getElementById('print-frame').src.startsWith('blob:');
    });
    expect(await framed.jsonValue()).toBe(true);
    await tab.close().catch(() => undefined);
    expect(contentType).toBe('application/pdf');
    expect(await pageSizes(pdf)).toEqual([{ width: 288, height: 432 }]);
    expect(readLabel(await pageToPng(pdf, 1, 150), '4x6').code128).toBe(shipments.postal.trackingNumber);
    const printed = await t.http().get(`/v1/shipments/${shipments.postal.id}`).set(auth(key)).expect(200);
    expect(printed.body.printedAt).toEqual(expect.any(String));
    // Customs papers are linked from the page and served to the session as PDF.
    const doc = await page.request.get(docHref!);
    expect(doc.headers()['content-type']).toBe('application/pdf');
    expect((await doc.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a reference with two shipments lists both', async () => {
    await scan(`WH-${run}-TWIN`);
    await page.waitForURL(/\/warehouse\/search\?q=/);
    expect(await page.locator('main table tbody tr').count()).toBe(2);
    await page.goto('/warehouse/search?q=NOTHING-HERE');
    expect(await text('main')).toContain('No shipment matches');
  });

  it('prints a whole batch on the label printer', async () => {
    const batch = (
      await t
        .http()
        .post('/v1/batches')
        .set(auth(key))
        .send({ shipments: [0, 1, 2].map((i) => ({ idempotencyKey: `${run}-batch-${i}`, ...expressBooking({ reference: `WH-${run}-BATCH-${i}`, shipTo: PARIS, items: undefined }) })) })
        .expect(201)
    ).body;
    const before = printer.jobs.length;
    await page.goto('/warehouse');
    await page.fill('#batch', batch.id);
    await page.click('#batch ~ button:has-text("Send to label printer")');
    const jobs = await printer.waitForJobs(before + 1);
    const zpl = jobs[before].toString('utf8');
    expect(zpl.match(/\^XA/g)).toHaveLength(3);
    for (const item of batch.items) expect(zpl).toContain(`^FD${item.shipment.trackingNumber}^FS`);
  });

  it('marks parcels handed to the carrier: a tracking event, and the label can no longer be voided', async () => {
    await page.goto(`/warehouse/shipments/${shipments.postal.id}`);
    await page.click('button:has-text("Mark handed to carrier")');
    await page.waitForURL(/notice=handed_over/);
    expect(await text('#status')).toBe('in_transit');
    expect(await text('#handed-over')).not.toBe('not yet');
    const timeline = await t.http().get(`/v1/shipments/${shipments.postal.id}/tracking`).set(auth(key)).expect(200);
    expect(JSON.stringify(timeline.body)).toContain('Handed to the carrier');
    const cancel = await t.http().post(`/v1/shipments/${shipments.postal.id}/cancel`).set(auth(key)).expect(409);
    expect(cancel.body.error.code).toBe('SHIPMENT_IN_TRANSIT');
    await screenshot(page, 'warehouse', 'handed-over');
  });

  it('forms without the session’s CSRF token do nothing', async () => {
    const res = await page.request.post('/warehouse/handover', { form: { ids: shipments.twinA.id, _csrf: 'forged' }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers()['location']).toContain('error=bad_form');
    const s = await t.http().get(`/v1/shipments/${shipments.twinA.id}`).set(auth(key)).expect(200);
    expect(s.body.handedOverAt).toBeNull();
  });

  it('no script or console errors on any page', () => expect(pageErrors).toEqual([]));

  it('signs out', async () => {
    await page.goto('/warehouse');
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#apiKey');
    const res = await page.goto('/warehouse/shipments/' + shipments.postal.id);
    expect(page.url()).toBe(`${t.url}/warehouse`);
    expect(res!.status()).toBe(200);
  });
});
