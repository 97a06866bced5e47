import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Real headless Chromium for browser tests: Debian's `chromium` driven by playwright-core (no
 * downloaded browser). The flags keep it from calling Google's services, which this machine's closed
 * network would refuse, and let it run as root in a container.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** A 360 px wide phone (the narrowest common Android width) and a desktop window. */
export const PHONE: BrowserContextOptions = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

/** Where screenshots go (git-ignored); one folder per test file. */
export function artifactsDir(suite: string): string {
  const dir = path.resolve(__dirname, '../../test-artifacts', suite);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A full-page PNG under test-artifacts/<suite>/<name>.png; returns its path. */
export async function screenshot(page: Page, suite: string, name: string): Promise<string> {
  const file = path.join(artifactsDir(suite), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
