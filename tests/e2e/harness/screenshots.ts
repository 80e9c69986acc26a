/**
 * Where e2e screenshots go: docs/screenshots (shown in the README) only when
 * UPDATE_SCREENSHOTS=1, otherwise .output/screenshots, so a test run never
 * dirties the working tree. Chromium's pictures are the README's; Firefox's
 * go to a firefox/ folder beside them. Store-listing pictures (1280×800) go
 * to store/screenshots/<browser>/ under UPDATE_SCREENSHOTS=1.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExtensionSession, UiPage } from './driver';
import type { PageServer } from './page-server';
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

/** Width and height of a PNG file (from its IHDR chunk). */
export function pngSize(path: string): { width: number; height: number } {
  const head = readFileSync(path).subarray(0, 24);
  return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
}

/** A store listing picture of `page` as it is (its viewport must be the store size): checked to be 1280×800. */
export async function storeScreenshot(page: UiPage, name: string): Promise<string> {
  const path = storeScreenshotPath(name);
  await page.screenshot({ path });
  const size = pngSize(path);
  if (size.width !== STORE_SCREENSHOT.width || size.height !== STORE_SCREENSHOT.height) {
    throw new Error(`${name} is ${size.width}×${size.height}, not the stores' ${STORE_SCREENSHOT.width}×${STORE_SCREENSHOT.height}`);
  }
  return path;
}

/**
 * A store listing picture for a small surface (the popup): its screenshots, side by side on a plain
 * 1280×800 page with a caption, served by `pages` and shot in a new tab of `ext`.
 */
export async function composedStoreScreenshot(
  ext: ExtensionSession,
  pages: PageServer,
  name: string,
  caption: { title: string; text: string },
  pictures: string[],
): Promise<string> {
  const img = (p: string) => `<img alt="" src="data:image/png;base64,${readFileSync(p).toString('base64')}">`;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = `<!doctype html><meta charset="utf-8"><title>${esc(caption.title)}</title>
    <body style="margin:0;width:1280px;height:800px;display:flex;align-items:center;gap:48px;padding:0 64px;box-sizing:border-box;
      background:linear-gradient(135deg,#eef2ff,#f8fafc);font:18px/1.5 system-ui,sans-serif;color:#1b1d21;overflow:hidden">
    <div style="flex:1"><h1 style="font-size:40px;line-height:1.15;margin:0 0 16px">${esc(caption.title)}</h1><p style="margin:0;color:#4b5563">${esc(caption.text)}</p></div>
    <div style="display:flex;gap:24px;align-items:flex-start">${pictures.map(img).join('')}</div>
    <style>img{max-height:720px;border-radius:12px;box-shadow:0 12px 40px rgb(0 0 0/.18)}</style></body>`;
  const page = await ext.newPage();
  try {
    await page.setViewportSize(STORE_SCREENSHOT);
    await page.goto(pages.addPage(`/store-${name.replace(/\W+/g, '-')}.html`, html));
    return await storeScreenshot(page, name);
  } finally {
    await page.close();
  }
}
