/**
 * Where e2e screenshots go: docs/screenshots (shown in the README) only when
 * UPDATE_SCREENSHOTS=1, otherwise .output/screenshots, so a test run never
 * dirties the working tree. Chromium's pictures are the README's; Firefox's
 * go to a firefox/ folder beside them. Store-listing pictures (1280×800) go
 * to store/screenshots/<browser>/ under UPDATE_SCREENSHOTS=1.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER, ROOT, SCREENSHOTS_DIR } from './paths';

const update = () => process.env.UPDATE_SCREENSHOTS === '1';

export function screenshotPath(name: string): string {
  const base = update() ? SCREENSHOTS_DIR : join(ROOT, '.output/screenshots');
  const dir = BROWSER === 'firefox' ? join(base, 'firefox') : base;
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** The size both stores take for listing screenshots. */
export const STORE_SCREENSHOT = { width: 1280, height: 800 };

export function storeScreenshotPath(name: string): string {
  const dir = update() ? join(ROOT, 'store/screenshots', BROWSER) : join(ROOT, '.output/store-screenshots', BROWSER);
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
