/**
 * Huge selections and privacy, in each browser with the built extension and
 * every request the browser makes going through a recording proxy:
 * select-all on a 5 MB page gives the exact count (checked with countTokens
 * under Node) with progress shown, while a heartbeat in the page keeps
 * ticking from the select-all itself to the final count; a new selection cancels the old count; and no request carries the
 * selected text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '@/utils/tokens';
import { contentScript, launchExtension, selectElementText, type ExtensionSession, type UiPage } from './harness/extension';
import { PageServer } from './harness/page-server';
import { RecordingProxy } from './harness/recording-proxy';

const SECRET = 'ultraviolet-pangolin-7291';

/** About `bytes` of varied text: English, Hindi, numbers and code, deterministic. */
function hugeHtml(bytes: number): string {
  const en = 'model token price window context selection budget prompt reader paragraph network'.split(' ');
  const hi = 'भारत टोकन मॉडल शब्द कीमत पाठक अनुच्छेद नेटवर्क'.split(' ');
  let seed = 42;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const words: string[] = [];
    for (let w = 0; w < 120; w++) {
      const k = rnd(20);
      words.push(k < 12 ? en[rnd(en.length)]! : k < 16 ? hi[rnd(hi.length)]! : k < 18 ? String(rnd(100000)) : `fn_${rnd(999)}();`);
    }
    const p = `<p>${i === 500 ? `${SECRET} ` : ''}${words.join(' ')}.</p>`;
    paragraphs.push(p);
    size += Buffer.byteLength(p);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A very long page</title></head><body>
<p id="short">The secret word is ${SECRET}, and this short paragraph is counted on its own.</p>
${paragraphs.join('\n')}
<script>
  // A heartbeat: if the page's main thread stalls, the gap between ticks grows.
  window.__hb = { ticks: 0, maxGap: 0, last: performance.now() };
  setInterval(() => {
    const now = performance.now();
    window.__hb.maxGap = Math.max(window.__hb.maxGap, now - window.__hb.last);
    window.__hb.last = now;
    window.__hb.ticks++;
  }, 20);
</script></body></html>`;
}

let ext: ExtensionSession;
let pages: PageServer;
let proxy: RecordingProxy;
let hugeUrl: string;
let bigUrl: string;

beforeAll(async () => {
  pages = await new PageServer().start();
  proxy = await new RecordingProxy().start();
  ext = await launchExtension({ proxyPort: proxy.port });
  hugeUrl = pages.addPage('/huge.html', hugeHtml(5 * 1024 * 1024));
  bigUrl = pages.addPage('/big.html', hugeHtml(1024 * 1024));
});

afterAll(async () => {
  await ext?.close();
  await proxy?.stop();
  await pages?.stop();
});

const badge = (page: UiPage) => page.locator('[data-testid="token-badge"]');

async function shownCount(page: UiPage): Promise<number | null> {
  if ((await badge(page).count()) === 0 || (await badge(page).getAttribute('data-status')) !== 'done') return null;
  const digits = ((await page.locator('[data-testid="token-count"]').textContent()) ?? '').replace(/[^\d]/g, '');
  return digits ? Number(digits) : null;
}

const stats = (page: UiPage) => contentScript(page, 'badgeStats');
const heartbeat = (page: UiPage) => page.evaluate(() => (window as unknown as { __hb: { ticks: number; maxGap: number } }).__hb);
const resetHeartbeat = (page: UiPage) =>
  page.evaluate(() => Object.assign((window as unknown as { __hb: object }).__hb, { ticks: 0, maxGap: 0, last: performance.now() }));

async function openHuge(url = hugeUrl): Promise<UiPage> {
  const page = await ext.newPage();
  await page.goto(url);
  await contentScript(page, 'ready');
  return page;
}

describe('huge selections', () => {
  // One 5 MB page for both tests: loading it is the slow part.
  let page: UiPage;
  beforeAll(async () => {
    page = await openHuge();
  });
  afterAll(async () => {
    await page?.close();
  });

  it('counts select-all on a 5 MB page exactly, with progress, while the page keeps responding', async () => {
    await page.locator('#short').click();
    // The heartbeat runs from before the select-all, so it also covers the browser selecting 5 MB,
    // the content script reading the selection's text and the badge opening, not just the count.
    await resetHeartbeat(page);
    const pressed = Date.now();
    await page.keyboard.press('ControlOrMeta+A');
    // A selection this long is not counted by itself: the badge offers the count, and counts on a click.
    await expect.poll(() => badge(page).getAttribute('data-status'), { timeout: 20_000, interval: 50 }).toBe('confirm');
    const openedMs = Date.now() - pressed;
    await page.locator('[data-testid="token-count"]').click();
    // Then it shows progress while the background counts.
    await expect.poll(() => badge(page).getAttribute('data-status'), { timeout: 20_000, interval: 50 }).toBe('counting');
    const hbOpen = await heartbeat(page);
    expect(await page.locator('[data-testid="token-progress"]').count()).toBe(1);
    // The assertion below covers the count, which is the extension's work; the time before the badge
    // opens is mostly Chromium selecting and painting 5 MB (100–300 ms with the badge off on an idle
    // machine, over 1 s on a loaded one), so it is logged, not asserted.
    await resetHeartbeat(page);
    // From here until the count is done, only the content script's state is polled (cheaply, in its own
    // world), not the page's DOM, so the heartbeat measures the extension's work and not the test's.
    const started = Date.now();
    await expect.poll(async () => (await stats(page)).state, { timeout: 60_000, interval: 250 }).toBe('done');
    const countingMs = Date.now() - started;
    const hb = await heartbeat(page);
    const s = await stats(page);

    const text = await page.evaluate(() => getSelection()!.toString());
    expect(text.length).toBeGreaterThan(4_000_000);
    expect(await shownCount(page)).toBe(await countTokens(text, 'o200k_base'));
    expect(s.progressUpdates).toBeGreaterThan(3);
    // The page's own timer kept ticking while the background counted (it fires every 20 ms when nothing
    // blocks it); the figures are logged so a regression is visible.
    console.info(
      `5 MB select-all: text read in ${Math.round(s.lastReadMs ?? NaN)} ms on the page's thread; badge open ${openedMs} ms after Ctrl+A ` +
        `(longest heartbeat gap until then ${Math.round(hbOpen.maxGap)} ms); ${text.length} chars counted in ${countingMs} ms after that; ` +
        `heartbeat ${hb.ticks} ticks while counting, longest gap ${Math.round(hb.maxGap)} ms`,
    );
    expect(s.lastReadMs).not.toBeNull();
    expect(hb.ticks).toBeGreaterThan(countingMs / 20 / 4);
    expect(hb.maxGap).toBeLessThan(1000);
  }, 120_000);

  it('cancels the count of an older selection when a new one is made', async () => {
    await page.keyboard.press('Escape');
    const before = await stats(page);
    await page.locator('#short').click();
    await page.keyboard.press('ControlOrMeta+A');
    await expect.poll(() => badge(page).getAttribute('data-status'), { timeout: 20_000 }).toBe('confirm');
    await page.locator('[data-testid="token-count"]').click();
    await expect.poll(() => badge(page).getAttribute('data-status'), { timeout: 20_000 }).toBe('counting');
    await selectElementText(page, '#short');
    const text = await page.evaluate(() => getSelection()!.toString());
    await expect.poll(() => shownCount(page), { timeout: 30_000 }).toBe(await countTokens(text, 'o200k_base'));
    const s = await stats(page);
    expect(s.cancelled - before.cancelled).toBeGreaterThanOrEqual(1);
    // Only the new selection's count finished.
    expect(s.counts - before.counts).toBe(1);
  }, 120_000);
});

describe('privacy', () => {
  it('sends no request carrying the selected text (every request of the browser recorded)', async () => {
    const page = await openHuge(bigUrl);
    await selectElementText(page, '#short');
    await expect.poll(() => shownCount(page), { timeout: 30_000 }).not.toBeNull();
    await page.close();
    // The proxy recorded everything since the browser started: this count and the 5 MB counts above
    // (the secret is in both pages). It saw the browser's traffic (the test pages came through it)…
    expect(proxy.requests.some((r) => r.url.startsWith(hugeUrl))).toBe(true);
    // …and none of it carried the selected text, in the address, the headers or the body.
    expect(proxy.carrying(SECRET)).toEqual([]);
    expect(proxy.carrying(encodeURIComponent(SECRET))).toEqual([]);
    expect(proxy.carrying('fn_')).toEqual([]);
  });
});
