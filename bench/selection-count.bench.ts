/**
 * From a selection to its count in the badge (issue 18, part 3), in headless
 * Chromium with the e2e build (`npm run build:e2e` first), on pages served from
 * 127.0.0.1: a 3,000-character paragraph selected with a triple click, and a
 * 100 KB page selected with Ctrl+A: text of English, Hindi, numbers and code
 * words (`mixedParagraphs`, the words of the token view's e2e page), about
 * 85,000 characters in 100 KB of UTF-8, under AUTO_COUNT_MAX_CHARS (200,000),
 * so the badge counts it without a click, as it does any selection of 100 KB.
 *
 * Each button or key is held 80 ms, as a hand does. The time runs from the
 * trusted input that ends the gesture (the third mouseup of the triple click,
 * the keyup of Ctrl+A's A: its `timeStamp`) to the
 * first animation frame at which the badge shows a count (status "done" and a
 * number), noted by a probe in the page's main world that reads the badge's
 * shadow root (open in the e2e build) on every frame. Everything in between is
 * what the user waits for: the selection watcher, loading the badge's chunk in
 * a page that has not selected anything yet, reading the selection, the
 * message to the background, the count, the answer and the render.
 *
 * A third case is the same paragraph selected by a triple tap: each press and
 * release sent at once, as a touchpad's tap-to-click does (and as Playwright's
 * plain click does). The `selectionchange` of the third press then comes
 * after its release, and the selection watcher, which takes a
 * `selectionchange` without a button held for a selection still changing,
 * waits its SETTLE_MS (350 ms) before reading it: the difference between the
 * two paragraph cases is about that.
 *
 * Every selection is in a new tab with a text never counted before in that
 * browser (a new seed), so no cache of the page or of the counter holds it.
 * Three service-worker states, in each of ROUNDS fresh browsers per case:
 * - cold, fresh browser: the first selection after launch (the worker runs,
 *   as Chromium starts it with the extension, but has loaded no ranks);
 * - warm: two more selections in the same browser (worker and ranks loaded);
 * - cold, worker stopped: the page is opened, then the worker is stopped as
 *   Chromium does after 30 s idle (CDP `ServiceWorker.stopAllWorkers`, the
 *   e2e harness's `background.stop()`), then the selection wakes a new one. A
 *   mark left in the old worker's global scope and gone afterwards shows that
 *   a new worker answered (checked after every such selection: this CDP call
 *   stopped the worker every time in our runs; chrome://serviceworker-internals
 *   would need a page of its own and a click on its Stop button).
 * The shown count is checked against `countTokens` under Node (the only
 * assertions, with the worker restart and the selection's size).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { countTokens } from '@/utils/tokens';
import { AUTO_COUNT_MAX_CHARS } from '@/utils/model/limits';
import {
  PageServer,
  countShown,
  installCountProbe,
  launchBrowser,
  load1,
  median,
  mixedParagraphs,
  openPage,
  paragraphsPage,
  stopWorker,
  summary,
  workerRestarted,
  worst,
  type ChromiumSession,
  type Page,
} from './extension-session';

const ROUNDS = 5;
/** Idle time after a page's content script answers, before selecting (a user reads before selecting). */
const SETTLE_MS = 500;

/** How long a mouse button or a key is held down. */
const HOLD_MS = 80;

/** A 3,000-character paragraph (id "first") and three shorter ones after it. */
function paragraphPage(seed: number): string {
  const paragraphs = mixedParagraphs(12_000, seed);
  const long = paragraphs.join(' ').slice(0, 3000).trimEnd();
  return paragraphsPage('A paragraph', [long, ...paragraphs.slice(1, 4)]);
}

interface Case {
  name: string;
  /** The page for a seed. */
  page(seed: number): string;
  select(page: Page): Promise<void>;
}

const CASES: Case[] = [
  {
    name: '3,000-character paragraph (triple click)',
    page: (seed) => paragraphPage(seed),
    select: (page) => page.locator('#first').click({ clickCount: 3, delay: HOLD_MS }),
  },
  {
    name: '100 KB selection (Ctrl+A)',
    page: (seed) => paragraphsPage('A long read', mixedParagraphs(100 * 1024, seed)),
    select: async (page) => {
      await page.locator('#first').click({ delay: HOLD_MS });
      await page.keyboard.press('Control+A', { delay: HOLD_MS });
    },
  },
  {
    name: '3,000-character paragraph (triple tap, no hold)',
    page: (seed) => paragraphPage(seed),
    select: (page) => page.locator('#first').click({ clickCount: 3 }),
  },
];

type State = 'cold, fresh browser' | 'cold, worker stopped' | 'warm';
const STATES: State[] = ['cold, fresh browser', 'cold, worker stopped', 'warm'];

describe('selection to count shown in the badge, cold and warm service worker', () => {
  let server: PageServer;
  const samples = new Map<string, number[]>();
  const chars = new Map<string, number[]>();

  beforeAll(async () => {
    server = await new PageServer().start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function measure(session: ChromiumSession, c: Case, seed: number, state: State): Promise<void> {
    const url = server.addPage(`/count-${seed}.html`, c.page(seed));
    const page = await openPage(session, url);
    await page.waitForTimeout(SETTLE_MS);
    await installCountProbe(page);
    if (state === 'cold, worker stopped') await stopWorker(session);
    await c.select(page);
    const probe = await countShown(page);
    const text = await page.evaluate(() => getSelection()!.toString());
    // The work was done: the badge counted this selection, exactly, without asking for a click…
    expect(probe.confirmAt).toBeNull();
    expect(text.length).toBeLessThanOrEqual(AUTO_COUNT_MAX_CHARS);
    const label = await page.locator('[data-testid="token-count"]').textContent();
    expect(Number((label ?? '').replace(/[^\d]/g, ''))).toBe(await countTokens(text, 'o200k_base'));
    // …and, when the worker was stopped, a new worker counted it.
    if (state === 'cold, worker stopped') expect(await workerRestarted(session)).toBe(true);
    const key = `${c.name}|${state}`;
    samples.set(key, [...(samples.get(key) ?? []), probe.shownAt! - probe.start!]);
    chars.set(c.name, [...(chars.get(c.name) ?? []), text.length]);
    await page.close();
  }

  test(`${ROUNDS} fresh browsers per case`, async () => {
    const loadBefore = load1();
    const started = new Date();
    let seed = 1;
    for (let round = 0; round < ROUNDS; round++) {
      for (const c of CASES) {
        const session = await launchBrowser();
        try {
          // The browser's own start-up settles first.
          await new Promise((r) => setTimeout(r, 1000));
          await measure(session, c, seed++, 'cold, fresh browser');
          await measure(session, c, seed++, 'warm');
          await measure(session, c, seed++, 'warm');
          await measure(session, c, seed++, 'cold, worker stopped');
        } finally {
          await session.close();
        }
      }
    }
    const lines = [
      '| selection | characters | service worker | selections | selection → count shown, median ms (best–worst) | worst ms |',
      '| --- | ---: | --- | ---: | ---: | ---: |',
    ];
    for (const c of CASES) {
      for (const state of STATES) {
        const s = samples.get(`${c.name}|${state}`) ?? [];
        lines.push(`| ${c.name} | ${Math.round(median(chars.get(c.name) ?? []))} | ${state} | ${s.length} | ${summary(s)} | ${Math.round(worst(s))} |`);
      }
    }
    console.log(
      `\nSelection to count shown in the badge (headless Chromium, e2e build, ${ROUNDS} fresh browsers per case; ` +
        `${started.toISOString().slice(11, 16)}–${new Date().toISOString().slice(11, 16)} UTC, load average ${loadBefore} → ${load1()})\n${lines.join('\n')}\n`,
    );
  }, 900_000);
});
