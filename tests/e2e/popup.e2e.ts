/**
 * The popup and options page in each browser with the built extension,
 * prices from the local fake CoinGecko: default watchlist with prices, search
 * and add (surviving reopen and a browser restart), remove, keyboard reorder,
 * recent counts, tokens on pages read, Hindi UI, axe, screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hoverUntilCard, launchExtension, type ExtensionSession, type UiPage } from './harness/extension';
import { FakeCoinGecko, routeFallback } from './harness/fake-coingecko';
import { PageServer } from './harness/page-server';
import { composedStoreScreenshot, screenshotPath, storeScreenshot } from './harness/screenshots';
import { axeViolations } from './harness/axe';
import { mergeSettings } from './harness/page-helpers';
import { countTokens } from '@/utils/tokens';

/** expect.poll with a timeout that suits a busy 2-core machine (the default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>, timeout = 10_000) => expect.poll(fn, { timeout });
let fake: FakeCoinGecko;
let pages: PageServer;
let profile: string;
let ext: ExtensionSession;

/** Points the extension at the fake price API (as a user would in the options' advanced field). */
async function usePriceApi(session: ExtensionSession, apiBaseUrl = fake.baseUrl) {
  await mergeSettings(session, { apiBaseUrl });
}

async function openPopup(session = ext): Promise<UiPage> {
  const popup = await session.openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 380, height: 600 });
  return popup;
}

const rows = (popup: UiPage) => popup.getByTestId('watchlist-row');
const symbols = (popup: UiPage) => rows(popup).evaluateAll((els) => els.map((el) => el.getAttribute('data-symbol')));

/** The symbols of the sightings stored in IndexedDB (read in the background). */
function storedSightings(): Promise<string[]> {
  return ext.background.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('token-insight');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('sightings').objectStore('sightings').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { symbol: string }[]).map((s) => s.symbol));
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
}

beforeAll(async () => {
  fake = await new FakeCoinGecko().start();
  pages = await new PageServer().start();
  profile = await mkdtemp(join(tmpdir(), 'token-insight-popup-'));
  ext = await launchExtension({ userDataDir: profile });
  await usePriceApi(ext);
});

afterAll(async () => {
  await ext?.close();
  await rm(profile, { recursive: true, force: true });
  await pages?.stop();
  await fake?.stop();
});

describe('popup watchlist', () => {
  it('shows the six default coins with prices from the price API', async () => {
    const popup = await openPopup();
    await poll(() => symbols(popup)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    const tao = popup.locator('[data-testid="watchlist-row"][data-symbol="TAO"]');
    await poll(() => tao.getByTestId('price').textContent(), 15_000).toBe('$432.17');
    expect(await tao.getByTestId('change').textContent()).toContain('+3.21%');
    expect(await tao.getByTestId('sparkline').count()).toBe(1);
    expect(await tao.getByTestId('freshness').textContent()).toMatch(/updated/);
    const fet = popup.locator('[data-testid="watchlist-row"][data-symbol="FET"]');
    await poll(() => fet.getByTestId('price').textContent()).toBe('$1.23');
    expect(await fet.getByTestId('change').textContent()).toContain('-2.50%');
    expect(fake.count('/coins/markets')).toBeGreaterThan(0);
    await popup.close();
  });

  it('says when it is offline and keeps showing the last known prices', async () => {
    await ext.setOffline(true);
    try {
      const popup = await openPopup();
      await poll(() => popup.locator('.status--offline').textContent()).toContain('You are offline');
      const tao = popup.locator('[data-testid="watchlist-row"][data-symbol="TAO"]');
      await poll(() => tao.getByTestId('price').textContent()).toBe('$432.17');
      await popup.close();
    } finally {
      await ext.setOffline(false);
    }
  });

  it('adds a coin found by search, keeps it after reopening the popup and restarting the browser', async () => {
    const popup = await openPopup();
    await poll(() => rows(popup).count()).toBe(6);
    const search = popup.getByTestId('coin-search');
    await search.fill('akash');
    await poll(() => popup.getByTestId('search-result').count()).toBe(1);
    expect(await popup.getByTestId('search-result').textContent()).toContain('Akash Network');
    // Keyboard: the first result is active; Enter adds it.
    await search.press('Enter');
    await poll(() => symbols(popup)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN', 'AKT']);
    const akt = popup.locator('[data-testid="watchlist-row"][data-symbol="AKT"]');
    await poll(() => akt.getByTestId('price').textContent(), 15_000).toBe('$2.34');
    expect(await search.inputValue()).toBe('');
    await popup.close();

    const reopened = await openPopup();
    await poll(() => symbols(reopened)).toContain('AKT');
    await reopened.close();

    await ext.close();
    ext = await launchExtension({ userDataDir: profile });
    const afterRestart = await openPopup();
    await poll(() => symbols(afterRestart)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN', 'AKT']);
    await afterRestart.close();
  });

  it('reorders by keyboard and removes a row', async () => {
    const popup = await openPopup();
    await poll(() => rows(popup).count()).toBe(7);
    const row = (symbol: string) => popup.locator(`[data-testid="watchlist-row"][data-symbol="${symbol}"]`);
    // Move AKT up with its button, then with Alt+ArrowUp; focus stays on AKT.
    await row('AKT').locator('[data-action="up"]').focus();
    await popup.keyboard.press('Enter');
    await poll(() => symbols(popup)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'AKT', 'OCEAN']);
    await popup.keyboard.press('Alt+ArrowUp');
    await poll(() => symbols(popup)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'AKT', 'GRT', 'OCEAN']);
    expect(await popup.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-symbol'))).toBe('AKT');

    await row('AKT').getByTestId('remove').click();
    await poll(() => symbols(popup)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    await popup.close();
    const reopened = await openPopup();
    await poll(() => symbols(reopened)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    await reopened.close();
  });
});

describe('popup price errors', () => {
  it('says in words when prices cannot be fetched, and Retry brings them back', async () => {
    await routeFallback(ext, fake);
    fake.mode = { kind: 'error', status: 500 };
    fake.fallbackMode = { kind: 'error', status: 500 };
    // Forget the cached quotes so the popup has to ask the (failing) services.
    await ext.background.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('token-insight');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('quotes', 'readwrite');
            tx.objectStore('quotes').clear();
            tx.oncomplete = () => (open.result.close(), resolve());
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    const popup = await openPopup();
    try {
      const status = popup.locator('.status--error, .status--offline');
      await poll(() => status.count(), 20_000).toBe(1);
      expect(await status.textContent()).toMatch(/price service/i);
      expect(await rows(popup).first().getByTestId('freshness').textContent()).toBe('no price yet');
    } finally {
      fake.mode = { kind: 'ok' };
      fake.fallbackMode = { kind: 'ok' };
    }
    // Retry (by keyboard) until the service's pause after the error has passed.
    const tao = popup.locator('[data-testid="watchlist-row"][data-symbol="TAO"]');
    await poll(async () => {
      const retry = popup.getByRole('button', { name: 'Retry' });
      if (await retry.count()) {
        await retry.first().focus();
        await popup.keyboard.press('Enter');
      }
      return tao.getByTestId('price').textContent();
    }, 30_000).toBe('$432.17');
    await popup.close();
  });
});

describe('backup', () => {
  it('exports all data as JSON from the options page and imports it back', async () => {
    const options = await ext.openExtensionPage('options.html');
    const [download] = await Promise.all([options.waitForEvent('download'), options.getByTestId('export-data').click()]);
    expect(download.suggestedFilename()).toMatch(/^token-insight-\d{4}-\d{2}-\d{2}\.json$/);
    const file = await download.path();
    const backup = JSON.parse(await readFile(file, 'utf8'));
    expect(backup.format).toBe('token-insight-export');
    expect(backup.watchlist.map((e: { symbol: string }) => e.symbol)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    expect(backup.settings.apiBaseUrl).toBe(fake.baseUrl);

    // Change the watchlist, then restore the backup.
    // Empty the watchlist by keyboard: focus moves to the next row's remove button each time.
    const popup = await openPopup();
    await poll(() => rows(popup).count()).toBe(6);
    await popup.locator('[data-testid="watchlist-row"][data-symbol="TAO"]').getByTestId('remove').focus();
    for (let left = 5; left >= 0; left--) {
      await popup.keyboard.press('Enter');
      await poll(() => rows(popup).count()).toBe(left);
    }
    await poll(() => popup.locator('.status--empty').textContent()).toBe('Your watchlist is empty. Search above to add a coin.');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('coin-search');
    await popup.close();
    // The Import button is a real button: Enter on it opens the file picker (the hidden file input).
    await options.bringToFront();
    await options.getByTestId('import-data').evaluate((input: HTMLInputElement) => {
      input.addEventListener('click', (e) => {
        e.preventDefault(); // no native picker in the test
        input.dataset.opened = 'yes';
      });
    });
    await options.getByTestId('import-button').focus();
    await options.keyboard.press('Enter');
    await poll(() => options.getByTestId('import-data').getAttribute('data-opened')).toBe('yes');
    await options.getByTestId('import-data').setInputFiles(file);
    // Nothing is written until the preview is confirmed.
    await poll(() => options.getByTestId('import-preview').count()).toBe(1);
    expect(await options.getByTestId('import-preview').textContent()).toContain('6 coins');
    await options.getByTestId('import-confirm').click();
    await poll(() => options.getByTestId('data-note').textContent()).toMatch(/Imported: 6 coins/);
    const restored = await openPopup();
    await poll(() => symbols(restored)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    await restored.close();

    // A tampered backup naming another price API host: previewed apart, and not applied unless ticked.
    const tampered = { ...backup, settings: { ...backup.settings, apiBaseUrl: 'https://attacker.example/api/v3', currency: 'eur' } };
    await options.getByTestId('import-data').setInputFiles({ name: 'shared-watchlist.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) });
    await poll(() => options.getByTestId('import-price-api').count()).toBe(1);
    expect(await options.getByTestId('import-price-api').isChecked()).toBe(false);
    expect(await options.getByTestId('import-preview').textContent()).toContain('https://attacker.example/api/v3');
    await options.getByTestId('import-confirm').click();
    await poll(() => options.getByTestId('data-note').textContent()).toMatch(/Imported/);
    const stored = await options.evaluate(() => chrome.storage.sync.get(['settings.apiBaseUrl', 'settings.currency']));
    expect(stored).toEqual({ 'settings.apiBaseUrl': fake.baseUrl, 'settings.currency': 'eur' });
    await options.evaluate((currency) => chrome.storage.sync.set({ 'settings.currency': currency }), backup.settings.currency as string);

    // A file that is not a backup is refused with a clear message.
    await options.getByTestId('import-data').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
    await poll(() => options.getByTestId('data-note').textContent()).toBe('“notes.json” is not a Token Insight backup.');
    await options.close();
  });
});

describe('popup summaries', () => {
  it('shows a count made by selecting text on a page under recent counts, with the day total', async () => {
    // A real selection: triple-click a paragraph, the badge counts it and the background keeps it.
    const page = await ext.newPage();
    await page.goto(pages.url('/news.html'));
    await page.locator('#p1').click({ clickCount: 3 });
    const text = await page.evaluate(() => getSelection()!.toString());
    const shown = await countTokens(text, 'o200k_base');
    const badge = page.locator('[data-testid="token-badge"][data-status="done"] [data-testid="token-count"]');
    await poll(async () => ((await badge.count()) ? (await badge.textContent())!.replace(/[^\d]/g, '') : ''), 20_000).toBe(String(shown));

    const popup = await openPopup();
    await popup.getByTestId('tab-summaries').click();
    const count = popup.getByTestId('count-row').first();
    await poll(() => count.getAttribute('data-tokens')).toBe(String(shown));
    expect(await count.locator('a').textContent()).toBe('AI tokens rally as Bittensor leads — Example News');
    expect(await count.locator('a').getAttribute('href')).toBe(pages.url('/news.html'));
    expect(await count.textContent()).toContain(shown.toLocaleString('en-US'));
    expect(await popup.getByTestId('day-total').first().textContent()).toContain(shown.toLocaleString('en-US'));
    await popup.close();
    await page.close();
  });

  it('shows TAO under tokens on pages read after visiting a page with $TAO, and clears it', async () => {
    const page = await ext.newPage();
    await page.goto(pages.url('/news.html'));
    await poll(storedSightings, 15_000).toContain('TAO');
    // Closed before the clear: an open page may still report coins it finds later (the watchlist's and the
    // AI categories' coins join its detector when the background answers), which would be a new sighting.
    await page.close();
    const popup = await openPopup();
    await popup.getByTestId('tab-summaries').click();
    const tao = popup.locator('[data-testid="sighting-row"][data-symbol="TAO"]');
    await poll(() => tao.count()).toBe(1);
    expect(await tao.locator('a').textContent()).toBe('AI tokens rally as Bittensor leads — Example News');
    expect(await tao.locator('a').getAttribute('href')).toBe(pages.url('/news.html'));
    expect(await tao.locator('td').first().textContent()).toBe('1');

    await popup.getByTestId('clear-sightings').click();
    await popup.getByTestId('clear-sightings-confirm').click();
    await poll(() => popup.getByTestId('sighting-row').count()).toBe(0);
    await popup.close();
  });
});

describe('look, language and access', () => {
  it('has no serious or critical axe violations in the popup (both tabs, light and dark) and the options page', async () => {
    // A page read, so the summaries have something to show.
    const news = await ext.newPage();
    await news.goto(pages.url('/news.html'));
    await poll(storedSightings, 15_000).toContain('TAO');
    const popup = await openPopup();
    await poll(() => rows(popup).count()).toBeGreaterThan(0);
    await poll(() => popup.getByTestId('price').first().textContent(), 15_000).toMatch(/\d/);
    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.getByTestId('tab-watchlist').click();
      expect(await axeViolations(popup)).toEqual([]);
      await popup.screenshot({ path: screenshotPath(`popup-watchlist-${scheme}.png`), fullPage: true });
      // "This page" counts the tab in front, as under a real popup: the news page, while the tab is chosen
      // from the script (a tab in the background has no animation frames for pointer clicks).
      await news.bringToFront();
      await popup.evaluate(() => (document.querySelector('[data-testid="tab-summaries"]') as HTMLElement).click());
      await poll(() => popup.getByTestId('this-page').getAttribute('data-state'), 20_000).toBe('ready');
      await popup.bringToFront();
      await poll(() => popup.locator('.status--loading').count()).toBe(0);
      expect(await axeViolations(popup)).toEqual([]);
      await popup.screenshot({ path: screenshotPath(`popup-summaries-${scheme}.png`), fullPage: true });
    }
    // Fits the browser's popup limit.
    const size = await popup.evaluate(() => ({ w: document.body.scrollWidth, h: document.body.scrollHeight }));
    expect(size.w).toBeLessThanOrEqual(800);
    await popup.close();
    await news.close();
    await composedStoreScreenshot(
      ext,
      pages,
      '3-popup.png',
      { title: 'Your watchlist and what you read', text: 'Prices with 7-day charts for the coins you follow, and summaries of the text you counted and the tokens on pages you read — kept on your device.' },
      [screenshotPath('popup-watchlist-light.png'), screenshotPath('popup-summaries-dark.png')],
    );

    const options = await ext.openExtensionPage('options.html');
    await options.setViewportSize({ width: 900, height: 900 });
    await poll(() => options.getByTestId('history-enabled').count()).toBe(1);
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(options)).toEqual([]);
    }
    // The pictures show the page as a user first sees it: the default price API, not the test's.
    const base = options.getByTestId('api-base-url');
    await usePriceApi(ext, 'https://api.coingecko.com/api/v3');
    await poll(() => base.inputValue()).toBe('https://api.coingecko.com/api/v3');
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(options)).toEqual([]);
      await options.screenshot({ path: screenshotPath(`options-${scheme}.png`), fullPage: true });
    }
    await options.emulateMedia({ colorScheme: 'light' });
    await options.setViewportSize({ width: 1280, height: 800 });
    await storeScreenshot(options, '4-settings.png');
    await usePriceApi(ext);
    await poll(() => base.inputValue()).toBe(fake.baseUrl);
    await options.close();
  });

  it('has no serious or critical axe violations in the hover card', async () => {
    const page = await ext.newPage();
    await page.goto(pages.url('/news.html'));
    const card = page.getByTestId('price-card');
    await hoverUntilCard(page, '#p1', '$TAO');
    await card.waitFor({ state: 'visible' });
    expect(await axeViolations(page, 'token-insight-card')).toEqual([]);
    await page.close();
  });

  it('renders the popup and options in Hindi when the browser language is hi', async () => {
    const hi = await launchExtension({ locale: 'hi' });
    try {
      await usePriceApi(hi);
      const popup = await openPopup(hi);
      // Chromium reports the language as asked (hi), Firefox its Hindi language pack's (hi-IN).
      expect(await popup.evaluate(() => document.documentElement.lang)).toMatch(/^hi(-IN)?$/);
      expect(await popup.getByTestId('tab-watchlist').textContent()).toBe('वॉचलिस्ट');
      expect(await popup.getByTestId('tab-summaries').textContent()).toBe('सारांश');
      expect(await popup.locator('label[for="coin-search"]').textContent()).toBe('कॉइन जोड़ें');
      await poll(() => rows(popup).count()).toBe(6);
      expect(await axeViolations(popup)).toEqual([]);
      await popup.screenshot({ path: screenshotPath('popup-watchlist-hi.png'), fullPage: true });
      await popup.close();

      const options = await hi.openExtensionPage('options.html');
      await poll(() => options.locator('legend').allTextContents()).toContain('इतिहास और निजता');
      // Numbers follow the Indian grouping of the hi locale.
      expect(await options.getByTestId('format-sample').textContent()).toContain('12,34,567');
      await options.close();
    } finally {
      await hi.close();
    }
  });
});
