/**
 * What the browser benchmarks of the selection badge and the token view
 * share: Chromium with the e2e build (launched by the e2e harness's
 * `launchChromium`, the one launcher; `npm run build:e2e` first), the pages
 * they select in (served on 127.0.0.1 by the harness's PageServer), the probe
 * that times a selection until its count is shown, the Long Tasks API
 * watcher, stopping the extension's service worker and the figures' summary.
 *
 * The e2e build is the production build plus the content script's test hooks
 * and open shadow roots (the page's main world can read the badge's state:
 * entrypoints/content/overlay/overlay-host.ts); nothing the bench measures
 * runs any test hook.
 */
import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { launchChromium, playwrightPage, type ChromiumSession } from '../tests/e2e/harness/chromium';
import type { UiPage } from '../tests/e2e/harness/driver';
import { contentScript } from '../tests/e2e/harness/content-bridge';
import { random } from '../tests/unit/fixtures/random';
import { BADGE_HOST_NAME } from '@/entrypoints/content/selection-badge/badge-host';

export { PageServer } from '../tests/e2e/harness/page-server';
export type { ChromiumSession, Page };

/** A fresh headless Chromium with a new profile and the e2e build, its service worker running. */
export const launchBrowser = (): Promise<ChromiumSession> => launchChromium();

/**
 * Mixed text in paragraphs, as the token view's e2e test builds its 400 KB page: words of English
 * (13 in 20), Hindi (3 in 20), numbers (2 in 20) and code (`fn_123();`, 2 in 20), 80 a paragraph,
 * deterministic for a seed (another seed, another text: a warm round never counts a text counted
 * before). The same words and shares, drawn with the tests' mulberry32 (`random`): the e2e's
 * `seed % n` of a power-of-two LCG repeats its low bits, so its 400 KB page is in fact English and
 * numbers: 58 Hindi words of 57,440 (0.06 % of the characters) and no code.
 */
export function mixedParagraphs(bytes: number, seed: number): string[] {
  const en = 'model token price window context selection budget prompt reader paragraph network'.split(' ');
  const hi = 'भारत टोकन मॉडल शब्द कीमत पाठक अनुच्छेद नेटवर्क'.split(' ');
  const next = random(seed);
  const rnd = (n: number) => Math.floor(next() * n);
  const paragraphs: string[] = [];
  let size = 0;
  while (size < bytes) {
    const words: string[] = [];
    for (let w = 0; w < 80; w++) {
      const k = rnd(20);
      words.push(k < 13 ? en[rnd(en.length)]! : k < 16 ? hi[rnd(hi.length)]! : k < 18 ? String(rnd(100000)) : `fn_${rnd(999)}();`);
    }
    const p = `${words.join(' ')}.`;
    paragraphs.push(p);
    size += Buffer.byteLength(p);
  }
  return paragraphs;
}

/** A page of `<p>` elements (the first has id "first"); the texts are plain words, no markup. */
export function paragraphsPage(title: string, paragraphs: string[]): string {
  const body = paragraphs.map((p, i) => `<p${i === 0 ? ' id="first"' : ''}>${p}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

/** Opens `url` in a new tab and waits until the content script runs (its test hook answers). */
export async function openPage(session: ChromiumSession, url: string): Promise<Page> {
  const page = playwrightPage(await session.newPage());
  await page.goto(url);
  await contentScript(page as unknown as UiPage, 'ready');
  return page;
}

/** The extension page the next action opens (the token view's tab), once its DOM is loaded. */
export async function waitForNewPage(session: ChromiumSession, action: () => Promise<unknown>, timeout = 30_000): Promise<Page> {
  return playwrightPage(await session.waitForNewPage(action, timeout));
}

/**
 * Puts a probe in the page's main world: it notes the time of the trusted input that ends a
 * selection gesture (the third mouseup of a triple click, the keyup of Ctrl+A's A), then checks on every animation
 * frame whether the badge (its open shadow root) shows a count, and notes the first frame that does.
 */
export async function installCountProbe(page: Page): Promise<void> {
  await page.evaluate((host) => {
    const probe = { start: null as number | null, confirmAt: null as number | null, shownAt: null as number | null };
    (window as unknown as { __countProbe: typeof probe }).__countProbe = probe;
    addEventListener('mouseup', (e) => e.isTrusted && e.detail === 3 && (probe.start = e.timeStamp), true);
    addEventListener('keyup', (e) => e.isTrusted && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a' && (probe.start = e.timeStamp), true);
    const frame = () => {
      const badge = document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="token-badge"]');
      const status = badge?.getAttribute('data-status');
      if (probe.start !== null && status === 'confirm' && probe.confirmAt === null) probe.confirmAt = performance.now();
      const label = badge?.querySelector('[data-testid="token-count"]')?.textContent ?? '';
      if (probe.start !== null && status === 'done' && /\d/.test(label)) probe.shownAt = performance.now();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }, BADGE_HOST_NAME);
}

export interface CountProbe {
  start: number | null;
  /** When the badge first offered the count (a selection over AUTO_COUNT_MAX_CHARS). */
  confirmAt: number | null;
  shownAt: number | null;
}

export const readCountProbe = (page: Page) => page.evaluate(() => (window as unknown as { __countProbe: CountProbe }).__countProbe);

/** Waits until the probe saw the count shown (or the badge asks for the click). */
export async function countShown(page: Page, timeout = 60_000): Promise<CountProbe> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const probe = await readCountProbe(page);
    if (probe.shownAt !== null) return probe;
    if (Date.now() > deadline) {
      const badge = await page.evaluate(
        (host) => document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="token-badge"]')?.outerHTML.slice(0, 300) ?? 'no badge',
        BADGE_HOST_NAME,
      );
      throw new Error(`No count shown in ${timeout} ms: probe ${JSON.stringify(probe)}, badge ${badge}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Starts recording the page's long tasks (Chromium's Long Tasks API: main-thread tasks over 50 ms). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: LongTask[] };
    w.__long = [];
    new PerformanceObserver((list) => w.__long.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration })))).observe({
      type: 'longtask',
    });
  });
}

/** A long task: when it started (ms since the page's navigation start) and how long it took. */
export interface LongTask {
  start: number;
  duration: number;
}

export const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: LongTask[] }).__long);

/**
 * Stops the extension's service worker as Chromium does when it idles (CDP `ServiceWorker.stopAllWorkers`,
 * the harness's `background.stop()`), after leaving a mark in its global scope: `workerRestarted`
 * later tells whether the worker that answered since is a new one (the mark is gone).
 */
export async function stopWorker(session: ChromiumSession): Promise<void> {
  await session.background.evaluateInScope((scope: { __benchMark?: boolean }) => void (scope.__benchMark = true));
  await session.background.stop();
}

export async function workerRestarted(session: ChromiumSession): Promise<boolean> {
  return (await session.background.evaluateInScope((scope: { __benchMark?: boolean }) => scope.__benchMark ?? null)) === null;
}

/** Sorted copy. */
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
export const median = (values: number[]) => (values.length ? sorted(values)[Math.floor((values.length - 1) / 2)]! : NaN);
export const worst = (values: number[]) => (values.length ? Math.max(...values) : NaN);
/** "median (best–worst)" in whole ms, or "–" without samples. */
export const summary = (values: number[]) =>
  values.length ? `${Math.round(median(values))} (${Math.round(Math.min(...values))}–${Math.round(worst(values))})` : '–';

/** The 1-minute load average, as `uptime` prints it. */
export const load1 = () => loadavg()[0]!.toFixed(2);
