/**
 * What several suites do the same way: start the browser with the local
 * servers, merge settings, wait for the mention scan, open a price card, and
 * reach into the quote cache. Added beside extension.ts so each suite keeps
 * only what is its own.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { ScanState } from '@/entrypoints/content/e2e-hooks';
import { contentScript, hoverUntilCard, launchExtension, type ExtensionSession, type LaunchOptions } from './extension';
import type { UiLocator, UiPage } from './driver';
import { FakeCoinGecko, routeFallback } from './fake-coingecko';
import { PageServer } from './page-server';
import { PAGES_DIR } from './paths';

/** news.html as served. */
export const newsHtml = (): Promise<string> => readFile(`${PAGES_DIR}/news.html`, 'utf8');

export interface Suite {
  ext: ExtensionSession;
  pages: PageServer;
}

/** The page server, then the browser with the built extension. */
export async function startSuite(options: LaunchOptions = {}): Promise<Suite> {
  const pages = await new PageServer().start();
  const ext = await launchExtension(options);
  return { ext, pages };
}

/**
 * As startSuite, with the fake CoinGecko (and the Coinbase fallback routed to
 * it) set as the price API, so no card ever shows an offline error; and an
 * extension page to read and set the extension's storage.
 */
export async function startSuiteWithPrices(options: LaunchOptions = {}, settings: Record<string, unknown> = {}): Promise<PriceSuite> {
  const fake = await new FakeCoinGecko().start();
  const suite = await startSuite(options);
  await routeFallback(suite.ext, fake);
  await mergeSettings(suite.ext, { apiBaseUrl: fake.baseUrl, ...settings });
  const admin = await suite.ext.openExtensionPage('options.html');
  return { ...suite, fake, admin };
}

export interface PriceSuite extends Suite {
  fake: FakeCoinGecko;
  /** An extension page used to read and set the extension's storage. */
  admin: UiPage;
}

/** Opens news.html (or `path`) of the page server in a new tab. */
export async function openNews({ ext, pages }: Suite, path = '/news.html'): Promise<UiPage> {
  const page = await ext.newPage();
  await page.goto(pages.url(path));
  return page;
}

/** Opens news.html (or `path`) and waits for the mention scan. */
export async function openScanned(suite: Suite, path?: string): Promise<UiPage> {
  const page = await openNews(suite, path);
  await scanned(page);
  return page;
}

/** Stops what a suite started (any of them may be missing if start failed). */
export async function stopSuite(suite: Partial<PriceSuite> | undefined): Promise<void> {
  await suite?.ext?.close();
  await suite?.pages?.stop();
  await suite?.fake?.stop();
}

/** Writes settings as the options page would (one storage.sync item per setting), from the background or an extension page. */
export async function mergeSettings(where: ExtensionSession | UiPage, value: Record<string, unknown>): Promise<void> {
  const merge = async (v: Record<string, unknown>) => {
    await chrome.storage.sync.set(Object.fromEntries(Object.entries(v).map(([k, item]) => [`settings.${k}`, item])));
  };
  if ('background' in where) await where.background.evaluate(merge, value);
  else await where.evaluate(merge, value);
}

export const priceCard = (page: UiPage): UiLocator => page.locator('[data-testid="price-card"]');

/** Hovers `text` inside `selector` until the card opens; with `loaded`, also waits for its data. */
export async function openCard(page: UiPage, selector: string, text: string, loaded = false): Promise<UiLocator> {
  await hoverUntilCard(page, selector, text);
  await expect.poll(() => priceCard(page).count(), { timeout: 5000 }).toBe(1);
  const card = priceCard(page);
  if (loaded) await expect.poll(() => card.getAttribute('data-state'), { timeout: 10_000 }).not.toBe('loading');
  return card;
}

export type { ScanState };

/** The content script's view: indexed mentions and registered highlight ranges. */
export function scanState(page: UiPage): Promise<ScanState> {
  return contentScript(page, 'scanState');
}

/** Moves the pointer away and waits for the card to close. */
export async function moveAway(page: UiPage): Promise<void> {
  await page.mouse.move(2, 2);
  await expect.poll(() => priceCard(page).count(), { timeout: 3000 }).toBe(0);
}

/** Waits until the content script has read the page without loading the detector (nothing there that could be a mention), and only watches changes. */
export async function watchingOnly(page: UiPage, timeout = 10_000): Promise<void> {
  await expect.poll(() => contentScript(page, 'mentionsWatching'), { timeout }).toBe(true);
}

/** Waits until the content script has scanned the page and is idle. */
export async function scanned(page: UiPage, timeout = 10_000): Promise<ScanState> {
  await expect.poll(async () => { const s = await scanState(page); return s.firstScanDone && !s.busy; }, { timeout }).toBe(true);
  return scanState(page);
}

/**
 * Changes every cached quote in the extension's IndexedDB, from an extension
 * page: `'clear'` empties the cache; a number makes every quote that many ms
 * older, as if time had passed. The background's in-memory copy of recent
 * answers (quote-service.ts `recent`) is forgotten too, through `prices.reset`
 * (the options page's *Ask for prices again now*), which also clears any pause
 * after errors: call it before setting up a pause.
 */
export async function changeQuoteCache(admin: UiPage, change: 'clear' | number): Promise<void> {
  expect(await admin.evaluate(() => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'prices.reset', payload: {} }))).toMatchObject({ ok: true });
  await admin.evaluate(
    (change) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('token-insight');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('quotes', 'readwrite');
          const store = tx.objectStore('quotes');
          if (change === 'clear') store.clear();
          else {
            const cursorReq = store.openCursor();
            cursorReq.onsuccess = () => {
              const cursor = cursorReq.result;
              if (!cursor) return;
              const row = cursor.value;
              row.fetchedAt -= change;
              row.quote.fetchedAt -= change;
              cursor.update(row);
              cursor.continue();
            };
          }
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    change,
  );
}

/** The coins of news.html, sorted. */
export const NEWS_COINS = ['bittensor', 'fetch-ai', 'numeraire', 'singularitynet', 'the-graph'];

/** Fills the cache for the news page's coins in the current currency (as the popup would ask). */
export async function warmCache(admin: UiPage): Promise<void> {
  const reply = await admin.evaluate(
    (coinIds) => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'quotes.get', payload: { coinIds, wait: true } }),
    NEWS_COINS,
  );
  expect(reply).toMatchObject({ ok: true, value: { error: null } });
}

/** Forgets any price-provider backoff. */
export async function clearBackoff(admin: UiPage): Promise<void> {
  await admin.evaluate(() => chrome.storage.local.remove('priceBackoff'));
}

/**
 * Stops the extension's background (Chromium's service worker, Firefox's event page), as the browser
 * does when it idles, and proves a new one answers the next message (a mark left in the old one's global
 * scope is gone).
 */
export async function restartBackground(ext: ExtensionSession, admin: UiPage): Promise<void> {
  await ext.background.evaluateInScope((scope: { __tiMark?: boolean }) => void (scope.__tiMark = true));
  await ext.background.stop();
  const pong = await admin.evaluate(() => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'ping', payload: { nonce: 'restart' } }));
  expect(pong).toMatchObject({ ok: true, value: { nonce: 'restart' } });
  expect(await ext.background.evaluateInScope((scope: { __tiMark?: boolean }) => scope.__tiMark ?? null)).toBeNull();
}
