/**
 * The hover card's content in each browser against the fake CoinGecko: every part
 * of a quote, the AGIX merger line, nulls, the ★ watchlist toggle, light and
 * dark pages (screenshots), and a card opened from a keyboard selection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentScript, type UiPage } from './harness/extension';
import { newsHtml, openCard, priceCard, scanned, startSuiteWithPrices, stopSuite, type PriceSuite } from './harness/page-helpers';
import { screenshotPath, storeScreenshot } from './harness/screenshots';
import { axeViolations } from './harness/axe';
import { formatCompact, formatPrice } from '@/utils/format';

let s: PriceSuite;

/** A screenshot of the card with some of the page around it. */
async function shoot(page: UiPage, name: string) {
  const box = (await priceCard(page).boundingBox())!;
  const x = Math.max(0, box.x - 360);
  const y = Math.max(0, box.y - 90);
  await page.screenshot({ path: screenshotPath(name), clip: { x, y, width: box.x + box.width + 24 - x, height: box.y + box.height + 24 - y } });
}

beforeAll(async () => {
  s = await startSuiteWithPrices({}, { currency: 'usd' });
  s.pages.addPage('/dark.html', (await newsHtml()).replace('<body>', '<body style="background:#101114;color:#e6e6e6">'));
});

afterAll(() => stopSuite(s));

describe('the price card', () => {
  it('shows name, symbol, rank, price, 24 h change, sparkline, market cap, volume, freshness, source and a CoinGecko link', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/news.html'));
    const c = await openCard(page, '#p1', '$TAO', true);
    const locale = await contentScript(page, 'uiLanguage');
    expect(await c.getAttribute('data-symbol')).toBe('TAO');
    const text = (await c.textContent())!;
    expect(text).toContain('Bittensor');
    expect(text).toContain('Rank #30');
    expect(await c.getByTestId('price').textContent()).toBe(formatPrice(432.17, 'usd', locale));
    const change = c.getByTestId('change');
    expect(await change.textContent()).toMatch(/▲\s*\+3\.21%/);
    expect(await change.getAttribute('class')).toContain('--up');
    expect(await c.getByTestId('sparkline').getAttribute('aria-label')).toMatch(/7-day price trend/);
    expect(await c.getByTestId('market-cap').textContent()).toBe(formatCompact(3_200_000_000, 'usd', locale));
    expect(await c.getByTestId('volume').textContent()).toBe(formatCompact(150_000_000, 'usd', locale));
    expect(await c.getByTestId('freshness').textContent()).toMatch(/^Updated /);
    expect(await c.getByTestId('price-source').textContent()).toBe('Source: CoinGecko');
    expect(await c.getByRole('link', { name: 'View on CoinGecko' }).getAttribute('href')).toBe('https://www.coingecko.com/en/coins/bittensor');
    expect(await c.getByTestId('merger-note').count()).toBe(0);
    await shoot(page, 'price-card-light.png');
    // The stores' first picture: the news page (1280×800) with its mentions marked and this card open.
    await storeScreenshot(page, '1-price-card.png');
    expect(await axeViolations(page, 'token-insight-card')).toEqual([]);

    // A falling coin: arrow and sign as well as colour.
    await page.keyboard.press('Escape');
    const fet = await openCard(page, '#p1', 'Fetch.ai (FET)', true);
    expect(await fet.getByTestId('change').textContent()).toMatch(/▼\s*-2\.50%/);
    await page.close();
  });

  it('tells about the 2024 merger on AGIX, and shows "—" for null fields', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/news.html'));
    const c = await openCard(page, '#p1', 'SingularityNET (AGIX)', true);
    expect(await c.getByTestId('merger-note').textContent()).toMatch(/merged into FET.*1 July 2024.*0\.433350 FET/);
    // The fake has no change, market cap or rank for AGIX.
    expect(await c.getByTestId('change').textContent()).toContain('—');
    expect(await c.getByTestId('market-cap').textContent()).toBe('—');
    expect((await c.textContent())!).not.toContain('Rank #');
    await page.close();
  });

  it('matches a dark page', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/dark.html'));
    const c = await openCard(page, '#p1', '$TAO', true);
    const theme = await c.evaluate((el: Element) => el.closest('.ti-card-frame')?.getAttribute('data-theme'));
    expect(theme).toBe('dark');
    await shoot(page, 'price-card-dark.png');
    expect(await axeViolations(page, 'token-insight-card')).toEqual([]);
    await page.close();
  });

  it('is styled and shows the price on a page whose Content-Security-Policy forbids everything', async () => {
    const news = await newsHtml();
    const page = await s.ext.newPage();
    await page.goto(s.pages.addPage('/csp-card.html', news, { 'Content-Security-Policy': "default-src 'none'" }));
    const c = await openCard(page, '#p1', '$TAO', true);
    expect(await c.getByTestId('price').getAttribute('data-value')).toBe('432.17');
    // The card's own stylesheet applies.
    expect(await c.evaluate((el: Element) => getComputedStyle(el).width)).toBe('260px');
    expect(await c.getByTestId('price').evaluate((el: Element) => getComputedStyle(el).fontSize)).toBe('20px');
    await page.close();
  });

  it('adds a coin to and removes it from the watchlist with the ★ button', async () => {
    const admin = await s.ext.openExtensionPage('options.html');
    const watchlist = async () => {
      const reply = (await admin.evaluate(() =>
        chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'watchlist.list', payload: {} }),
      )) as { value: { coinId: string }[] };
      return reply.value.map((w) => w.coinId);
    };
    expect(await watchlist()).toContain('bittensor');
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/news.html'));
    const c = await openCard(page, '#p1', '$TAO', true);
    const star = c.getByTestId('watch-toggle');
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    expect(await star.getAttribute('aria-label')).toBe('Remove from watchlist');
    await star.click();
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('false');
    expect(await watchlist()).not.toContain('bittensor');
    // Keyboard: focus the star and press Enter to add it back.
    await star.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => star.getAttribute('aria-pressed')).toBe('true');
    expect(await watchlist()).toContain('bittensor');
    await page.close();
    await admin.close();
  });

  it('opens from a keyboard selection of a ticker, and Escape closes it', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/news.html'));
    // The mention detector loads on demand: let it read the page first.
    await scanned(page);
    // The user's key press (as when a keyboard selection starts): a selection by script alone opens nothing.
    await page.keyboard.press('Shift');
    await page.evaluate(() => {
      const p = document.querySelector('#p2')!;
      const node = p.firstChild as Text;
      const i = node.data.indexOf('NMR');
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 3);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await expect.poll(() => priceCard(page).count(), { timeout: 5000 }).toBe(1);
    expect(await priceCard(page).getAttribute('data-symbol')).toBe('NMR');
    await expect.poll(() => priceCard(page).getByTestId('price').count(), { timeout: 10_000 }).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => priceCard(page).count()).toBe(0);
    await page.close();
  });
});
