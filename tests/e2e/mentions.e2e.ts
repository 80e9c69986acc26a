/**
 * Token mentions in real Chromium with the built extension: marking through the
 * Highlight API, the hover card, pages that change, strict CSP, settings and
 * sightings.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A busy 2-core machine runs five Chromiums at once: conditions get 5 s unless a test says otherwise.
vi.setConfig({ expect: { poll: { timeout: 5000, interval: 50 } } });
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { evaluateInContentScript, hoverText, launchExtension, type ExtensionSession } from './harness/extension';
import { FakeCoinGecko } from './harness/fake-coingecko';
import { PageServer } from './harness/page-server';
import { PAGES_DIR } from './harness/paths';
import { screenshotPath } from './harness/screenshots';

let ext: ExtensionSession;
let pages: PageServer;
let api: FakeCoinGecko;
let newsHtml: string;

/** Merges `value` into the stored settings, as the options page would. */
const setSettings = (value: object) =>
  ext.serviceWorker.evaluate(async (v) => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...(settings ?? {}), ...v } });
  }, value);

beforeAll(async () => {
  pages = await new PageServer().start();
  api = await new FakeCoinGecko().start();
  ext = await launchExtension();
  // Prices come from the local fake API only, so the card never shows an offline error.
  await setSettings({ apiBaseUrl: api.baseUrl });
  newsHtml = await readFile(`${PAGES_DIR}/news.html`, 'utf8');
});

afterAll(async () => {
  await ext?.close();
  await pages?.stop();
  await api?.stop();
});

interface ScanState {
  running: boolean;
  busy: boolean;
  firstScanDone: boolean;
  mentions: { text: string; symbol: string; coinId: string; where: string | null }[];
  highlights: number;
}

/** The content script's view: indexed mentions and registered highlight ranges. */
function scanState(page: Page): Promise<ScanState> {
  return evaluateInContentScript<ScanState>(
    page,
    `(() => {
      const rt = globalThis.__tokenInsightMentions?.runtime();
      const hl = CSS.highlights.get('token-insight-mention');
      if (!rt) return { running: false, busy: false, firstScanDone: false, mentions: [], highlights: hl ? hl.size : 0 };
      const mentions = [...rt.index.mentions()].map((m) => ({
        text: m.parts.map((p) => p.node.data.slice(p.start, p.end)).join(''),
        symbol: m.symbol,
        coinId: m.coinId,
        where: m.parts[0].node.parentElement.closest('[id]')?.id ?? null,
      }));
      return { running: true, busy: rt.scanner.busy, firstScanDone: rt.scanner.stats.firstScanEnd !== null, mentions, highlights: hl ? hl.size : 0 };
    })()`,
  );
}

async function scanned(page: Page): Promise<ScanState> {
  await expect.poll(async () => { const s = await scanState(page); return s.firstScanDone && !s.busy; }, { timeout: 10_000 }).toBe(true);
  return scanState(page);
}

const card = (page: Page) => page.locator('[data-testid="price-card"]');

async function moveAway(page: Page) {
  await page.mouse.move(2, 2);
  await expect.poll(() => card(page).count(), { timeout: 3000 }).toBe(0);
}

async function openNews(path = '/news.html'): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(pages.url(path));
  await scanned(page);
  return page;
}

describe('token mentions on a news page', () => {
  it('finds the mentions, marks them with the Highlight API, and leaves the negatives alone', async () => {
    const page = await openNews();
    const state = await scanState(page);
    const found = state.mentions.map((m) => `${m.text}=${m.symbol}`);
    expect(found).toEqual(
      expect.arrayContaining([
        '$TAO=TAO',
        'Bittensor=TAO',
        'Fetch.ai (FET)=FET',
        'SingularityNET (AGIX)=AGIX',
        'NMR=NMR',
        'GRT=GRT',
        'TAO/USDT=TAO',
        'BitTensor (TAO)=TAO',
      ]),
    );
    // The chemistry paragraph's NMR and "the graph shows" are not mentions.
    expect(state.mentions.filter((m) => m.where === 'p3')).toEqual([]);
    expect(state.mentions.filter((m) => m.where === 'prompt')).toEqual([]);
    // Every mention is registered as a highlight range.
    expect(state.highlights).toBe(state.mentions.length);
    await page.close();
  });

  it('opens the right card when hovering $TAO, Bittensor and Fetch.ai (FET), and none over NMR spectroscopy or "the graph shows"', async () => {
    const page = await openNews();
    const cases: [string, string, string][] = [
      ['#p1', '$TAO', 'TAO'],
      ['#p1', 'Bittensor', 'TAO'],
      ['#p1', 'Fetch.ai (FET)', 'FET'],
      ['#p-hi', 'BitTensor (TAO)', 'TAO'],
    ];
    for (const [selector, text, symbol] of cases) {
      await hoverText(page, selector, text);
      await expect.poll(() => card(page).count(), { timeout: 3000 }).toBe(1);
      expect(await card(page).getAttribute('data-symbol')).toBe(symbol);
      await moveAway(page);
    }
    for (const text of ['NMR spectroscopy', 'the graph shows']) {
      await hoverText(page, '#p3', text);
      await page.waitForTimeout(900);
      expect(await card(page).count()).toBe(0);
    }
    await page.close();
  });

  it('keeps the card open while the pointer moves into it, and closes it on leave, Escape and scroll', async () => {
    const page = await openNews();
    await hoverText(page, '#p1', '$TAO');
    await expect.poll(() => card(page).count()).toBe(1);
    // Into the card: it stays.
    const box = (await card(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
    await page.waitForTimeout(700);
    expect(await card(page).count()).toBe(1);
    // Out of the card into empty space: it closes.
    await page.mouse.move(2, 2, { steps: 3 });
    await expect.poll(() => card(page).count()).toBe(0);

    await hoverText(page, '#p1', 'Bittensor');
    await expect.poll(() => card(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => card(page).count()).toBe(0);

    // Make the page scrollable, then scroll with the wheel while the card is open.
    await page.evaluate(() => (document.body.style.paddingBottom = '2000px'));
    await hoverText(page, '#p1', 'Bittensor');
    await expect.poll(() => card(page).count()).toBe(1);
    await page.mouse.wheel(0, 40);
    await expect.poll(() => card(page).count()).toBe(0);
    await page.close();
  });

  it('keeps the card inside the viewport', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 420, height: 300 });
    const html = `<!doctype html><meta charset="utf-8"><body style="margin:0">
      <p id="bottom" style="position:absolute; right:4px; bottom:4px; margin:0">Watch $FET</p></body>`;
    await page.goto(pages.addPage('/corner.html', html));
    await scanned(page);
    await hoverText(page, '#bottom', '$FET');
    // The card is measured hidden before it is placed: wait until it shows.
    await card(page).waitFor({ state: 'visible' });
    const box = (await card(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(420);
    expect(box.y + box.height).toBeLessThanOrEqual(300);
    await page.close();
  });

  it('opens the card of a ticker selected with the keyboard', async () => {
    const page = await openNews();
    await page.evaluate(() => {
      const p = document.getElementById('p2')!.firstChild as Text;
      const i = p.data.indexOf('NMR');
      const r = document.createRange();
      r.setStart(p, i);
      r.setEnd(p, i + 1);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(r);
    });
    // Extend the selection over the rest of the ticker with Shift+→, as a keyboard user would.
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await page.evaluate(() => getSelection()!.toString())).toBe('NMR');
    await expect.poll(() => card(page).count()).toBe(1);
    expect(await card(page).getAttribute('data-symbol')).toBe('NMR');
    // The selection is left alone.
    expect(await page.evaluate(() => getSelection()!.toString())).toBe('NMR');
    await page.keyboard.press('Escape');
    await expect.poll(() => card(page).count()).toBe(0);
    await page.close();
  });

  it('never changes the page: no element inserted into the article, text nodes as served', async () => {
    const page = await openNews();
    await hoverText(page, '#p1', 'Fetch.ai (FET)');
    await expect.poll(() => card(page).count()).toBe(1);
    const same = await page.evaluate((html) => {
      const served = new DOMParser().parseFromString(html, 'text/html');
      const live = document.getElementById('article')!;
      const texts = (root: Node) => {
        const out: string[] = [];
        const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) out.push(n.nodeValue!);
        return out;
      };
      return {
        html: live.outerHTML === served.getElementById('article')!.outerHTML,
        texts: JSON.stringify(texts(live)) === JSON.stringify(texts(served.getElementById('article')!)),
        bodyChildren: document.body.children.length === served.body.children.length,
      };
    }, newsHtml);
    expect(same).toEqual({ html: true, texts: true, bodyChildren: true });
    // The card lives in a shadow root attached outside the body.
    const hostParent = await page.evaluate(() => document.querySelector('token-insight-card')?.parentElement?.localName);
    expect(hostParent).toBe('html');
    await hoverText(page, '#p1', 'Fetch.ai (FET)');
    await expect.poll(() => card(page).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('hover-card.png'), clip: { x: 0, y: 0, width: 1000, height: 420 } });
    await page.close();
  });

  it('finds content added by script 1 s after load', async () => {
    const page = await ext.context.newPage();
    await page.goto(pages.url('/dynamic.html'));
    await scanned(page);
    expect((await scanState(page)).mentions).toEqual([]);
    // The page adds its post when told, at least 1 s after load (no fixed sleep in the test).
    await page.waitForFunction(() => performance.now() >= 1000);
    await page.evaluate(() => (window as unknown as { addLatePost(): void }).addLatePost());
    expect(Number(await page.locator('#late').getAttribute('data-added-at'))).toBeGreaterThanOrEqual(1000);
    await expect
      .poll(async () => (await scanState(page)).mentions.map((m) => `${m.text}=${m.symbol}=${m.where}`), { timeout: 5000 })
      .toEqual(['Akash Network (AKT)=AKT=late', '$NMR=NMR=late']);
    await hoverText(page, '#late', 'Akash Network (AKT)');
    await expect.poll(() => card(page).count()).toBe(1);
    expect(await card(page).getAttribute('data-symbol')).toBe('AKT');
    // Removing the post drops its mentions and their marks.
    await page.evaluate(() => document.getElementById('late')!.remove());
    await expect.poll(async () => { const s = await scanState(page); return [s.mentions.length, s.highlights]; }).toEqual([0, 0]);
    await page.close();
  });

  it('keeps an endless feed indexed with bounded memory: new posts found, removed posts dropped', async () => {
    const page = await ext.context.newPage();
    await page.goto(pages.url('/feed.html'));
    await scanned(page);
    const KEEP = 150;
    /** Mentions the live DOM holds: two in every post but the NMR-spectroscopy one. */
    const expectedNow = () =>
      page.evaluate(() => [...document.querySelectorAll('.post')].filter((p) => !p.textContent!.includes('graph shows')).length * 2);
    const indexState = () =>
      evaluateInContentScript<{ size: number; nodes: number; highlights: number; busy: boolean }>(
        page,
        `(() => {
          const rt = globalThis.__tokenInsightMentions.runtime();
          return { size: rt.index.size, nodes: rt.index.nodeCount, highlights: CSS.highlights.get('token-insight-mention').size, busy: rt.scanner.busy };
        })()`,
      );
    let maxSize = 0;
    for (let round = 0; round < 12; round++) {
      // Scroll: 100 more posts at the bottom, the oldest dropped from the top.
      await page.evaluate((keep) => {
        const w = window as unknown as { appendPosts(n: number): void; dropOldest(keep: number): void };
        w.appendPosts(100);
        w.dropOldest(keep);
      }, KEEP);
      const want = await expectedNow();
      await expect.poll(async () => { const s = await indexState(); return !s.busy && s.size === want && s.highlights === want; }, { timeout: 10_000 }).toBe(true);
      maxSize = Math.max(maxSize, (await indexState()).size);
    }
    const final = await indexState();
    // 1,230 posts went through the page; the index only ever held what was on it.
    expect(maxSize).toBeLessThanOrEqual(KEEP * 2);
    expect(final.nodes).toBeLessThanOrEqual(final.size);
    expect(await page.locator('.post').count()).toBe(KEEP);
    // A post added last is found and opens its card.
    const last = page.locator('.post').last();
    await last.evaluate((el) => (el.id = 'newest'));
    const text = (await last.textContent())!;
    const target = text.includes('$TAO') ? '$TAO' : text.includes('RENDER') ? 'TAO/USDT' : null;
    if (target) {
      await last.scrollIntoViewIfNeeded();
      await hoverText(page, '#newest', target);
      await expect.poll(() => card(page).count()).toBe(1);
      expect(await card(page).getAttribute('data-symbol')).toBe('TAO');
    }
    await page.close();
  });

  it('marks mentions readably on a dark page', async () => {
    const page = await ext.context.newPage();
    const html = `<!doctype html><meta charset="utf-8"><title>Dark</title>
      <body style="background:#111;color:#ddd;font:18px/1.6 system-ui;margin:24px;max-width:640px">
      <p id="dark">Bittensor (TAO) rose 6% today while $FET and RENDER token holders waited; the graph shows NMR spectroscopy data.</p></body>`;
    await page.goto(pages.addPage('/dark.html', html));
    const state = await scanned(page);
    expect(state.mentions.map((m) => m.text)).toEqual(['Bittensor (TAO)', '$FET', 'RENDER']);
    expect(state.highlights).toBe(3);
    await page.screenshot({ path: screenshotPath('mentions-dark.png'), clip: { x: 0, y: 0, width: 700, height: 130 } });
    await page.close();
  });

  it('reads prose around skipped elements (code, fields, hidden, editable) wherever they sit, and nothing inside them', async () => {
    const page = await ext.context.newPage();
    const html = `<!doctype html><meta charset="utf-8"><title>Skipped</title><body>
      <p id="s1">Bittensor rallied.</p>
      <pre>$TAO in pre</pre>
      <div id="s2"><code>$FET in code</code> while <span>$NMR</span> held</div>
      <textarea>$GRT typed</textarea>
      <div hidden><p>$FET hidden</p></div>
      <div contenteditable><p>$NMR editable</p></div>
      <div><section><p>nested <span>words <code>$GRT</code></span></p></section></div>
      <p id="s3">$TAO after the last nested skipped child<br>$GRT after a break</p>
      <div><kbd>$FET at the end</kbd></div></body>`;
    await page.goto(pages.addPage('/skipped.html', html));
    const state = await scanned(page);
    expect(state.mentions.map((m) => `${m.where}:${m.text}`).sort()).toEqual(['s1:Bittensor', 's2:$NMR', 's3:$GRT', 's3:$TAO'].sort());
    await page.close();
  });

  it('marks and opens cards on a page with a strict Content-Security-Policy', async () => {
    const page = await ext.context.newPage();
    await page.goto(pages.addPage('/csp-news.html', newsHtml, { 'Content-Security-Policy': "default-src 'none'" }));
    const state = await scanned(page);
    expect(state.highlights).toBeGreaterThan(5);
    // The quiet mark: a dotted underline in a blue that reads on light and dark pages.
    const mark = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('p1')!, '::highlight(token-insight-mention)');
      return [style.textDecorationLine, style.textDecorationStyle, style.textDecorationColor];
    });
    expect(mark).toEqual(['underline', 'dotted', 'rgb(59, 130, 246)']);
    // The ::highlight rule applies: the marked text is underlined.
    await hoverText(page, '#p1', '$TAO');
    await expect.poll(() => card(page).count()).toBe(1);
    expect(await card(page).getAttribute('data-symbol')).toBe('TAO');
    // The card's frame is styled (its CSS is not blocked by the page's CSP).
    const bg = await page.locator('.ti-card-frame').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });
});

describe('watchlist coins', () => {
  it('finds a coin added to the watchlist by cashtag and exact name, not as a bare word', async () => {
    const popup = await ext.openExtensionPage('popup.html');
    await popup.evaluate(() =>
      chrome.runtime.sendMessage({
        channel: 'token-insight/v1',
        kind: 'watchlist.add',
        payload: { coinId: 'chainlink', symbol: 'link', name: 'Chainlink' },
      }),
    );
    await popup.close();
    const page = await ext.context.newPage();
    const html = `<!doctype html><meta charset="utf-8"><title>Oracles</title>
      <p id="w">Chainlink and $LINK rose 4% today; click the link below, LINK alone is not enough.</p>`;
    await page.goto(pages.addPage('/watchlist.html', html));
    await expect
      .poll(async () => (await scanState(page)).mentions.map((m) => `${m.text}=${m.symbol}`), { timeout: 10_000 })
      .toEqual(['Chainlink=LINK', '$LINK=LINK']);
    await hoverText(page, '#w', '$LINK');
    await expect.poll(() => card(page).count()).toBe(1);
    expect(await card(page).getAttribute('data-symbol')).toBe('LINK');
    await page.close();
  });
});

describe('settings and sightings', () => {
  it('turns marking off and on live, globally and per site', async () => {
    const page = await openNews();
    // The global switch, as a user flips it on the options page.
    const options = await ext.openExtensionPage('options.html');
    await options.locator('[data-testid="marking-enabled"]').uncheck();
    await expect.poll(async () => (await scanState(page)).running).toBe(false);
    expect((await scanState(page)).highlights).toBe(0);
    await hoverText(page, '#p1', '$TAO');
    await page.waitForTimeout(800);
    expect(await card(page).count()).toBe(0);

    await setSettings({ markingEnabled: true, markingOffSites: ['127.0.0.1'] });
    // Wait until the page has applied these settings, then it must still be off.
    await expect
      .poll(() => evaluateInContentScript<string[]>(page, 'globalThis.__tokenInsightMentions.settings()?.markingOffSites ?? []'))
      .toEqual(['127.0.0.1']);
    expect((await scanState(page)).running).toBe(false);

    // The site list, typed on the options page: another site listed, this one marks again.
    const sites = options.locator('[data-testid="marking-off-sites"]');
    await sites.fill('https://www.Example.org/news\n');
    await sites.blur();
    const stored = () => ext.serviceWorker.evaluate(async () => (await chrome.storage.sync.get('settings.markingOffSites'))['settings.markingOffSites']);
    await expect.poll(stored, { timeout: 5000 }).toEqual(['example.org']);
    await expect.poll(() => sites.inputValue()).toBe('example.org');
    await expect.poll(async () => (await scanState(page)).highlights, { timeout: 10_000 }).toBeGreaterThan(5);
    await options.close();
    await page.close();
  });

  it('records the coins seen on a page visit once, through the background', async () => {
    await setSettings({ markingEnabled: true, markingOffSites: [], historyEnabled: true });
    const page = await openNews();
    const popup = await ext.openExtensionPage('popup.html');
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
