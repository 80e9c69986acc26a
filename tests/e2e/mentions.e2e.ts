/**
 * Token mentions in each browser with the built extension: marking through the
 * Highlight API, the hover card (opened by pointer and keyboard, kept in the
 * viewport), dark pages, and a page left exactly as served. Pages that change
 * and skipped elements: mentions-dom.e2e.ts; settings: mentions-settings.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A busy 2-core machine runs five Chromiums at once: conditions get 5 s unless a test says otherwise.
vi.setConfig({ expect: { poll: { timeout: 5000, interval: 50 } } });
import { hoverText } from './harness/extension';
import { moveAway, newsHtml, openScanned, priceCard, scanned, scanState, startSuiteWithPrices, stopSuite, type PriceSuite } from './harness/page-helpers';
import { screenshotPath } from './harness/screenshots';

let s: PriceSuite;
beforeAll(async () => {
  s = await startSuiteWithPrices();
});
afterAll(() => stopSuite(s));

describe('token mentions on a news page', () => {
  it('finds the mentions, marks them with the Highlight API, and leaves the negatives alone', async () => {
    const page = await openScanned(s);
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
    const page = await openScanned(s);
    const cases: [string, string, string][] = [
      ['#p1', '$TAO', 'TAO'],
      ['#p1', 'Bittensor', 'TAO'],
      ['#p1', 'Fetch.ai (FET)', 'FET'],
      ['#p-hi', 'BitTensor (TAO)', 'TAO'],
    ];
    for (const [selector, text, symbol] of cases) {
      await hoverText(page, selector, text);
      await expect.poll(() => priceCard(page).count(), { timeout: 3000 }).toBe(1);
      expect(await priceCard(page).getAttribute('data-symbol')).toBe(symbol);
      await moveAway(page);
    }
    for (const text of ['NMR spectroscopy', 'the graph shows']) {
      await hoverText(page, '#p3', text);
      await page.waitForTimeout(900);
      expect(await priceCard(page).count()).toBe(0);
    }
    await page.close();
  });

  it('keeps the card open while the pointer moves into it, and closes it on leave, Escape and scroll', async () => {
    const page = await openScanned(s);
    await hoverText(page, '#p1', '$TAO');
    await expect.poll(() => priceCard(page).count()).toBe(1);
    // Into the card: it stays.
    const box = (await priceCard(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 6 });
    await page.waitForTimeout(700);
    expect(await priceCard(page).count()).toBe(1);
    // Out of the card into empty space: it closes.
    await page.mouse.move(2, 2, { steps: 3 });
    await expect.poll(() => priceCard(page).count()).toBe(0);

    await hoverText(page, '#p1', 'Bittensor');
    await expect.poll(() => priceCard(page).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => priceCard(page).count()).toBe(0);

    // Make the page scrollable, then scroll with the wheel while the card is open.
    await page.evaluate(() => (document.body.style.paddingBottom = '2000px'));
    await hoverText(page, '#p1', 'Bittensor');
    await expect.poll(() => priceCard(page).count()).toBe(1);
    await page.mouse.wheel(0, 40);
    await expect.poll(() => priceCard(page).count()).toBe(0);
    await page.close();
  });

  it('keeps the card inside the viewport', async () => {
    const page = await s.ext.newPage();
    await page.setViewportSize({ width: 420, height: 300 });
    const html = `<!doctype html><meta charset="utf-8"><body style="margin:0">
      <p id="bottom" style="position:absolute; right:4px; bottom:4px; margin:0">Watch $FET</p></body>`;
    await page.goto(s.pages.addPage('/corner.html', html));
    await scanned(page);
    await hoverText(page, '#bottom', '$FET');
    // The card is measured hidden before it is placed: wait until it shows.
    await priceCard(page).waitFor({ state: 'visible' });
    const box = (await priceCard(page).boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(420);
    expect(box.y + box.height).toBeLessThanOrEqual(300);
    await page.close();
  });

  it('opens the card of a ticker selected with the keyboard', async () => {
    const page = await openScanned(s);
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
    await expect.poll(() => priceCard(page).count()).toBe(1);
    expect(await priceCard(page).getAttribute('data-symbol')).toBe('NMR');
    // The selection is left alone.
    expect(await page.evaluate(() => getSelection()!.toString())).toBe('NMR');
    await page.keyboard.press('Escape');
    await expect.poll(() => priceCard(page).count()).toBe(0);
    await page.close();
  });

  it('never changes the page: no element inserted into the article, text nodes as served', async () => {
    const page = await openScanned(s);
    await hoverText(page, '#p1', 'Fetch.ai (FET)');
    await expect.poll(() => priceCard(page).count()).toBe(1);
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
    }, await newsHtml());
    expect(same).toEqual({ html: true, texts: true, bodyChildren: true });
    // The card lives in a shadow root attached outside the body.
    const hostParent = await page.evaluate(() => document.querySelector('token-insight-card')?.parentElement?.localName);
    expect(hostParent).toBe('html');
    await hoverText(page, '#p1', 'Fetch.ai (FET)');
    await expect.poll(() => priceCard(page).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('hover-card.png'), clip: { x: 0, y: 0, width: 1000, height: 420 } });
    await page.close();
  });

  it('marks mentions readably on a dark page', async () => {
    const page = await s.ext.newPage();
    const html = `<!doctype html><meta charset="utf-8"><title>Dark</title>
      <body style="background:#111;color:#ddd;font:18px/1.6 system-ui;margin:24px;max-width:640px">
      <p id="dark">Bittensor (TAO) rose 6% today while $FET and RENDER token holders waited; the graph shows NMR spectroscopy data.</p></body>`;
    await page.goto(s.pages.addPage('/dark.html', html));
    const state = await scanned(page);
    expect(state.mentions.map((m) => m.text)).toEqual(['Bittensor (TAO)', '$FET', 'RENDER']);
    expect(state.highlights).toBe(3);
    await page.screenshot({ path: screenshotPath('mentions-dark.png'), clip: { x: 0, y: 0, width: 700, height: 130 } });
    await page.close();
  });
});
