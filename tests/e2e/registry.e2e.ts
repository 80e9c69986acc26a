/**
 * The living registry end to end, in Chromium with the e2e build, against the
 * fake CoinGecko: its AI category list holds a coin the extension has never
 * shipped (ZYQ, "Zyqlorax"), another coin with the same ticker (a smaller
 * "Zyq Inu") and an ordinary-word coin (Grass, GRASS). After "Update now" in
 * the settings, `$ZYQ` and "Zyqlorax (ZYQ)" are marked on a page, hovering
 * opens the card with the API's price, the card lists the other ZYQ and
 * remembers the choice on the page; a bare "GRASS" or "Grass" stays unmarked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USD_RATES, type FakeCoin } from './harness/fake-coingecko';
import { moveAway, openCard, priceCard, scanned, startSuiteWithPrices, stopSuite, type PriceSuite } from './harness/page-helpers';

const ZYQ: FakeCoin = { id: 'zyqlorax-ai', symbol: 'zyq', name: 'Zyqlorax', usd: 0.4242, change24h: 12.5, marketCap: 90_000_000, volume: 7_000_000, rank: 612 };
const ZYQ_INU: FakeCoin = { id: 'zyq-inu', symbol: 'zyq', name: 'Zyq Inu', usd: 0.0031, change24h: -3, marketCap: 1_000_000, volume: 20_000, rank: 2400 };
const GRASS: FakeCoin = { id: 'grass', symbol: 'grass', name: 'Grass', usd: 1.75, change24h: 2, marketCap: 450_000_000, volume: 60_000_000, rank: 180 };

const PAGE = `<!doctype html><html lang="en"><head><title>AI tokens today</title></head><body>
<p id="tag">Traders piled into $ZYQ after the listing on Binance, and the token rallied 12% in a day.</p>
<p id="name">Zyqlorax (ZYQ) runs a marketplace for AI agents; its token trades on several exchanges.</p>
<p id="bare">GRASS is short for nothing here. Grass grows on the crypto trader's lawn while ZYQ means nothing alone.</p>
</body></html>`;

let s: PriceSuite;
beforeAll(async () => {
  s = await startSuiteWithPrices({}, { currency: 'usd' });
  s.fake.coins.push(ZYQ, ZYQ_INU, GRASS);
  s.fake.categories['artificial-intelligence']!.push(ZYQ, ZYQ_INU, GRASS);
  s.pages.addPage('/registry.html', PAGE);
});
afterAll(() => stopSuite(s));

describe('the living registry', () => {
  it('fetches the category lists through the price API when asked in the settings, and shows their size and age', async () => {
    await s.admin.reload();
    const refresh = s.admin.getByTestId('registry-refresh');
    await expect.poll(() => refresh.isDisabled(), { timeout: 10_000 }).toBe(false);
    const before = s.fake.categoryCount();
    await refresh.click();
    const status = s.admin.getByTestId('registry-status');
    // The default lists (12 coins) plus the three new ones.
    await expect.poll(() => status.getAttribute('data-coins'), { timeout: 15_000 }).toBe(String(12 + 3));
    expect(await status.textContent()).toMatch(/^15 coins, updated /);
    expect(s.fake.categoryCount() - before).toBe(2);
    const asked = s.fake.requests.filter((r) => r.query.has('category')).slice(-2);
    expect(asked.map((r) => r.query.get('category'))).toEqual(['artificial-intelligence', 'ai-agents']);
    expect(asked.every((r) => r.query.get('per_page') === '250' && r.query.get('page') === '1' && r.query.get('order') === 'market_cap_desc')).toBe(true);
  });

  it('marks $SYM and "Name (SYM)" of a coin never shipped, not a bare ordinary-word ticker or name', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/registry.html'));
    const state = await scanned(page, 15_000);
    const found = state.mentions.map((m) => `${m.where}:${m.text}=${m.coinId}`);
    expect(found).toContain('tag:$ZYQ=zyqlorax-ai');
    expect(found).toContain('name:Zyqlorax (ZYQ)=zyqlorax-ai');
    expect(state.mentions.filter((m) => m.where === 'bare')).toEqual([]);
    await page.close();
  });

  it('opens the card with the API’s price, lists the other coin with the ticker, and remembers the choice on the page', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/registry.html'));
    await scanned(page, 15_000);
    const card = await openCard(page, '#tag', '$ZYQ', true);
    await expect.poll(() => card.getByTestId('price').getAttribute('data-value'), { timeout: 10_000 }).toBe(String(+(ZYQ.usd! * USD_RATES.usd!).toPrecision(12)));
    expect(await card.getAttribute('data-symbol')).toBe('ZYQ');
    expect(await card.textContent()).toContain('Zyqlorax');
    const also = card.getByTestId('card-also-coin');
    expect(await also.count()).toBe(1);
    expect(await also.getAttribute('data-coin-id')).toBe('zyq-inu');
    expect(await also.getAttribute('aria-label')).toBe('Show Zyq Inu (ZYQ) instead');
    // Switch with the keyboard.
    await also.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => priceCard(page).getByTestId('price').getAttribute('data-value'), { timeout: 10_000 }).toBe(String(ZYQ_INU.usd));
    expect(await priceCard(page).textContent()).toContain('Zyq Inu');
    expect(await priceCard(page).getByTestId('card-also-coin').getAttribute('data-coin-id')).toBe('zyqlorax-ai');
    await moveAway(page);

    // The same ticker on this page now opens the chosen coin first; a name still opens its own coin.
    const again = await openCard(page, '#tag', '$ZYQ', true);
    expect(await again.textContent()).toContain('Zyq Inu');
    await moveAway(page);
    const byName = await openCard(page, '#name', 'Zyqlorax (ZYQ)', true);
    expect(await byName.getByTestId('price').getAttribute('data-value')).toBe(String(ZYQ.usd));
    await page.close();

    // Another page starts from the largest market cap again.
    const other = await s.ext.newPage();
    await other.goto(s.pages.url('/registry.html'));
    await scanned(other, 15_000);
    const fresh = await openCard(other, '#tag', '$ZYQ', true);
    expect(await fresh.textContent()).toContain('Zyqlorax');
    await other.close();
  });

  it('keeps the last list when the API is down, and pages still find its coins', async () => {
    s.fake.mode = { kind: 'error', status: 503 };
    await s.admin.getByTestId('registry-refresh').click();
    await expect.poll(() => s.admin.getByTestId('registry-error').count(), { timeout: 15_000 }).toBe(1);
    expect(await s.admin.getByTestId('registry-status').getAttribute('data-coins')).toBe('15');
    s.fake.mode = { kind: 'ok' };
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/registry.html'));
    const state = await scanned(page, 15_000);
    expect(state.mentions.some((m) => m.coinId === 'zyqlorax-ai')).toBe(true);
    await page.close();
    // The settings' reset ends the pause the failure started.
    await s.admin.evaluate(() => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'prices.reset', payload: {} }));
  });
});
