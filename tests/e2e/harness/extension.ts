/**
 * Launches real headless Chromium (Debian's /usr/bin/chromium) with the built
 * extension loaded, and offers what the suites need: the extension id, its
 * service worker, its pages, code run inside the content script's isolated
 * world, and realistic hover / selection helpers.
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM_PATH, EXTENSION_DIR } from './paths';

export interface LaunchOptions {
  /** Reuse a profile (browser restart tests). A temporary one otherwise. */
  userDataDir?: string;
  /** Browser UI language, e.g. 'hi'. */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** More Chromium arguments, e.g. a proxy. */
  args?: string[];
  /** Another build to load (the hostile-page test loads the production build, `.output/chrome-mv3`). */
  extensionDir?: string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  userDataDir: string;
  /** Opens one of the extension's pages (popup.html, options.html) in a tab. */
  openExtensionPage(path: string): Promise<Page>;
  /** Closes the browser; deletes the profile unless it was given. */
  close(): Promise<void>;
}

export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'token-insight-e2e-')));
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  const args = [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.locale) args.push(`--lang=${options.locale}`);
  if (options.args) args.push(...options.args);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    locale: options.locale,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    env: { ...process.env, ...(options.locale ? { LANGUAGE: options.locale } : {}) },
  });
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(serviceWorker.url()).host;

  return {
    context,
    extensionId,
    serviceWorker,
    userDataDir,
    async openExtensionPage(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    async close() {
      await context.close();
      if (ownProfile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Evaluates `expression` inside Token Insight's content script world on `page`
 * (an isolated world the page cannot see), awaiting a returned promise.
 * Waits until the content script has started.
 */
export async function evaluateInContentScript<T>(page: Page, expression: string, timeoutMs = 10_000): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: { id: number; name: string; auxData?: { type?: string; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const ours = contexts.find(
        (c) => c.auxData?.type === 'isolated' && c.name === 'Token Insight' && c.auxData.frameId === frameTree.frame.id,
      );
      if (ours) {
        const result = await cdp.send('Runtime.evaluate', {
          expression,
          contextId: ours.id,
          awaitPromise: true,
          returnByValue: true,
        });
        if (result.exceptionDetails) {
          throw new Error(`In the content script: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
        }
        return result.result.value as T;
      }
      if (Date.now() > deadline) throw new Error('The Token Insight content script did not start on this page.');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Moves the real mouse pointer to the middle of the first match of `text` inside `selector`. */
export async function hoverText(page: Page, selector: string, text: string): Promise<void> {
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
          const r = range.getBoundingClientRect();
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
export async function hoverUntilCard(page: Page, selector: string, text: string, timeout = 20_000): Promise<void> {
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
export async function selectElementText(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().click({ clickCount: 3 });
}

/** Selects characters [start, end) of a textarea or input by keyboard, as a user would. */
export async function selectInField(page: Page, selector: string, start: number, end: number): Promise<void> {
  const field = page.locator(selector).first();
  await field.focus();
  await field.evaluate((el, [s]) => (el as HTMLTextAreaElement).setSelectionRange(s!, s!), [start]);
  for (let i = start; i < end; i++) await page.keyboard.press('Shift+ArrowRight');
}
