/**
 * The live count under prompt boxes, in Chromium and in Firefox with the
 * built extension, on a chat-like page served on 127.0.0.1 (tests/fixtures/pages/prompt.html):
 * - off a live-count site (127.0.0.1 is not one by default) nothing is shown
 *   and no box is read: the live count's chunk never even loads;
 * - 127.0.0.1 is added on the settings page, by keyboard, as a user would;
 * - typing into a textarea shows countTokens(box.value) (computed here under
 *   Node with utils/tokens) in the default encoding and the badge's other
 *   encoding, with the context bar; pasting 100 KB and typing more keeps it
 *   exact, sends only the characters typed, and its own work (timed where it
 *   runs) makes no long task; the page-wide long tasks are reported;
 * - a text input and a ProseMirror-like contenteditable editor (paragraphs
 *   joined by line breaks) are counted the same way;
 * - password, one-time-code, PIN (autocomplete off) and masked fields are
 *   never followed or read;
 * - the count sits outside the composer, follows it when it resizes or the
 *   page scrolls, never takes the focus, follows the site clearing the box,
 *   and goes away when the box loses the focus or is removed.
 * Screenshots (light and dark) go to docs/screenshots only with UPDATE_SCREENSHOTS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countTokens } from '@/utils/tokens';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { contentScript, type ExtensionSession, type UiPage } from './harness/extension';
import type { PageServer } from './harness/page-server';
import { startSuite, stopSuite } from './harness/page-helpers';
import { axeViolations } from './harness/axe';
import { screenshotPath } from './harness/screenshots';

let ext: ExtensionSession;
let pages: PageServer;

beforeAll(async () => {
  ({ ext, pages } = await startSuite());
});
afterAll(() => stopSuite({ ext, pages }));

const counter = (page: UiPage) => page.locator('[data-testid="live-count"]');
/** The count shown (its data-count), or null while there is none. */
async function shownCount(page: UiPage): Promise<string | null> {
  const value = page.locator('[data-testid="live-count-value"]');
  return (await value.count()) > 0 ? value.first().getAttribute('data-count') : null;
}
const stats = (page: UiPage) => contentScript(page, 'liveStats');

async function openPrompt(): Promise<UiPage> {
  const page = await ext.newPage();
  await page.goto(pages.url('/prompt.html'));
  // The content script is up once its test hooks answer.
  await contentScript(page, 'ready');
  return page;
}

async function setSettings(values: Record<string, unknown>): Promise<void> {
  await ext.background.evaluate(async (v) => {
    await chrome.storage.sync.set(Object.fromEntries(Object.entries(v).map(([k, item]) => [`settings.${k}`, item])));
  }, values);
}

/**
 * Starts noting the page's long tasks (> 50 ms): the Long Tasks API where the browser has it (Chromium); elsewhere
 * (Firefox has none) the gaps in a chain of zero-delay timers, which a task of the page's thread holds up (its length
 * less the timer's own clamp).
 */
async function watchLongTasks(page: UiPage): Promise<void> {
  await page.evaluate(() => {
    const scope = window as unknown as { longTasks: number[]; longTaskProbe: string };
    scope.longTasks = [];
    if (PerformanceObserver.supportedEntryTypes.includes('longtask')) {
      scope.longTaskProbe = 'Long Tasks API';
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) scope.longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
      return;
    }
    scope.longTaskProbe = 'timer gaps';
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      if (now - last > 50 + 4) scope.longTasks.push(now - last - 4);
      last = now;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
  });
}

const longTasks = (page: UiPage) =>
  page.evaluate(() => {
    const scope = window as unknown as { longTasks: number[]; longTaskProbe: string };
    return { probe: scope.longTaskProbe, durations: scope.longTasks.map((ms) => Math.round(ms)) };
  });

/** Waits until the count shown is the exact count of `selector`'s text, as `text()` reads it in the page. */
async function expectExact(page: UiPage, text: () => Promise<string>): Promise<string> {
  const value = await text();
  const expected = String(await countTokens(value, 'o200k_base'));
  await expect.poll(() => shownCount(page), { timeout: 15_000 }).toBe(expected);
  return value;
}

describe('live count', () => {
  it('off a live-count site shows nothing and reads no box: its chunk never loads', async () => {
    expect(DEFAULT_SETTINGS.liveCountSites).not.toContain('127.0.0.1');
    const page = await openPrompt();
    await page.locator('#prompt').click();
    await page.keyboard.type('Nothing here is read by the live count.');
    await page.locator('#editor').click();
    await page.keyboard.type('Nor here.');
    await page.waitForTimeout(800);
    expect(await counter(page).count()).toBe(0);
    expect(await contentScript(page, 'liveLoaded')).toBe(false);
    expect(await stats(page)).toBeNull();
    await page.close();
  });

  it('is turned on for 127.0.0.1 on the settings page, by keyboard', async () => {
    const options = await ext.openExtensionPage('options.html');
    const sites = options.getByTestId('live-count-sites');
    await sites.waitFor({ state: 'visible' });
    expect(await options.getByTestId('live-count-enabled').isChecked()).toBe(true);
    expect((await sites.inputValue()).split('\n')).toEqual(DEFAULT_SETTINGS.liveCountSites);
    await sites.focus();
    await options.keyboard.press('Control+End');
    await options.keyboard.type('\nhttp://127.0.0.1:8080/chat');
    await options.keyboard.press('Tab');
    await expect
      .poll(() => options.evaluate(() => chrome.storage.sync.get('settings.liveCountSites')))
      .toEqual({ 'settings.liveCountSites': [...DEFAULT_SETTINGS.liveCountSites, '127.0.0.1'] });
    expect((await sites.inputValue()).split('\n').at(-1)).toBe('127.0.0.1');
    await options.setViewportSize({ width: 900, height: 1000 });
    const section = options.getByTestId('live-count-settings');
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(options)).toEqual([]);
      await section.evaluate((el: HTMLElement) => el.scrollIntoView({ block: 'center' }));
      const area = (await section.boundingBox())!;
      // A little around the fieldset, its legend included.
      const clip = { x: area.x - 8, y: area.y - 12, width: area.width + 16, height: area.height + 20 };
      await options.screenshot({ path: screenshotPath(`options-live-count${scheme === 'dark' ? '-dark' : ''}.png`), clip });
    }
    await options.close();
  });

  it('counts a textarea exactly as it is typed in, in both badge encodings, with the context bar', async () => {
    const page = await openPrompt();
    const box = page.locator('#prompt');
    await box.click();
    await page.keyboard.type('Summarise this article in three bullet points, please. ');
    await page.keyboard.insertText('हिंदी में भी: नमस्ते दुनिया 👨‍👩‍👧 ');
    await page.keyboard.type("It's 2025 — don't forget the emoji!");
    const value = await expectExact(page, () => box.inputValue());
    const other = page.locator('[data-testid="live-count"] [data-encoding="cl100k_base"]');
    expect(await other.getAttribute('data-count')).toBe(String(await countTokens(value, 'cl100k_base')));
    const bar = page.getByTestId('live-count-window');
    expect(await bar.getAttribute('data-level')).toBe('ok');
    expect(await bar.textContent()).toContain('GPT-5');
    // Shown within a frame or two of the last keystroke (an animation frame, then one message to the background and back).
    const s = (await stats(page))!;
    expect(s.lastLatencyMs).not.toBeNull();
    console.log(`live count (${ext.browserName}): last keystroke to its count shown: ${s.lastLatencyMs!.toFixed(1)} ms`);
    expect(s.lastLatencyMs!).toBeLessThan(250);
    // The box kept the focus all along.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('prompt');
    await page.close();
  });

  it('stays exact after pasting 100 KB and typing more, sends only what was typed, and its own work makes no long task', async () => {
    const page = await openPrompt();
    const box = page.locator('#prompt');
    await box.click();
    const paragraph = 'Large language models read text as tokens. हिंदी वाक्य भी। Code: const x = f(42); 👍\n';
    const paste = paragraph.repeat(Math.ceil(100_000 / paragraph.length)).slice(0, 100_000);
    await page.keyboard.insertText(paste);
    const pasted = await expectExact(page, () => box.inputValue());
    console.log(`live count (${ext.browserName}): after pasting ${pasted.length} characters: ${await shownCount(page)} shown, countTokens ${await countTokens(pasted, 'o200k_base')}`);
    const before = (await stats(page))!;
    await watchLongTasks(page);
    // The probe sees a long task: one of 120 ms the page makes on purpose (a timer's task, as a page's own work runs).
    await page.evaluate(() => {
      setTimeout(() => {
        const end = performance.now() + 120;
        while (performance.now() < end);
      }, 50);
    });
    await expect.poll(async () => (await longTasks(page)).durations.some((ms) => ms >= 100)).toBe(true);
    await page.evaluate(() => void ((window as unknown as { longTasks: number[] }).longTasks = []));
    expect(await contentScript(page, 'liveResetLongestWork')).toBe(true);
    // While typing, the text is known here: the box is not read through the driver (100 KB each time, a task of the
    // page's own) until the long tasks are in.
    const typed = ' And one more sentence, typed at the end.';
    await page.keyboard.type(typed);
    let expected = pasted + typed;
    const expectShown = async (text: string) =>
      expect.poll(() => shownCount(page), { timeout: 15_000 }).toBe(String(await countTokens(text, 'o200k_base')));
    // Counted before the caret moves (a user's click takes longer than a frame; changes at two places read in one
    // frame would make one edit spanning both, exact but long).
    await expectShown(expected);
    // In the middle too: the caret moved into the third line.
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(200, 200));
    await page.keyboard.type('inserted ');
    await page.keyboard.press('Backspace');
    expected = expected.slice(0, 200) + 'inserted' + expected.slice(200);
    await expectShown(expected);
    const after = (await stats(page))!;
    // Incremental: the messages after the paste carried the typed characters, not the text again.
    expect(after.sentChars - before.sentChars).toBeLessThanOrEqual(typed.length + 'inserted '.length);
    expect(after.sessions).toBe(before.sessions);
    // The live count's own work while typing (reading the box and sending the edit, rendering, placing) never held the
    // page's thread for 50 ms at once.
    console.log(`live count (${ext.browserName}): its longest work on the page's thread while typing: ${after.longestWorkMs.toFixed(1)} ms`);
    expect(after.longestWorkMs).toBeLessThan(50);
    const seen = await longTasks(page);
    console.log(`live count (${ext.browserName}): long tasks while typing into 100 KB (${seen.probe}): ${JSON.stringify(seen.durations)}`);
    // The page-wide probe is reported, not asserted: neither the Long Tasks API nor Firefox's timer gaps can tell the
    // live count's work from the page's own (the driver moving the caret in 100 KB, the textarea's relayout, garbage
    // collection, a loaded machine descheduling the renderer: a clean-clone CI run once saw one task of 61 ms there). The
    // live count's own work per task, timed where it runs, is what is asserted (above); the quiet figure is
    // `npm run bench` (bench/live-count.bench.ts).
    // The box holds what was typed, and its count is the one shown.
    const value = await expectExact(page, () => box.inputValue());
    expect(value).toBe(expected);
    console.log(`live count (${ext.browserName}): after typing ${typed.length + 'inserted '.length} keys more (${value.length} characters): ${await shownCount(page)} shown, countTokens ${await countTokens(value, 'o200k_base')}`);
    await page.close();
  });

  it('counts a text input and a rich editor (its paragraphs joined by line breaks)', async () => {
    const page = await openPrompt();
    await page.locator('#title').click();
    await page.keyboard.type('Token counts for a single-line title');
    await expectExact(page, () => page.locator('#title').inputValue());

    await page.locator('#editor').click();
    await page.keyboard.type('First paragraph of the prompt.');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Third line, after an empty one: नमस्ते 👋');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- a list item');
    const editorText = () =>
      page.locator('#editor').evaluate((el) => [...el.querySelectorAll('p, div')].map((p) => p.textContent).join('\n'));
    const text = await expectExact(page, editorText);
    expect(text.split('\n')).toEqual(['First paragraph of the prompt.', '', 'Third line, after an empty one: नमस्ते 👋', '- a list item']);
    await page.close();
  });

  it('never follows or reads a password, one-time-code, PIN or masked field', async () => {
    const page = await openPrompt();
    await page.locator('#prompt').click();
    await page.keyboard.type('shown');
    await expectExact(page, () => page.locator('#prompt').inputValue());
    const start = (await stats(page))!;
    for (const id of ['password', 'otp', 'pin', 'masked']) {
      await page.locator(`#${id}`).click();
      await page.keyboard.type('s3cret-1234');
      await page.waitForTimeout(300);
      expect(await counter(page).count(), id).toBe(0);
    }
    const end = (await stats(page))!;
    expect(end.sessions).toBe(start.sessions);
    expect(end.reads).toBe(start.reads);
    expect(end.following).toBe(false);
    await page.close();
  });

  it('sits outside the composer, follows it, follows the site clearing the box, and goes away with the focus or the box', async () => {
    const page = await openPrompt();
    const box = page.locator('#prompt');
    await box.click();
    await page.keyboard.type('Where does the count go?');
    await expectExact(page, () => box.inputValue());
    const place = async () => {
      const composer = (await page.locator('#composer').boundingBox())!;
      const count = (await counter(page).boundingBox())!;
      return { composer, count };
    };
    let { composer, count } = await place();
    // Below the whole composer (its buttons included), right-aligned with it: it covers none of it.
    expect(count.y).toBeGreaterThanOrEqual(composer.y + composer.height);
    expect(Math.abs(count.x + count.width - (composer.x + composer.width))).toBeLessThan(2);
    await box.evaluate((el: HTMLTextAreaElement) => (el.style.height = '220px'));
    await expect.poll(async () => (await place()).count.y).toBeGreaterThanOrEqual(composer.y + composer.height + 120);
    await page.mouse.wheel(0, 150);
    await expect.poll(async () => {
      ({ composer, count } = await place());
      return Math.round(count.y - (composer.y + composer.height));
    }).toBe(4);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('prompt');

    // The site clears the box itself (no input event): the count follows.
    await page.evaluate(() => (document.getElementById('prompt') as HTMLTextAreaElement).value = '');
    await expect.poll(() => shownCount(page)).toBe('0');

    await page.locator('#elsewhere').click();
    await expect.poll(() => counter(page).count()).toBe(0);
    await box.click();
    await page.keyboard.type('back again');
    await expectExact(page, () => box.inputValue());
    await page.evaluate(() => document.getElementById('composer')!.remove());
    await expect.poll(() => counter(page).count()).toBe(0);
    expect((await stats(page))!.following).toBe(false);
    await page.close();
  });

  it('goes away everywhere when switched off', async () => {
    const page = await openPrompt();
    await page.locator('#prompt').click();
    await page.keyboard.type('on');
    await expectExact(page, () => page.locator('#prompt').inputValue());
    await setSettings({ liveCountEnabled: false });
    await expect.poll(() => counter(page).count()).toBe(0);
    await page.keyboard.type(' and off');
    await page.waitForTimeout(400);
    expect(await counter(page).count()).toBe(0);
    await setSettings({ liveCountEnabled: true });
    await page.close();
  });

  it('warns in words near the chosen model’s limit; looks right on light and dark pages (screenshots)', async () => {
    // Light: a prompt with the default model (GPT-5). Dark: Llama 3 (8,192 tokens) chosen, a prompt near its limit.
    const prompt =
      'Summarise the attached report in five bullet points for a busy reader. Keep the numbers exact, quote the key sentence of each section, and end with one question the report leaves open.\n\nहिंदी में भी एक छोटा सारांश लिखें।';
    const paragraph = 'Quarterly results: revenue rose 12% to $4.2 billion while costs fell; the board expects growth to continue.\n';
    let long = '';
    while ((await countTokens(long, 'llama3')) < 0.86 * 8192) long += paragraph;
    for (const scheme of ['light', 'dark'] as const) {
      if (scheme === 'dark') await setSettings({ liveCountModel: 'llama-3' });
      const page = await openPrompt();
      if (scheme === 'dark') await page.evaluate(() => document.body.classList.add('dark'));
      await page.locator('#prompt').click();
      await page.keyboard.insertText(scheme === 'dark' ? long + prompt : prompt);
      const value = await expectExact(page, () => page.locator('#prompt').inputValue());
      expect(await counter(page).getAttribute('data-theme')).toBe(scheme);
      // Contrast and labels of the counter itself (the near-limit warning included).
      expect(await axeViolations(page, 'token-insight-live')).toEqual([]);
      const bar = page.getByTestId('live-count-window');
      if (scheme === 'dark') {
        const llama = await countTokens(value, 'llama3');
        expect(llama / 8192).toBeGreaterThanOrEqual(0.8);
        expect(await page.locator('[data-testid="live-count"] [data-encoding="llama3"]').getAttribute('data-count')).toBe(String(llama));
        expect(await bar.getAttribute('data-level')).toBe('near');
        expect(await bar.textContent()).toContain('Near the limit');
        expect(await bar.textContent()).toContain('Llama 3');
      } else {
        expect(await bar.getAttribute('data-level')).toBe('ok');
      }
      const composer = (await page.locator('#composer').boundingBox())!;
      const count = (await counter(page).boundingBox())!;
      const top = Math.min(composer.y, count.y) - 12;
      await page.screenshot({
        path: screenshotPath(`live-count${scheme === 'dark' ? '-dark' : ''}.png`),
        clip: { x: composer.x - 12, y: top, width: composer.width + 24, height: Math.max(composer.y + composer.height, count.y + count.height) + 12 - top },
      });
      await page.close();
    }
    await ext.background.evaluate(() => chrome.storage.sync.remove('settings.liveCountModel'));
  });
});
