/**
 * The selection badge in each browser with the built extension: the count
 * of a selected paragraph, a textarea, an input and a contenteditable is the
 * exact count computed under Node; the badge never covers the selection,
 * never takes the page's selection or focus, follows scroll, closes on
 * Escape and on a click elsewhere, can be reached by keyboard, opens from
 * the context menu / shortcut path, follows its settings, and writes the
 * history. Screenshots (light and dark) go to docs/screenshots only with
 * UPDATE_SCREENSHOTS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { countTokens } from '@/utils/tokens';
import { contentScript, launchExtension, selectElementText, selectInField, type ExtensionSession, type UiPage } from './harness/extension';
import { PageServer } from './harness/page-server';
import { axeViolations } from './harness/axe';
import { BROWSER, PAGES_DIR } from './harness/paths';
import { screenshotPath, storeScreenshot } from './harness/screenshots';

let ext: ExtensionSession;
let pages: PageServer;

beforeAll(async () => {
  pages = await new PageServer().start();
  // insecure.test is this machine under a name that is not a secure context (as any plain http:// site).
  ext = await launchExtension({ loopbackHosts: ['insecure.test'] });
});

afterAll(async () => {
  await ext?.close();
  await pages?.stop();
});

const badge = (page: UiPage) => page.locator('[data-testid="token-badge"]');
const countButton = (page: UiPage) => page.locator('[data-testid="token-count"]');

async function setSettings(values: Record<string, unknown>): Promise<void> {
  await ext.background.evaluate(async (v) => {
    await chrome.storage.sync.set(Object.fromEntries(Object.entries(v).map(([k, item]) => [`settings.${k}`, item])));
  }, values);
}

async function resetSettings(): Promise<void> {
  // storage.sync holds only settings (one item each): clearing it is back to the defaults.
  await ext.background.evaluate(() => chrome.storage.sync.clear());
}

/** Waits until the page's content script has heard a settings change. */
async function settingsArrived(page: UiPage, values: Record<string, unknown>): Promise<void> {
  await expect.poll(() => contentScript(page, 'badgeSettings')).toMatchObject(values);
}

async function openPage(): Promise<UiPage> {
  const page = await ext.newPage();
  await page.goto(pages.url('/selection.html'));
  // The content script is up once its test hooks answer.
  await contentScript(page, 'ready');
  return page;
}

/** Digits of the badge's count text ("1,234 tokens" → 1234), or null while counting. */
async function shownCount(page: UiPage): Promise<number | null> {
  if ((await badge(page).count()) === 0) return null;
  if ((await badge(page).getAttribute('data-status')) !== 'done') return null;
  const text = (await countButton(page).textContent()) ?? '';
  const digits = text.replace(/[^\d]/g, '');
  return digits ? Number(digits) : null;
}

async function expectCount(page: UiPage, expected: number): Promise<void> {
  await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(expected);
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The badge's box and the selection's boxes, in viewport coordinates. */
async function geometry(page: UiPage): Promise<{ badge: Box; selection: Box[] }> {
  const b = await badge(page).boundingBox();
  if (!b) throw new Error('no badge');
  const selection = await page.evaluate(() => {
    const s = getSelection();
    if (!s || s.rangeCount === 0) return [];
    return Array.from(s.getRangeAt(0).getClientRects(), (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }));
  });
  return { badge: { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height }, selection };
}

const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('selection badge', () => {
  it('shows the exact o200k count of a selected paragraph next to it, without covering it or taking the selection or focus', async () => {
    await resetSettings();
    const page = await openPage();
    await selectElementText(page, '#p-en');
    const text = await page.evaluate(() => getSelection()!.toString());
    expect(text).toContain('Large language models');
    await expectCount(page, await countTokens(text, 'o200k_base'));

    const { badge: box, selection } = await geometry(page);
    expect(selection.length).toBeGreaterThan(0);
    for (const r of selection) expect(overlaps(box, r)).toBe(false);
    // Still the same selection, and the focus is where it was.
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(text);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // The page's layout did not move.
    expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);
    await page.close();
  });

  it('expands to every encoding, characters, words, context shares and costs, and copies the count', async () => {
    await resetSettings();
    const page = await openPage();
    await ext.allowClipboard(pages.origin);
    await selectElementText(page, '#p-hi');
    const text = await page.evaluate(() => getSelection()!.toString());
    const o200k = await countTokens(text, 'o200k_base');
    const cl100k = await countTokens(text, 'cl100k_base');
    await expectCount(page, o200k);
    await countButton(page).click();
    const details = page.locator('[data-testid="token-details"]');
    await expect.poll(() => details.count()).toBe(1);
    const cell = async (sel: string) => ((await page.locator(sel).textContent()) ?? '').replace(/[^\d]/g, '');
    expect(await cell('[data-encoding="o200k_base"] td')).toBe(String(o200k));
    expect(await cell('[data-encoding="cl100k_base"] td')).toBe(String(cl100k));
    expect(await cell('[data-testid="token-chars"]')).toBe(String([...text].length));
    const words = [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)].filter((s) => s.isWordLike).length;
    expect(await cell('[data-testid="token-words"]')).toBe(String(words));
    expect(await page.locator('[data-model="gpt-4o"]').textContent()).toMatch(/GPT-4o.*%.*\$/);
    expect(await page.locator('[data-model="gpt-3.5-turbo"]').count()).toBe(1);
    // Clicking inside the badge kept the page's selection.
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(text);

    await page.locator('[data-testid="copy-count"]').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(String(o200k));
    await page.close();
  });

  it('counts a selection inside a textarea, an input and a contenteditable', async () => {
    await resetSettings();
    const page = await openPage();
    const value = await page.locator('#prompt').inputValue();
    await selectInField(page, '#prompt', 0, 40);
    await expectCount(page, await countTokens(value.slice(0, 40), 'o200k_base'));
    // The field keeps its focus and its selection.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('prompt');
    expect(await page.locator('#prompt').evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 40]);
    const { badge: box } = await geometry(page);
    const field = (await page.locator('#prompt').boundingBox())!;
    expect(overlaps(box, { left: field.x, top: field.y, right: field.x + field.width, bottom: field.y + field.height })).toBe(false);

    const input = await page.locator('#title').inputValue();
    await selectInField(page, '#title', 3, 17);
    await expectCount(page, await countTokens(input.slice(3, 17), 'o200k_base'));

    await page.locator('#editor').click();
    await page.keyboard.press('Home');
    for (let i = 0; i < 16; i++) await page.keyboard.press('Shift+ArrowRight');
    const edited = await page.evaluate(() => getSelection()!.toString());
    expect(edited).toBe('An editable area');
    await expectCount(page, await countTokens(edited, 'o200k_base'));
    await page.close();
  });

  it('follows scroll and closes on Escape and on a click elsewhere', async () => {
    await resetSettings();
    const page = await openPage();
    await selectElementText(page, '#p-en');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).not.toBeNull();
    const before = (await badge(page).boundingBox())!;
    await page.mouse.wheel(0, 120);
    await expect.poll(async () => Math.round(before.y - (await badge(page).boundingBox())!.y)).toBe(120);

    await page.keyboard.press('Escape');
    await expect.poll(() => badge(page).count()).toBe(0);

    await selectElementText(page, '#p-en');
    await expect.poll(() => badge(page).count()).toBe(1);
    await page.mouse.click(5, 5);
    await expect.poll(() => badge(page).count()).toBe(0);
    await page.close();
  });

  it('opens from the context menu / shortcut path even when the badge is off, and takes the focus only when asked twice', async () => {
    await setSettings({ badgeEnabled: false });
    const page = await openPage();
    // The browser accepted the shortcut.
    const commands = await ext.background.evaluate(() => chrome.commands.getAll());
    expect(commands.find((c) => c.name === 'count-selection')?.shortcut).toBe('Alt+Shift+K');
    // The "Count tokens" menu item exists (updating a missing item fails).
    await ext.background.evaluate(() => chrome.contextMenus.update('token-insight-count', {}));

    await selectElementText(page, '#p-en');
    const text = await page.evaluate(() => getSelection()!.toString());
    // The badge is off: selecting alone shows nothing.
    await page.waitForTimeout(600);
    expect(await badge(page).count()).toBe(0);

    const tabId = await ext.background.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]!.id!);
    const showBadge = () =>
      ext.background.evaluate(
        (id) => chrome.tabs.sendMessage(id, { channel: 'token-insight/v1', kind: 'selection.count', payload: {} }, { frameId: 0 }),
        tabId,
      );
    expect(await showBadge()).toEqual({ ok: true, value: { shown: true } });
    await expectCount(page, await countTokens(text, 'o200k_base'));
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);

    // Asked again: the focus moves into the badge; Enter expands it; Escape closes and gives the focus back.
    await showBadge();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('token-insight-badge');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="token-details"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => badge(page).count()).toBe(0);
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(text);
    await page.close();
  });

  it('follows its settings: minimum length, sites where it is off, default encoding', async () => {
    await resetSettings();
    await setSettings({ minSelectionChars: 500 });
    const page = await openPage();
    await selectElementText(page, '#p-en');
    await page.waitForTimeout(600);
    expect(await badge(page).count()).toBe(0);

    await setSettings({ minSelectionChars: 2, badgeOffSites: ['127.0.0.1'] });
    await settingsArrived(page, { minSelectionChars: 2, badgeOffSites: ['127.0.0.1'] });
    await selectElementText(page, '#p-en');
    await page.waitForTimeout(600);
    expect(await badge(page).count()).toBe(0);

    await setSettings({ badgeOffSites: [], defaultEncoding: 'cl100k_base' });
    await settingsArrived(page, { badgeOffSites: [], defaultEncoding: 'cl100k_base' });
    await selectElementText(page, '#p-en');
    const text = await page.evaluate(() => getSelection()!.toString());
    await expectCount(page, await countTokens(text, 'cl100k_base'));
    await page.close();
  });

  it('stores each count in the history, with an excerpt only when allowed, and nothing when history is off', async () => {
    await resetSettings();
    const popup = await ext.openExtensionPage('popup.html');
    const history = async () => {
      const reply = (await popup.evaluate(() =>
        chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'history.counts', payload: {} }),
      )) as { ok: boolean; value: { url: string; title: string; encoding: string; counts: Record<string, number>; chars: number; words: number; excerpt?: string }[] };
      return reply.value;
    };
    await popup.evaluate(() => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'history.clear', payload: { what: 'counts' } }));

    const page = await openPage();
    await selectElementText(page, '#p-en');
    const text = await page.evaluate(() => getSelection()!.toString());
    const n = await countTokens(text, 'o200k_base');
    await expectCount(page, n);
    await expect.poll(async () => (await history()).length).toBe(1);
    const [first] = await history();
    expect(first).toMatchObject({ url: pages.url('/selection.html'), title: 'Writing better prompts — Example Blog', encoding: 'o200k_base', chars: [...text].length });
    expect(first!.counts.o200k_base).toBe(n);
    expect(first!.excerpt).toBeUndefined();

    await setSettings({ excerptsEnabled: true });
    await selectElementText(page, '#p-hi');
    await expect.poll(async () => (await history()).length).toBe(2);
    expect((await history())[0]!.excerpt).toMatch(/^हिंदी में/);

    await setSettings({ historyEnabled: false });
    await selectElementText(page, '#p-en');
    await expect.poll(async () => (await contentScript(page, 'badgeStats')).counts).toBe(3);
    expect((await history()).length).toBe(2);
    await resetSettings();
    await page.close();
    await popup.close();
  });

  it('counts and copies on a plain http:// page (not a secure context)', async () => {
    await resetSettings();
    const page = await ext.newPage();
    await page.goto(`http://insecure.test:${pages.port}/selection.html`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await contentScript(page, 'ready');
    await selectElementText(page, '#p-en');
    const text = await page.evaluate(() => getSelection()!.toString());
    const n = await countTokens(text, 'o200k_base');
    await expectCount(page, n);
    await countButton(page).click();
    await page.locator('[data-testid="copy-count"]').click();
    await expect.poll(() => page.locator('.ti-badge__copied').textContent()).toBe('Copied.');
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(text);
    // Read the clipboard from a secure page.
    const reader = await openPage();
    await ext.allowClipboard(pages.origin);
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe(String(n));
    await reader.close();
    await page.close();
  });

  it('works, styled, on a page with a strict Content-Security-Policy', async () => {
    await resetSettings();
    const html = await readFile(`${PAGES_DIR}/selection.html`, 'utf8');
    const page = await ext.newPage();
    await page.goto(pages.addPage('/csp-selection.html', html, { 'Content-Security-Policy': "default-src 'none'" }));
    await contentScript(page, 'ready');
    await selectElementText(page, '#p-en');
    const text = await page.evaluate(() => getSelection()!.toString());
    await expectCount(page, await countTokens(text, 'o200k_base'));
    // The badge's stylesheet applied inside its shadow root.
    expect(await badge(page).evaluate((el: Element) => getComputedStyle(el).borderTopLeftRadius)).toBe('8px');
    await page.close();
  });

  it('renders light and dark (screenshots)', async () => {
    await resetSettings();
    const page = await openPage();
    await selectElementText(page, '#p-en');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).not.toBeNull();
    await countButton(page).click();
    await expect.poll(() => page.locator('[data-testid="token-details"]').count()).toBe(1);
    expect(await badge(page).getAttribute('data-theme')).toBe('light');
    expect(await axeViolations(page, 'token-insight-badge')).toEqual([]);
    await page.screenshot({ path: screenshotPath('selection-badge.png'), clip: { x: 0, y: 0, width: 1000, height: 640 } });
    await storeScreenshot(page, '2-token-count.png');

    await page.mouse.click(5, 5);
    await page.locator('#p-dark').scrollIntoViewIfNeeded();
    await selectElementText(page, '#p-dark');
    await expect.poll(() => shownCount(page), { timeout: 20_000 }).not.toBeNull();
    expect(await badge(page).getAttribute('data-theme')).toBe('dark');
    await countButton(page).click();
    await expect.poll(() => page.locator('[data-testid="token-details"]').count()).toBe(1);
    expect(await axeViolations(page, 'token-insight-badge')).toEqual([]);
    await countButton(page).click();
    const dark = (await page.locator('#p-dark').boundingBox())!;
    await page.screenshot({
      path: screenshotPath('selection-badge-dark.png'),
      clip: { x: 0, y: Math.max(0, dark.y - 40), width: 1000, height: 260 },
    });
    await page.close();
  });
});

describe('selection badge in Hindi', () => {
  it('speaks the browser’s language: Hindi labels, same exact count', async () => {
    const hi = await launchExtension({ locale: 'hi' });
    try {
      const page = await hi.newPage();
      await page.goto(pages.url('/selection.html'));
      await contentScript(page, 'ready');
      await selectElementText(page, '#p-hi');
      const text = await page.evaluate(() => getSelection()!.toString());
      const n = await countTokens(text, 'o200k_base');
      await expect.poll(() => shownCount(page), { timeout: 20_000 }).toBe(n);
      expect(await countButton(page).textContent()).toBe(`${n} टोकन`);
      await countButton(page).click();
      expect(await page.locator('[data-testid="copy-count"]').textContent()).toBe('गिनती कॉपी करें');
      await page.screenshot({ path: screenshotPath('selection-badge-hi.png'), clip: { x: 0, y: 0, width: 1000, height: 640 } });
    } finally {
      await hi.close();
    }
  });
});
