/**
 * The page count and the summaries' charts in each browser with the built
 * extension: the popup's "This page" counts the current tab's readable text
 * (the article, as Readability extracts it) and its whole visible text in the
 * default encoding, each equal to `countTokens` of that text, and opens the
 * token view of either; the page's context menu has "Count tokens on this
 * page". The Summaries tab charts tokens counted per day over 30 days and
 * pages per coin per day over 7, with the numbers in a table and in words.
 * Screenshots: the page count with the charts, light and dark.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '@/utils/tokens';
import { launchExtension, type ExtensionSession, type UiPage } from './harness/extension';
import { PageServer } from './harness/page-server';
import { axeViolations } from './harness/axe';
import { screenshotPath } from './harness/screenshots';
import { startOfDay } from '@/utils/summaries';

let ext: ExtensionSession;
let pages: PageServer;
let articleUrl: string;

const PARAGRAPHS = [
  'Language models never see letters. Before a prompt reaches the model, a tokenizer cuts it into tokens: common words become one token each, rarer words several, and every token is billed.',
  'That is why the same idea costs more in some languages than in others. A sentence in Hindi often needs two or three times the tokens of its English translation, because the vocabulary holds fewer Devanagari pieces.',
  'Numbers are split too. A price such as 3,141.59 or a date such as 2026-11-29 becomes a handful of tokens, and long identifiers in code are cut wherever the vocabulary has no better piece.',
  'Counting before sending helps. It tells you whether a document fits the context window, how much a request will cost, and where trimming a prompt saves the most.',
  'Reader views strip a page down to its article, which is usually what you would paste into a chat. Counting that text, and the whole page beside it, shows how much of a page is navigation and boilerplate.',
  'The figures here come from the same tokenizer the models use, so they match what the provider bills, not an estimate based on words or characters.',
];

function articleHtml(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Why tokens cost what they cost — Example Magazine</title></head>
<body>
<header><nav><a href="/">Home</a> · <a href="/topics">Topics</a> · <a href="/subscribe">Subscribe</a></nav></header>
<aside class="sidebar"><h3>Trending</h3><ul><li><a href="/a">Ten prompts that save money</a></li><li><a href="/b">GPU prices this week</a></li></ul></aside>
<main><article>
<h1>Why tokens cost what they cost</h1>
<p class="byline">By A. Writer</p>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
</article></main>
<footer><p>© Example Magazine. All rights reserved. Cookie settings.</p></footer>
</body></html>`;
}

beforeAll(async () => {
  pages = await new PageServer().start();
  articleUrl = pages.addPage('/article.html', articleHtml());
  ext = await launchExtension();
});

afterAll(async () => {
  await ext?.close();
  await pages?.stop();
});

/**
 * The popup page (opened as a tab) showing "This page" for `page`: the page is
 * brought to the front first, as it is under a real popup, and the Summaries
 * tab is chosen from the script (a tab in the background has no animation
 * frames for pointer clicks).
 */
async function popupFor(page: UiPage): Promise<UiPage> {
  const popup = await ext.openExtensionPage('popup.html');
  await popup.setViewportSize({ width: 380, height: 600 });
  await page.bringToFront();
  await popup.evaluate(() => (document.querySelector('[data-testid="tab-summaries"]') as HTMLElement).click());
  await expect.poll(() => popup.locator('[data-testid="this-page"]').getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
  await popup.bringToFront();
  return popup;
}

/**
 * The view's whole text, once every token is on the page (a short text fits in the window; its blocks
 * are added a frame at a time).
 */
async function wholeText(view: UiPage): Promise<string> {
  const count = Number(await view.locator('[data-testid="token-view-count"]').getAttribute('data-count'));
  const shown = () =>
    view.locator('[data-testid="token"]').evaluateAll((els: Element[]) => els.reduce((n, e) => n + e.getAttribute('data-token-id')!.split(' ').length, 0));
  await expect.poll(shown).toBe(count);
  return (await view.locator('[data-testid="token"]').allTextContents()).join('');
}

const tokensOf = async (popup: UiPage, which: 'readable' | 'visible') =>
  Number(await popup.locator(`[data-testid="page-count-${which}"]`).getAttribute('data-tokens'));

describe('page count', () => {
  it('counts the article and the whole visible text of the current page, and opens their token views', async () => {
    // The page's context menu has the item (updating a missing item fails; it is made on install).
    const hasItem = () =>
      ext.background.evaluate(() => chrome.contextMenus.update('token-insight-count-page', {})).then(
        () => true,
        () => false,
      );
    await expect.poll(hasItem).toBe(true);
    const article = await ext.newPage();
    await article.goto(articleUrl);
    const popup = await popupFor(article);
    expect(await popup.locator('.this-page__title').textContent()).toBe('Why tokens cost what they cost — Example Magazine');

    const visibleText = await article.evaluate(() => document.body.innerText);
    expect(await tokensOf(popup, 'visible')).toBe(await countTokens(visibleText, 'o200k_base'));

    // The article's token view: its text is the article, paragraph by paragraph, without the page's menus.
    const readable = await tokensOf(popup, 'readable');
    const view = await ext.waitForNewPage(() => popup.getByTestId('page-view-readable').click());
    await expect.poll(() => view.locator('[data-testid="token-view-page"]').getAttribute('data-state'), { timeout: 20_000 }).toBe('ready');
    const text = await wholeText(view);
    expect(readable).toBe(await countTokens(text, 'o200k_base'));
    expect(Number(await view.locator('[data-testid="token-view-count"]').getAttribute('data-count'))).toBe(readable);
    for (const p of PARAGRAPHS) expect(text.split('\n\n')).toContain(p);
    expect(text).not.toContain('Subscribe');
    expect(text).not.toContain('Cookie settings');
    expect(await view.locator('.tv-source').textContent()).toContain('Readable text of “Why tokens cost what they cost — Example Magazine”');

    // …and from there, the whole visible text.
    await view.getByTestId('token-view-other').click();
    await expect.poll(async () => (await view.locator('[data-testid="token"]').allTextContents()).join('')).toBe(visibleText);
    expect(Number(await view.locator('[data-testid="token-view-count"]').getAttribute('data-count'))).toBe(await countTokens(visibleText, 'o200k_base'));
    await view.close();
    await popup.close();
    await article.close();
  });

  it('follows the default encoding, and says when a page cannot be read', async () => {
    await ext.background.evaluate(() => chrome.storage.sync.set({ 'settings.defaultEncoding': 'cl100k_base' }));
    const article = await ext.newPage();
    await article.goto(articleUrl);
    const popup = await popupFor(article);
    const visibleText = await article.evaluate(() => document.body.innerText);
    expect(await tokensOf(popup, 'visible')).toBe(await countTokens(visibleText, 'cl100k_base'));
    expect(await popup.locator('.this-page .hint').first().textContent()).toContain('cl100k_base');
    await ext.background.evaluate(() => chrome.storage.sync.clear());
    await popup.close();
    await article.close();

    // The options page is the extension's own: no content script reads it.
    const options = await ext.openExtensionPage('options.html');
    const popup2 = await ext.openExtensionPage('popup.html');
    await options.bringToFront();
    await popup2.evaluate(() => (document.querySelector('[data-testid="tab-summaries"]') as HTMLElement).click());
    await expect.poll(() => popup2.locator('[data-testid="this-page"]').getAttribute('data-state'), { timeout: 20_000 }).toBe('unavailable');
    await popup2.close();
    await options.close();
  });
});

describe('summaries charts', () => {
  it('charts tokens per day over 30 days and pages per coin per day over 7, with the numbers', async () => {
    const admin = await ext.openExtensionPage('options.html');
    const send = (kind: string, payload: unknown) =>
      admin.evaluate(([kind, payload]) => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind, payload }), [kind, payload] as const);
    const now = Date.now();
    const day = (back: number, hour = 10) => {
      const d = new Date(startOfDay(now));
      d.setDate(d.getDate() - back);
      d.setHours(hour);
      return Math.min(d.getTime(), now);
    };
    const count = (time: number, tokens: number) => ({
      time, url: 'https://blog.example/post', title: 'A post', encoding: 'o200k_base', counts: { o200k_base: tokens, cl100k_base: tokens + 3 }, chars: tokens * 4, words: tokens,
    });
    const seen = (coinId: string, symbol: string, page: string, time: number) => ({ pageUrl: `https://${page}.example/`, coinId, symbol, title: `${page} news`, count: 2, time });
    const exported = (await send('data.export', {})) as { ok: true; value: Record<string, unknown> };
    const counts = [count(day(0, 0), 120), count(day(0, 0), 80), count(day(2), 950), count(day(5), 40), count(day(12), 2400), count(day(29), 300), count(day(40), 7777)];
    const sightings = [seen('bittensor', 'TAO', 'a', day(0, 0)), seen('bittensor', 'TAO', 'b', day(0, 0)), seen('bittensor', 'TAO', 'c', day(3)), seen('fetch-ai', 'FET', 'd', day(1)), seen('fetch-ai', 'FET', 'e', day(6))];
    const reply = await send('data.import', { ...exported.value, counts, sightings });
    expect(reply).toMatchObject({ ok: true });

    const article = await ext.newPage();
    await article.goto(articleUrl);
    const popup = await popupFor(article);
    const chart = popup.getByTestId('tokens-per-day');
    await expect.poll(() => chart.count()).toBe(1);
    // 30 bars, oldest first: today's is the last (120 + 80), 12 days ago is the tallest; 40 days ago is out.
    const values = await chart.locator('rect').evaluateAll((els: Element[]) => els.map((e) => Number(e.getAttribute('data-value'))));
    expect(values).toHaveLength(30);
    expect(values.at(-1)).toBe(200);
    expect(values.at(-13)).toBe(2400);
    expect(values.reduce((a, b) => a + b, 0)).toBe(200 + 950 + 40 + 2400 + 300);
    expect(await chart.getAttribute('aria-label')).toMatch(/^Tokens counted per day over the last 30 days: 3,890 in all, on 5 days; most on .+: 2,400\.$/);
    // The same figures as a table.
    await popup.locator('[data-testid="tokens-chart"] summary').click();
    const table = popup.getByTestId('tokens-per-day-table');
    expect(await table.locator('td').evaluateAll((els: Element[]) => els.map((e) => Number(e.getAttribute('data-tokens'))))).toEqual([200, 950, 40, 2400, 300]);

    const tao = popup.locator('[data-testid="sighting-row"][data-symbol="TAO"] [data-testid="pages-per-day"]');
    expect(await tao.locator('rect').evaluateAll((els: Element[]) => els.map((e) => Number(e.getAttribute('data-value'))))).toEqual([0, 0, 0, 1, 0, 0, 2]);
    expect(await tao.getAttribute('aria-label')).toMatch(/^TAO, pages per day over the last 7 days: .+ 0, .+ 2$/);
    const fet = popup.locator('[data-testid="sighting-row"][data-symbol="FET"] [data-testid="pages-per-day"]');
    expect(await fet.locator('rect').evaluateAll((els: Element[]) => els.map((e) => Number(e.getAttribute('data-value'))))).toEqual([1, 0, 0, 0, 0, 1, 0]);

    for (const scheme of ['light', 'dark'] as const) {
      await popup.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(popup)).toEqual([]);
      await popup.screenshot({ path: screenshotPath(`popup-page-count-${scheme}.png`), fullPage: true });
    }
    await popup.close();
    await article.close();
    await admin.close();
  });
});
