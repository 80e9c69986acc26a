/**
 * The token view of a 400 KB selection (issue 15), in headless Chromium with
 * the e2e build (`npm run build:e2e` first), on pages served from 127.0.0.1:
 * 400 KB of UTF-8 in paragraphs of English, Hindi, numbers and code words
 * (`mixedParagraphs`, the words of the token view's e2e page), selected with
 * Ctrl+A, counted from the badge (over AUTO_COUNT_MAX_CHARS: a click on its
 * count), then opened with the badge's "Token view" button, as a user does.
 *
 * Figures, from the view's own performance marks (entrypoints/tokens/main.tsx,
 * components/token-view/TokenViewApp.tsx), in ms since the view tab's
 * navigation start: its script running (`token-view-boot`), the text in
 * (`token-view-text`), the split in (`token-view-split`) and the first tokens
 * rendered (`token-view-ready`, the headline). Beside them, labelled, the time
 * from the click on "Token view" (the event's time in the page) to that mark:
 * it adds sending 400 KB to the background and opening the tab.
 *
 * - Cold, the first open in a fresh browser (new profile): the count the
 *   button needs has loaded the ranks, so the service worker is then stopped
 *   as Chromium does after 30 s idle (CDP `ServiceWorker.stopAllWorkers`); the
 *   click wakes a new worker, which loads the ranks again to split. A mark
 *   left in the old worker's global scope is gone afterwards (checked).
 * - Warm: two more opens in the same browser, each of a new 400 KB text in a
 *   new tab (worker, ranks and the view's files loaded).
 * ROUNDS fresh browsers.
 *
 * Then, in every opened view, the long tasks (Long Tasks API: main-thread
 * tasks over 50 ms) while it is scrolled quickly, as the e2e test does it: 60
 * mouse-wheel notches of 120 px 20 ms apart, then (after a 100 ms pause, so
 * that each long task falls in its phase) a jump to the end and, 200 ms later,
 * one to the middle (as a scrollbar drag makes them); the table shows the
 * wheel's and the jumps' separately. The shown count is checked against
 * `countTokens` under Node (the only assertions, with the worker restart).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countTokens } from '@/utils/tokens';
import {
  PageServer,
  launchBrowser,
  load1,
  longTasks,
  mixedParagraphs,
  openPage,
  paragraphsPage,
  stopWorker,
  summary,
  waitForNewPage,
  watchLongTasks,
  workerRestarted,
  worst,
  type ChromiumSession,
  type Page,
} from './extension-session';

const ROUNDS = 5;
const WARM_OPENS = 2;
const MARKS = ['token-view-boot', 'token-view-text', 'token-view-split', 'token-view-ready'] as const;
type Open = 'cold' | 'warm';

interface Sample {
  marks: number[];
  fromClick: number;
  /** Long tasks during the wheel scrolling, and during the jumps (from the first jump on). */
  longTasks: { wheel: number[]; jumps: number[] };
}

/** Selects the whole page, has the badge count it, and opens the token view; resolves to the view and the selection. */
async function openView(session: ChromiumSession, page: Page, cold: boolean): Promise<{ view: Page; text: string; fromClick: number }> {
  const badge = page.locator('[data-testid="token-badge"]');
  await page.locator('#first').click();
  await page.keyboard.press('Control+A');
  await expect.poll(() => badge.getAttribute('data-status'), { timeout: 30_000 }).toBe('confirm');
  await page.locator('[data-testid="token-count"]').click();
  await expect.poll(() => badge.getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
  await page.locator('[data-testid="token-count"]').click();
  const button = page.locator('[data-testid="token-view-open"]');
  await button.waitFor({ state: 'visible' });
  const text = await page.evaluate(() => getSelection()!.toString());
  // The click's time, on the clock all pages share (timeOrigin + the event's time).
  await page.evaluate(() =>
    addEventListener('click', (e) => e.isTrusted && ((window as unknown as { __clicked: number }).__clicked = performance.timeOrigin + e.timeStamp), true),
  );
  if (cold) await stopWorker(session);
  const view = await waitForNewPage(session, () => button.click());
  await expect
    .poll(
      async () => {
        const failed = await view.locator('.status--error').count();
        if (failed) throw new Error(`The token view failed: ${await view.locator('.status--error').textContent()}`);
        return view.evaluate(() => performance.getEntriesByName('token-view-ready').length);
      },
      { timeout: 60_000, interval: 100 },
    )
    .toBe(1);
  const clicked = await page.evaluate(() => (window as unknown as { __clicked: number }).__clicked);
  const readyAt = await view.evaluate(() => performance.timeOrigin + performance.getEntriesByName('token-view-ready')[0]!.startTime);
  return { view, text, fromClick: readyAt - clicked };
}

/** Scrolls the view quickly (as the e2e test does) and returns the long tasks seen meanwhile, by phase. */
async function scrollQuickly(view: Page): Promise<{ wheel: number[]; jumps: number[] }> {
  await watchLongTasks(view);
  const scroller = view.locator('[data-testid="token-view"]');
  const box = (await scroller.boundingBox())!;
  await view.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 60; i++) {
    await view.mouse.wheel(0, 120);
    await view.waitForTimeout(20);
  }
  await view.waitForTimeout(100);
  const jumpedAt = await scroller.evaluate((el: HTMLElement) => ((el.scrollTop = el.scrollHeight), performance.now()));
  await view.waitForTimeout(200);
  await scroller.evaluate((el: HTMLElement) => (el.scrollTop = el.scrollHeight / 2));
  await view.waitForTimeout(300);
  // It did scroll: past the wheel's 7,200 px.
  expect(await scroller.evaluate((el: HTMLElement) => el.scrollTop)).toBeGreaterThan(7000);
  const tasks = await longTasks(view);
  return {
    wheel: tasks.filter((t) => t.start < jumpedAt).map((t) => t.duration),
    jumps: tasks.filter((t) => t.start >= jumpedAt).map((t) => t.duration),
  };
}

describe('token view of a 400 KB selection: time to ready, long tasks while scrolling', () => {
  let server: PageServer;
  const samples: Record<Open, Sample[]> = { cold: [], warm: [] };
  const sizes: { chars: number; bytes: number; tokens: number }[] = [];

  beforeAll(async () => {
    server = await new PageServer().start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function measure(session: ChromiumSession, seed: number, open: Open): Promise<void> {
    const url = server.addPage(`/view-${seed}.html`, paragraphsPage('A long read', mixedParagraphs(400 * 1024, seed)));
    const page = await openPage(session, url);
    const { view, text, fromClick } = await openView(session, page, open === 'cold');
    if (open === 'cold') expect(await workerRestarted(session)).toBe(true);
    const marks = await view.evaluate((names) => names.map((name) => performance.getEntriesByName(name)[0]!.startTime), [...MARKS]);
    // The work was done: the view shows this selection's tokens, as many as the counter finds.
    const tokens = await countTokens(text, 'o200k_base');
    expect(Number(await view.locator('[data-testid="token-view-count"]').getAttribute('data-count'))).toBe(tokens);
    expect(Buffer.byteLength(text)).toBeGreaterThan(400 * 1024);
    sizes.push({ chars: text.length, bytes: Buffer.byteLength(text), tokens });
    const stalls = await scrollQuickly(view);
    samples[open].push({ marks, fromClick, longTasks: stalls });
    await view.close();
    await page.close();
  }

  test(`${ROUNDS} fresh browsers: the first open cold, then ${WARM_OPENS} warm`, async () => {
    const loadBefore = load1();
    const started = new Date();
    let seed = 1;
    for (let round = 0; round < ROUNDS; round++) {
      const session = await launchBrowser();
      try {
        // The browser's own start-up settles first.
        await new Promise((r) => setTimeout(r, 1000));
        await measure(session, seed++, 'cold');
        for (let i = 0; i < WARM_OPENS; i++) await measure(session, seed++, 'warm');
      } finally {
        await session.close();
      }
    }
    const label: Record<Open, string> = {
      cold: 'cold: first open in a fresh browser, worker stopped after the count',
      warm: `warm: opens 2–${WARM_OPENS + 1} in the same browser`,
    };
    const lines = [
      '| open | opens | script running | text in | split in | **ready** (median, best–worst) | worst | from the click to ready (wall) | long tasks: wheel | long tasks: jumps |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
      ...(['cold', 'warm'] as Open[]).map((open) => {
        const s = samples[open];
        const mark = (i: number) => s.map((x) => x.marks[i]!);
        const stalls = (phase: 'wheel' | 'jumps') => {
          const all = s.flatMap((x) => x.longTasks[phase]);
          const views = s.filter((x) => x.longTasks[phase].length).length;
          return all.length ? `${all.length} in ${views} of ${s.length} views (${all.map(Math.round).join(', ')} ms)` : 'none';
        };
        return (
          `| ${label[open]} | ${s.length} | ${summary(mark(0))} | ${summary(mark(1))} | ${summary(mark(2))} | **${summary(mark(3))}** | ${Math.round(worst(mark(3)))} | ` +
          `${summary(s.map((x) => x.fromClick))} | ${stalls('wheel')} | ${stalls('jumps')} |`
        );
      }),
    ];
    const size = sizes[0]!;
    console.log(
      `\nToken view of a 400 KB selection (${size.bytes.toLocaleString('en')} bytes, ${size.chars.toLocaleString('en')} characters, ${size.tokens.toLocaleString('en')} o200k_base tokens in the first; ` +
        `headless Chromium, e2e build, ${ROUNDS} fresh browsers; ms since the view's navigation start; ` +
        `${started.toISOString().slice(11, 16)}–${new Date().toISOString().slice(11, 16)} UTC, load average ${loadBefore} → ${load1()})\n${lines.join('\n')}\n`,
    );
  }, 900_000);
});
