/**
 * The price service end to end, in Chromium with the built extension, against
 * the local fake CoinGecko (and the fake Coinbase fallback routed to it):
 * the settings reach the background, one request however many tabs ask,
 * 429 / Retry-After with a worker restart, server down, nothing cached,
 * malformed answers, and the fallback.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { evaluateInContentScript, hoverUntilCard, launchExtension, type ExtensionSession } from './harness/extension';
import { FakeCoinGecko, routeFallback, USD_RATES } from './harness/fake-coingecko';
import { PageServer } from './harness/page-server';
import { formatPrice } from '@/utils/format';

let ext: ExtensionSession;
let pages: PageServer;
let fake: FakeCoinGecko;
/** An extension page used to read and set the extension's storage. */
let admin: Page;

const card = (page: Page) => page.locator('[data-testid="price-card"]');

async function setSettings(change: Record<string, unknown>): Promise<void> {
  await admin.evaluate(async (v) => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...(settings ?? {}), ...v } });
  }, change);
}

/** Makes every cached quote `ms` older, as if time had passed. */
async function ageQuotes(ms: number): Promise<void> {
  await admin.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('token-insight');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('quotes', 'readwrite');
          const cursorReq = tx.objectStore('quotes').openCursor();
          cursorReq.onsuccess = () => {
            const cursor = cursorReq.result;
            if (!cursor) return;
            const row = cursor.value;
            row.fetchedAt -= ms;
            row.quote.fetchedAt -= ms;
            cursor.update(row);
            cursor.continue();
          };
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    ms,
  );
}

/** Empties the quote cache. */
async function clearQuotes(): Promise<void> {
  await admin.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('token-insight');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('quotes', 'readwrite');
          tx.objectStore('quotes').clear();
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const NEWS_COINS = ['bittensor', 'fetch-ai', 'numeraire', 'singularitynet', 'the-graph'];

/** Fills the cache for the news page's coins in the current currency (as the popup would ask). */
async function warmCache(): Promise<void> {
  const reply = await admin.evaluate(
    (coinIds) => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'quotes.get', payload: { coinIds, wait: true } }),
    NEWS_COINS,
  );
  expect(reply).toMatchObject({ ok: true, value: { error: null } });
}

async function clearBackoff(): Promise<void> {
  await admin.evaluate(() => chrome.storage.local.remove('priceBackoff'));
}

/**
 * Stops the extension's service worker, as Chromium does when it idles, and
 * proves a new one answers the next message (a mark left in the old worker's
 * global scope is gone).
 */
async function restartServiceWorker(): Promise<void> {
  const worker = () => ext.context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${ext.extensionId}/`))!;
  await worker().evaluate(() => ((globalThis as { __tiMark?: boolean }).__tiMark = true));
  const cdp = await ext.context.newCDPSession(admin);
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
  } finally {
    await cdp.detach().catch(() => {});
  }
  const pong = await admin.evaluate(() => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'ping', payload: { nonce: 'restart' } }));
  expect(pong).toMatchObject({ ok: true, value: { nonce: 'restart' } });
  expect(await worker().evaluate(() => (globalThis as { __tiMark?: boolean }).__tiMark)).toBeUndefined();
}

/** Waits until the content script has scanned the page (and so asked for its coins' quotes). */
async function scanned(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        evaluateInContentScript<boolean>(
          page,
          '(() => { const rt = globalThis.__tokenInsightMentions?.runtime(); return !!rt && rt.scanner.stats.firstScanEnd !== null; })()',
        ),
      { timeout: 20_000 },
    )
    .toBe(true);
}

async function openNews(): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(pages.url('/news.html'));
  return page;
}

async function openCard(page: Page, selector: string, text: string) {
  await hoverUntilCard(page, selector, text);
  await expect.poll(() => card(page).count(), { timeout: 5000 }).toBe(1);
  return card(page);
}

async function uiLocale(page: Page): Promise<string> {
  return evaluateInContentScript<string>(page, 'chrome.i18n.getUILanguage()');
}

beforeAll(async () => {
  fake = await new FakeCoinGecko().start();
  pages = await new PageServer().start();
  ext = await launchExtension();
  await routeFallback(ext.context, fake);
  admin = await ext.openExtensionPage('options.html');
  // Every test talks to the fake (the first one also sets this through the options page).
  await setSettings({ apiBaseUrl: fake.baseUrl });
});

afterAll(async () => {
  await ext?.close();
  await pages?.stop();
  await fake?.stop();
});

beforeEach(() => {
  fake.mode = { kind: 'ok' };
  fake.fallbackMode = { kind: 'ok' };
});

describe('prices from the fake CoinGecko', () => {
  it('uses the base URL and currency set on the options page, and shows the server’s price formatted for that currency', async () => {
    await setSettings({ apiBaseUrl: 'https://api.coingecko.com/api/v3', currency: 'usd' });
    await admin.reload();
    const baseUrl = admin.getByTestId('api-base-url');
    await baseUrl.fill(fake.baseUrl);
    await baseUrl.press('Enter');
    await admin.getByTestId('currency').selectOption('inr');
    await expect
      .poll(() => admin.evaluate(async () => await chrome.storage.sync.get(['settings.apiBaseUrl', 'settings.currency'])))
      .toEqual({ 'settings.apiBaseUrl': fake.baseUrl, 'settings.currency': 'inr' });

    const page = await openNews();
    const priceCard = await openCard(page, '#p1', '$TAO');
    const price = priceCard.getByTestId('price');
    await expect.poll(() => price.getAttribute('data-value'), { timeout: 10_000 }).not.toBe(null);
    const expected = +(432.17 * USD_RATES.inr!).toPrecision(12);
    expect(Number(await price.getAttribute('data-value'))).toBe(expected);
    expect(await price.textContent()).toBe(formatPrice(expected, 'inr', await uiLocale(page)));
    expect(await price.textContent()).toContain('₹');
    expect(await priceCard.getByTestId('freshness').getAttribute('data-kind')).toBe('fresh');
    expect(await priceCard.getByTestId('price-source').textContent()).toContain('CoinGecko');

    const markets = fake.requests.filter((r) => r.path === '/api/v3/coins/markets');
    expect(markets.length).toBeGreaterThanOrEqual(1);
    const last = markets[markets.length - 1]!;
    expect(last.query.get('vs_currency')).toBe('inr');
    expect(last.query.get('sparkline')).toBe('true');
    // Keyless by default: no key header, and never a key in the URL.
    expect(last.headers['x-cg-demo-api-key']).toBeUndefined();
    expect(last.headers['x-cg-pro-api-key']).toBeUndefined();
    expect([...last.query.keys()].some((k) => k.includes('key'))).toBe(false);
    await page.close();
  });

  it('makes one /coins/markets request when 20 pages with tickers open at once', async () => {
    await setSettings({ currency: 'eur' }); // nothing cached in EUR yet
    const before = fake.count('/coins/markets');
    // A light page (the same tickers as the news page) keeps 20 tabs cheap on a small machine.
    const url = pages.addPage(
      '/tickers.html',
      '<!doctype html><title>Tickers</title><p id="p1">$TAO and Bittensor, Fetch.ai (FET), SingularityNET (AGIX), NMR on Numerai, GRT on The Graph.</p>',
    );
    const tabs = await Promise.all(Array.from({ length: 20 }, () => ext.context.newPage()));
    try {
      await Promise.all(tabs.map((t) => t.goto(url)));
      // Every tab scans its page and asks for its coins' quotes.
      await expect.poll(() => fake.count('/coins/markets') - before, { timeout: 20_000 }).toBe(1);
      // Each tab has scanned (its mentions are highlighted), so each has asked for its quotes.
      await Promise.all(
        tabs.map((t) => t.waitForFunction(() => (CSS.highlights.get('token-insight-mention')?.size ?? 0) > 0, null, { timeout: 20_000 })),
      );
      // A card on the last tab shows the cached EUR price, with no new request.
      const last = tabs[tabs.length - 1]!;
      const priceCard = await openCard(last, '#p1', 'Bittensor');
      await expect.poll(() => priceCard.getByTestId('price').getAttribute('data-currency'), { timeout: 10_000 }).toBe('eur');
    } finally {
      await Promise.all(tabs.map((t) => t.close()));
    }
    expect(fake.count('/coins/markets') - before).toBe(1);
    const request = fake.requests.filter((r) => r.path === '/api/v3/coins/markets').pop()!;
    expect(request.query.get('ids')!.split(',').sort()).toEqual(NEWS_COINS);
  }, 120_000); // 20 browser tabs on a small shared machine can take a while to load
});

describe('faults', () => {
  it('after a 429 with Retry-After: 30 sends nothing for 30 s (even after a worker restart), shows the cached price with its age, then asks again', async () => {
    await setSettings({ currency: 'eur' });
    await clearBackoff();
    await warmCache();
    await ageQuotes(5 * 60_000); // the EUR quotes are now 5 minutes old: stale
    fake.mode = { kind: 'rate-limited', retryAfterSeconds: 30 };
    fake.fallbackMode = { kind: 'error', status: 503 };
    const before = fake.count('/coins/markets');

    const page = await openNews();
    const priceCard = await openCard(page, '#p1', '$TAO');
    const freshness = priceCard.getByTestId('freshness');
    await expect.poll(() => freshness.getAttribute('data-kind'), { timeout: 10_000 }).toBe('stale');
    expect(await freshness.textContent()).toMatch(/5 min/);
    expect(Number(await priceCard.getByTestId('price').getAttribute('data-value'))).toBe(+(432.17 * USD_RATES.eur!).toPrecision(12));
    expect(fake.count('/coins/markets') - before).toBe(1);
    // Kept per host, not per provider.
    const backoff = (await admin.evaluate(async () => (await chrome.storage.local.get('priceBackoff')).priceBackoff)) as Record<string, { until: number }>;
    const host = new URL(fake.baseUrl).host;
    expect(backoff[host]).toMatchObject({ failures: 1, reason: 'rate-limited' });
    expect(backoff[host]!.until - Date.now()).toBeGreaterThan(20_000);

    // Within the window: a restarted worker, new pages and a Retry click make no request.
    await restartServiceWorker();
    await page.close();
    const again = await openNews();
    const card2 = await openCard(again, '#p2', 'NMR');
    await expect.poll(() => card2.getByTestId('freshness').getAttribute('data-kind'), { timeout: 10_000 }).toBe('stale');
    // Retry waits out the pause too, and says for how long.
    const retry = card2.getByTestId('price-retry');
    expect(await retry.isDisabled()).toBe(true);
    expect(await retry.textContent()).toMatch(/Retry in \d+ s/);
    expect(fake.count('/coins/markets') - before).toBe(1);
    await again.close();

    // For the whole 30 s, pages keep asking (a stale cache wants a refresh) and nothing is sent.
    fake.mode = { kind: 'ok' };
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    while (Date.now() < backoff[host]!.until - 3000) {
      const asking = await openNews();
      await openCard(asking, '#p1', '$TAO');
      expect(fake.count('/coins/markets') - before).toBe(1);
      await asking.close();
      await pause(3000);
    }
    // Once the pause is over, the next ask goes out and the card is fresh again.
    await pause(Math.max(0, backoff[host]!.until - Date.now() + 500));
    const after = await openNews();
    const card3 = await openCard(after, '#p1', '$TAO');
    await expect.poll(() => fake.count('/coins/markets') - before, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => card3.getByTestId('freshness').getAttribute('data-kind'), { timeout: 10_000 }).toBe('fresh');
    await after.close();
  }, 120_000); // it waits out the whole 30 s Retry-After

  it('with the server down shows the last price as offline, and with nothing cached a clear error with Retry', async () => {
    await clearBackoff();
    await setSettings({ currency: 'eur' });
    await warmCache();
    await ageQuotes(2 * 3600_000);
    const port = fake.port;
    await fake.stop();
    try {
      const page = await openNews();
      const priceCard = await openCard(page, '#p1', '$TAO');
      const freshness = priceCard.getByTestId('freshness');
      await expect.poll(() => freshness.getAttribute('data-kind'), { timeout: 15_000 }).toBe('offline');
      expect(await freshness.textContent()).toMatch(/2 hr.*offline/);
      expect(await priceCard.getByTestId('price').getAttribute('data-value')).not.toBe('');
      await page.keyboard.press('Escape');

      // GBP has never been fetched: nothing to show but a clear error.
      await setSettings({ currency: 'gbp' });
      const other = await openNews();
      const errorCard = await openCard(other, '#p1', 'Bittensor');
      const error = errorCard.getByTestId('price-error');
      await expect.poll(() => error.count(), { timeout: 15_000 }).toBe(1);
      expect(await error.getAttribute('data-code')).toBe('offline');
      expect(await error.textContent()).toMatch(/Couldn’t load the price/);

      // The server comes back: Retry (once the short backoff is over) shows the price.
      await fake.start(port);
      await clearBackoff();
      await errorCard.getByTestId('price-retry').click();
      await expect
        .poll(() => errorCard.getByTestId('price').getAttribute('data-currency'), { timeout: 15_000 })
        .toBe('gbp');
      await other.close();
      await page.close();
    } finally {
      if (!fake.port || fake.port !== port) await fake.start(port);
    }
  });

  it('never throws in the page on malformed JSON, and says so on the card', async () => {
    await clearBackoff();
    await setSettings({ currency: 'jpy' });
    fake.mode = { kind: 'malformed' };
    fake.fallbackMode = { kind: 'malformed' };
    const page = await ext.context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(pages.url('/news.html'));
    const priceCard = await openCard(page, '#p1', '$TAO');
    const error = priceCard.getByTestId('price-error');
    await expect.poll(() => error.count(), { timeout: 15_000 }).toBe(1);
    expect(await error.getAttribute('data-code')).toBe('malformed');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('falls back to Coinbase when CoinGecko fails, and the card says so', async () => {
    await clearBackoff();
    await setSettings({ currency: 'usd' });
    await warmCache();
    await ageQuotes(3600_000);
    fake.mode = { kind: 'error', status: 500 };
    const before = fake.fallbackCount();
    const page = await openNews();
    const priceCard = await openCard(page, '#p1', 'Fetch.ai (FET)');
    await expect.poll(() => priceCard.getByTestId('price-source').textContent(), { timeout: 15_000 }).toContain('Coinbase');
    expect(Number(await priceCard.getByTestId('price').getAttribute('data-value'))).toBeCloseTo(1.2345, 6);
    expect(await priceCard.getByTestId('freshness').getAttribute('data-kind')).toBe('fresh');
    expect(fake.fallbackCount() - before).toBe(1);
    await page.close();
  });
});

describe('slow answers', () => {
  it('gives up on CoinGecko after about 6 s and shows the fallback’s price instead of spinning', async () => {
    await clearBackoff();
    await setSettings({ currency: 'usd' });
    await clearQuotes();
    await warmCache(); // from CoinGecko
    const page = await openNews();
    await scanned(page); // its coins were cached and fresh: nothing was fetched
    await ageQuotes(3600_000);
    fake.mode = { kind: 'slow', delayMs: 20_000 };
    const priceCard = await openCard(page, '#p2', 'GRT');
    // Meanwhile the card shows the cached price, marked as refreshing: no spinner.
    expect(await priceCard.getByTestId('freshness').getAttribute('data-kind')).toBe('refreshing');
    expect(await priceCard.getByTestId('price-source').textContent()).toContain('CoinGecko');
    await expect.poll(() => priceCard.getByTestId('price-source').textContent(), { timeout: 20_000 }).toContain('Coinbase');
    const slowRequest = fake.requests.filter((r) => r.path === '/api/v3/coins/markets').pop()!;
    expect(slowRequest.query.get('ids')).toContain('the-graph');
    expect(Number(await priceCard.getByTestId('price').getAttribute('data-value'))).toBeCloseTo(0.1623, 6);
    await page.close();
  });
});
