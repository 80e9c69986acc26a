/**
 * The price service end to end, in each browser with the built extension, against
 * the local fake CoinGecko: the settings reach the background (base URL,
 * currency, Demo key, refresh interval), and one request however many tabs
 * ask. Faults and slow answers are in prices-faults.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentScript, type UiPage } from './harness/extension';
import { USD_RATES } from './harness/fake-coingecko';
import { clearBackoff, mergeSettings, NEWS_COINS, openCard, openNews, startSuiteWithPrices, stopSuite, type PriceSuite } from './harness/page-helpers';
import { formatPrice } from '@/utils/format';

let s: PriceSuite;
beforeAll(async () => {
  s = await startSuiteWithPrices();
});
afterAll(() => stopSuite(s));

const uiLocale = (page: UiPage) => contentScript(page, 'uiLanguage');

describe('prices from the fake CoinGecko', () => {
  it('uses the base URL and currency set on the options page, and shows the server’s price formatted for that currency', async () => {
    await mergeSettings(s.admin, { apiBaseUrl: 'https://api.coingecko.com/api/v3', currency: 'usd' });
    await s.admin.reload();
    const baseUrl = s.admin.getByTestId('api-base-url');
    await baseUrl.fill(s.fake.baseUrl);
    await baseUrl.press('Enter');
    await s.admin.getByTestId('currency').selectOption('inr');
    await expect
      .poll(() => s.admin.evaluate(async () => await chrome.storage.sync.get(['settings.apiBaseUrl', 'settings.currency'])))
      .toEqual({ 'settings.apiBaseUrl': s.fake.baseUrl, 'settings.currency': 'inr' });

    const page = await openNews(s);
    const priceCard = await openCard(page, '#p1', '$TAO');
    const price = priceCard.getByTestId('price');
    await expect.poll(() => price.getAttribute('data-value'), { timeout: 10_000 }).not.toBe(null);
    const expected = +(432.17 * USD_RATES.inr!).toPrecision(12);
    expect(Number(await price.getAttribute('data-value'))).toBe(expected);
    expect(await price.textContent()).toBe(formatPrice(expected, 'inr', await uiLocale(page)));
    expect(await price.textContent()).toContain('₹');
    expect(await priceCard.getByTestId('freshness').getAttribute('data-kind')).toBe('fresh');
    expect(await priceCard.getByTestId('price-source').textContent()).toContain('CoinGecko');

    const markets = s.fake.requests.filter((r) => r.path === '/api/v3/coins/markets');
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
    await mergeSettings(s.admin, { currency: 'eur' }); // nothing cached in EUR yet
    const before = s.fake.count('/coins/markets');
    // A light page (the same tickers as the news page) keeps 20 tabs cheap on a small machine.
    const url = s.pages.addPage(
      '/tickers.html',
      '<!doctype html><title>Tickers</title><p id="p1">$TAO and Bittensor, Fetch.ai (FET), SingularityNET (AGIX), NMR on Numerai, GRT on The Graph.</p>',
    );
    const tabs = await Promise.all(Array.from({ length: 20 }, () => s.ext.newPage()));
    try {
      await Promise.all(tabs.map((t) => t.goto(url)));
      // Every tab scans its page and asks for its coins' quotes.
      await expect.poll(() => s.fake.count('/coins/markets') - before, { timeout: 20_000 }).toBe(1);
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
    expect(s.fake.count('/coins/markets') - before).toBe(1);
    const request = s.fake.requests.filter((r) => r.path === '/api/v3/coins/markets').pop()!;
    expect(request.query.get('ids')!.split(',').sort()).toEqual(NEWS_COINS);
  }, 120_000); // 20 browser tabs on a small shared machine can take a while to load
});
