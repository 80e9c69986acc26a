/**
 * Token mentions and their settings in each browser with the built
 * extension: watchlist coins, marking turned off and on (globally and per
 * site), and the sightings recorded through the background.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A busy 2-core machine runs five Chromiums at once: conditions get 5 s unless a test says otherwise.
vi.setConfig({ expect: { poll: { timeout: 5000, interval: 50 } } });
import { contentScript, hoverText } from './harness/extension';
import { mergeSettings, openScanned, priceCard, scanState, startSuiteWithPrices, stopSuite, type PriceSuite } from './harness/page-helpers';

let s: PriceSuite;
beforeAll(async () => {
  s = await startSuiteWithPrices();
});
afterAll(() => stopSuite(s));

describe('watchlist coins', () => {
  it('finds a coin added to the watchlist by cashtag and exact name, not as a bare word', async () => {
    const popup = await s.ext.openExtensionPage('popup.html');
    await popup.evaluate(() =>
      chrome.runtime.sendMessage({
        channel: 'token-insight/v1',
        kind: 'watchlist.add',
        payload: { coinId: 'chainlink', symbol: 'link', name: 'Chainlink' },
      }),
    );
    await popup.close();
    const page = await s.ext.newPage();
    const html = `<!doctype html><meta charset="utf-8"><title>Oracles</title>
      <p id="w">Chainlink and $LINK rose 4% today; click the link below, LINK alone is not enough.</p>`;
    await page.goto(s.pages.addPage('/watchlist.html', html));
    await expect
      .poll(async () => (await scanState(page)).mentions.map((m) => `${m.text}=${m.symbol}`), { timeout: 10_000 })
      .toEqual(['Chainlink=LINK', '$LINK=LINK']);
    await hoverText(page, '#w', '$LINK');
    await expect.poll(() => priceCard(page).count()).toBe(1);
    expect(await priceCard(page).getAttribute('data-symbol')).toBe('LINK');
    await page.close();
  });
});

describe('settings and sightings', () => {
  it('turns marking off and on live, globally and per site', async () => {
    const page = await openScanned(s);
    // The global switch, as a user flips it on the options page.
    const options = await s.ext.openExtensionPage('options.html');
    await options.locator('[data-testid="marking-enabled"]').uncheck();
    await expect.poll(async () => (await scanState(page)).running).toBe(false);
    expect((await scanState(page)).highlights).toBe(0);
    await hoverText(page, '#p1', '$TAO');
    await page.waitForTimeout(800);
    expect(await priceCard(page).count()).toBe(0);

    await mergeSettings(s.ext, { markingEnabled: true, markingOffSites: ['127.0.0.1'] });
    // Wait until the page has applied these settings, then it must still be off.
    await expect
      .poll(async () => (await contentScript(page, 'mentionSettings'))?.markingOffSites ?? [])
      .toEqual(['127.0.0.1']);
    expect((await scanState(page)).running).toBe(false);

    // The site list, typed on the options page: another site listed, this one marks again.
    const sites = options.locator('[data-testid="marking-off-sites"]');
    await sites.fill('https://www.Example.org/news\n');
    await sites.blur();
    const stored = () => s.ext.background.evaluate(async () => (await chrome.storage.sync.get('settings.markingOffSites'))['settings.markingOffSites']);
    await expect.poll(stored, { timeout: 5000 }).toEqual(['example.org']);
    await expect.poll(() => sites.inputValue()).toBe('example.org');
    await expect.poll(async () => (await scanState(page)).highlights, { timeout: 10_000 }).toBeGreaterThan(5);
    await options.close();
    await page.close();
  });

  it('records the coins seen on a page visit once, through the background', async () => {
    await mergeSettings(s.ext, { markingEnabled: true, markingOffSites: [], historyEnabled: true });
    const page = await openScanned(s);
    const popup = await s.ext.openExtensionPage('popup.html');
    const sightings = () =>
      popup.evaluate(async () => {
        const reply = await chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'history.sightings', payload: {} });
        return (reply.value as { pageUrl: string; symbol: string; count: number; title: string }[]).filter((s) => s.pageUrl.endsWith('/news.html'));
      });
    await expect.poll(async () => (await sightings()).map((s) => s.symbol).sort(), { timeout: 10_000 }).toEqual(['AGIX', 'FET', 'GRT', 'NMR', 'TAO']);
    const tao = (await sightings()).find((s) => s.symbol === 'TAO')!;
    expect(tao.count).toBeGreaterThanOrEqual(4);
    expect(tao.title).toContain('Bittensor leads');
    await page.close();
    await popup.close();
  });
});
