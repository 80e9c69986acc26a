import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { BrowserName } from './driver';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The browser the e2e suites drive: E2E_BROWSER=firefox (the vitest project e2e-firefox sets it), Chromium otherwise. */
export const BROWSER: BrowserName = process.env.E2E_BROWSER === 'firefox' ? 'firefox' : 'chromium';
/**
 * The e2e build (`npm run build:e2e`: the production build plus the content script's test hooks), or
 * with `production` the production build (`wxt build`, `wxt build -b firefox --mv3`).
 */
export function extensionDir(browser: BrowserName = BROWSER, production = false): string {
  const name = `${browser === 'firefox' ? 'firefox' : 'chrome'}-mv3${production ? '' : '-e2e'}`;
  const override = production ? process.env.PRODUCTION_EXTENSION_DIR : process.env.EXTENSION_DIR;
  return resolve(ROOT, override ?? `.output/${name}`);
}
export const EXTENSION_DIR = extensionDir();
export const PAGES_DIR = resolve(ROOT, 'tests/fixtures/pages');
export const SCREENSHOTS_DIR = resolve(ROOT, 'docs/screenshots');
