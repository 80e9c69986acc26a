/**
 * Token mentions on pages that change or resist, in each browser with the
 * built extension: content added by script, an endless feed kept indexed
 * with bounded memory, prose around skipped elements, and a strict
 * Content-Security-Policy.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// A busy 2-core machine runs five Chromiums at once: conditions get 5 s unless a test says otherwise.
vi.setConfig({ expect: { poll: { timeout: 5000, interval: 50 } } });
import { contentScript, hoverText } from './harness/extension';
import { newsHtml, priceCard, scanned, scanState, startSuiteWithPrices, stopSuite, watchingOnly, type PriceSuite } from './harness/page-helpers';

let s: PriceSuite;
beforeAll(async () => {
  s = await startSuiteWithPrices();
});
afterAll(() => stopSuite(s));

describe('token mentions on pages that change', () => {
  it('finds content added by script 1 s after load', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/dynamic.html'));
    // "the reactor near the station" holds no candidate: the detector is not even loaded.
    await watchingOnly(page);
    expect((await scanState(page)).running).toBe(false);
    // The page adds its post when told, at least 1 s after load (no fixed sleep in the test).
    await page.waitForFunction(() => performance.now() >= 1000);
    await page.evaluate(() => (window as unknown as { addLatePost(): void }).addLatePost());
    expect(Number(await page.locator('#late').getAttribute('data-added-at'))).toBeGreaterThanOrEqual(1000);
    await expect
      .poll(async () => (await scanState(page)).mentions.map((m) => `${m.text}=${m.symbol}=${m.where}`), { timeout: 5000 })
      .toEqual(['Akash Network (AKT)=AKT=late', '$NMR=NMR=late']);
    await hoverText(page, '#late', 'Akash Network (AKT)');
    await expect.poll(() => priceCard(page).count()).toBe(1);
    expect(await priceCard(page).getAttribute('data-symbol')).toBe('AKT');
    // Removing the post drops its mentions and their marks.
    await page.evaluate(() => document.getElementById('late')!.remove());
    await expect.poll(async () => { const s = await scanState(page); return [s.mentions.length, s.highlights]; }).toEqual([0, 0]);
    await page.close();
  });

  it('keeps an endless feed indexed with bounded memory: new posts found, removed posts dropped', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.url('/feed.html'));
    await scanned(page);
    const KEEP = 150;
    /** Mentions the live DOM holds: two in every post but the NMR-spectroscopy one. */
    const expectedNow = () =>
      page.evaluate(() => [...document.querySelectorAll('.post')].filter((p) => !p.textContent!.includes('graph shows')).length * 2);
    const indexState = () => contentScript(page, 'indexState');
    let maxSize = 0;
    for (let round = 0; round < 12; round++) {
      // Scroll: 100 more posts at the bottom, the oldest dropped from the top.
      await page.evaluate((keep: number) => {
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
    await last.evaluate((el: Element) => (el.id = 'newest'));
    const text = (await last.textContent())!;
    const target = text.includes('$TAO') ? '$TAO' : text.includes('RENDER') ? 'TAO/USDT' : null;
    if (target) {
      await last.scrollIntoViewIfNeeded();
      await hoverText(page, '#newest', target);
      await expect.poll(() => priceCard(page).count()).toBe(1);
      expect(await priceCard(page).getAttribute('data-symbol')).toBe('TAO');
    }
    await page.close();
  });

  it('reads prose around skipped elements (code, fields, hidden, editable) wherever they sit, and nothing inside them', async () => {
    const page = await s.ext.newPage();
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
    await page.goto(s.pages.addPage('/skipped.html', html));
    const state = await scanned(page);
    expect(state.mentions.map((m) => `${m.where}:${m.text}`).sort()).toEqual(['s1:Bittensor', 's2:$NMR', 's3:$GRT', 's3:$TAO'].sort());
    await page.close();
  });

  it('marks and opens cards on a page with a strict Content-Security-Policy', async () => {
    const page = await s.ext.newPage();
    await page.goto(s.pages.addPage('/csp-news.html', await newsHtml(), { 'Content-Security-Policy': "default-src 'none'" }));
    const state = await scanned(page);
    expect(state.highlights).toBeGreaterThan(5);
    // The quiet mark: a dotted underline in a blue that reads on light and dark s.pages.
    const mark = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('p1')!, '::highlight(token-insight-mention)');
      return [style.textDecorationLine, style.textDecorationStyle, style.textDecorationColor];
    });
    expect(mark).toEqual(['underline', 'dotted', 'rgb(59, 130, 246)']);
    // The ::highlight rule applies: the marked text is underlined.
    await hoverText(page, '#p1', '$TAO');
    await expect.poll(() => priceCard(page).count()).toBe(1);
    expect(await priceCard(page).getAttribute('data-symbol')).toBe('TAO');
    // The card's frame is styled (its CSS is not blocked by the page's CSP).
    const bg = await page.locator('.ti-card-frame').evaluate((el: Element) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    await page.close();
  });
});
