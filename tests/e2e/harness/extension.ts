/**
 * Launches the browser the run is for (paths.ts BROWSER: Chromium unless
 * E2E_BROWSER=firefox) with the built extension, and offers the realistic
 * hover / selection helpers every suite uses, on the browser-neutral page of
 * driver.ts.
 */
import type { ExtensionSession, LaunchOptions, UiPage } from './driver';
import { launchChromium, playwrightPage } from './chromium';
import { launchFirefox, shadowTestIds, type FirefoxPage, type FirefoxSession } from './firefox';
import { BROWSER } from './paths';

export type { ExtensionSession, LaunchOptions, UiPage } from './driver';
export { contentScript } from './content-bridge';

export function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  return BROWSER === 'firefox' ? launchFirefox(options) : launchChromium(options);
}

/**
 * The data-testid values inside the page's shadow roots, closed ones included, as the browser's
 * devtools protocol sees them (the page itself cannot): CDP's pierced DOM in Chromium, WebDriver
 * BiDi's serialization with every shadow tree in Firefox.
 */
export async function shadowUiTestIds(ext: ExtensionSession, page: UiPage): Promise<string[]> {
  if (ext.browserName === 'firefox') return shadowTestIds(ext as FirefoxSession, page as FirefoxPage);
  const pw = playwrightPage(page);
  const cdp = await pw.context().newCDPSession(pw);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const found: string[] = [];
    type Node = { attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
    const walk = (node: Node, inShadow: boolean) => {
      const attrs = node.attributes ?? [];
      const i = attrs.indexOf('data-testid');
      if (inShadow && i >= 0) found.push(attrs[i + 1]!);
      for (const c of node.children ?? []) walk(c, inShadow);
      for (const s of node.shadowRoots ?? []) walk(s, true);
    };
    walk(root as Node, false);
    return found;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Moves the real mouse pointer to the middle of the first match of `text` inside `selector` (of its first line). */
export async function hoverText(page: UiPage, selector: string, text: string): Promise<void> {
  const box = await page.evaluate(
    ({ selector, text }) => {
      const root = document.querySelector(selector);
      if (!root) throw new Error(`No element ${selector}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const i = node.textContent!.indexOf(text);
        if (i >= 0) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + text.length);
          // The first line's box: a mention that wraps has a bounding box whose middle is between its lines.
          const r = range.getClientRects()[0] ?? range.getBoundingClientRect();
          return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
      }
      throw new Error(`"${text}" not found in ${selector}`);
    },
    { selector, text },
  );
  await page.mouse.move(box.x, box.y, { steps: 4 });
}

/**
 * Hovers `text` until the price card opens: a hover that lands before the content
 * script has read the page finds no mention, and the pointer has to come back, as a
 * user's would. Fails after `timeout` ms.
 */
export async function hoverUntilCard(page: UiPage, selector: string, text: string, timeout = 20_000): Promise<void> {
  const card = page.getByTestId('price-card');
  const deadline = Date.now() + timeout;
  for (;;) {
    // Away first, so a card still open from an earlier hover closes and is not taken for the new one.
    await page.mouse.move(0, 0);
    await card.first().waitFor({ state: 'detached', timeout: 1500 }).catch(() => {});
    await hoverText(page, selector, text);
    try {
      await card.first().waitFor({ state: 'attached', timeout: 2000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`No price card opened over "${text}" in ${timeout} ms`, { cause: error });
    }
  }
}

/** Selects a paragraph with a real triple click (mouseup included), as a user would. */
export async function selectElementText(page: UiPage, selector: string): Promise<void> {
  await page.locator(selector).first().click({ clickCount: 3 });
}

/** Selects characters [start, end) of a textarea or input by keyboard, as a user would. */
export async function selectInField(page: UiPage, selector: string, start: number, end: number): Promise<void> {
  const field = page.locator(selector).first();
  await field.focus();
  await field.evaluate((el: HTMLTextAreaElement, s: number) => el.setSelectionRange(s, s), start);
  for (let i = start; i < end; i++) await page.keyboard.press('Shift+ArrowRight');
}
