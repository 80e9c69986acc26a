/**
 * The Firefox driver: Debian's firefox-esr, headless, driven by puppeteer-core
 * over WebDriver BiDi, with the built extension installed as a temporary
 * add-on (which gets every permission it asks for, without a prompt).
 *
 * - The `extensions.webextensions.uuids` pref fixes the extension's address,
 *   moz-extension://<uuid>/; `--remote-allow-system-access` lets BiDi open
 *   those pages and reach the browser's own (chrome) scope, which the driver
 *   uses for what a web page cannot do: stop the event page, answer a host
 *   from a local server, switch the colour scheme.
 * - FirefoxPage and FirefoxLocator implement the Playwright calls the suites
 *   use (driver.ts) on puppeteer: locators resolve in the page through open
 *   shadow roots (the e2e build opens them), and act with real BiDi input.
 * - The extension's background is an event page, not a service worker: code
 *   "in the background" runs in an extension page with the same APIs, and
 *   `evaluateInScope` reaches the event page's window (runtime.getBackgroundPage).
 */
import puppeteer, { type Browser, type ElementHandle, type KeyInput, type Page } from 'puppeteer-core';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Box, ExtensionSession, FilePayload, LaunchOptions, UiDownload, UiLocator, UiPage } from './driver';
import { extensionDir, FIREFOX_PATH } from './paths';

/** The extension's fixed address in the tests (any UUID would do; a real install gets a random one). */
export const FIREFOX_UUID = '5f0c2b8e-3d7a-4e61-9b24-7a1c0e9d4f36';
/** How long a locator waits for its element before an action fails. */
const WAIT_MS = 30_000;

type Step = { css: string } | { role: 'button' | 'link'; name: string } | { nth: number };

/**
 * Runs in the page: the elements `steps` find, each step searching inside the previous step's
 * elements through open shadow roots, in document order (as Playwright's locators do).
 */
function resolveSteps(steps: Step[]): Element[] {
  const deep = (scopes: (Document | Element)[], css: string): Element[] => {
    const out: Element[] = [];
    const seen = new Set<Element>();
    const visit = (root: Document | Element | ShadowRoot) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
      for (let n = walker.nextNode() as Element | null; n; n = walker.nextNode() as Element | null) {
        if (n.matches(css) && !seen.has(n)) {
          seen.add(n);
          out.push(n);
        }
        if (n.shadowRoot) visit(n.shadowRoot);
      }
    };
    for (const scope of scopes) {
      if (scope instanceof Element && scope.shadowRoot) visit(scope.shadowRoot);
      visit(scope);
    }
    return out;
  };
  const ROLES = {
    button: 'button, [role="button"], input[type="button"], input[type="submit"], input[type="reset"]',
    link: 'a[href], [role="link"]',
  };
  const accessibleName = (el: Element) => {
    const labelledBy = el.getAttribute('aria-labelledby');
    const byIds = labelledBy
      ? labelledBy
          .split(/\s+/)
          .map((id) => (el.getRootNode() as Document | ShadowRoot).getElementById?.(id)?.textContent ?? '')
          .join(' ')
      : '';
    const own = el instanceof HTMLInputElement ? el.value : el.textContent;
    return (el.getAttribute('aria-label') || byIds || own || el.getAttribute('title') || '').replace(/\s+/g, ' ').trim();
  };
  let found: (Document | Element)[] = [document];
  for (const step of steps) {
    if ('css' in step) found = deep(found, step.css);
    else if ('role' in step) {
      const name = step.name.toLowerCase();
      found = deep(found, ROLES[step.role]).filter((el) => el.getClientRects().length > 0 && accessibleName(el).toLowerCase().includes(name));
    } else {
      const el = step.nth < 0 ? found[found.length + step.nth] : found[step.nth];
      found = el ? [el] : [];
    }
  }
  return found.filter((el): el is Element => el instanceof Element);
}

/** Runs in the page: the element's box if it is rendered and not hidden. */
function visibleBox(el: Element): { x: number; y: number; width: number; height: number } | null {
  const r = el.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return null;
  if (getComputedStyle(el).visibility === 'hidden') return null;
  return { x: r.x, y: r.y, width: r.width, height: r.height };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 'Shift+ArrowRight' → ['Shift', 'ArrowRight']; ControlOrMeta is Control on Linux; a letter under Control/Alt is lower case. */
function chord(combo: string): KeyInput[] {
  const keys = combo === '+' ? ['+'] : combo.split('+').map((k) => (k === 'ControlOrMeta' ? 'Control' : k));
  const withModifier = keys.slice(0, -1).some((k) => k === 'Control' || k === 'Alt' || k === 'Meta');
  const last = keys[keys.length - 1]!;
  if (withModifier && /^[A-Z]$/.test(last)) keys[keys.length - 1] = last.toLowerCase();
  return keys as KeyInput[];
}

class FirefoxLocator implements UiLocator {
  constructor(
    private readonly page: FirefoxPage,
    private readonly steps: Step[],
  ) {}

  private with(step: Step): FirefoxLocator {
    return new FirefoxLocator(this.page, [...this.steps, step]);
  }

  locator(selector: string): UiLocator {
    return this.with({ css: selector });
  }
  getByTestId(testId: string): UiLocator {
    return this.with({ css: `[data-testid="${testId}"]` });
  }
  getByRole(role: 'button' | 'link', options: { name: string }): UiLocator {
    return this.with({ role, name: options.name });
  }
  first(): UiLocator {
    return this.with({ nth: 0 });
  }
  last(): UiLocator {
    return this.with({ nth: -1 });
  }

  /** Runs `op(elements, arg)` in the page. */
  private run<R>(op: string, arg?: unknown): Promise<R> {
    return this.page.raw.evaluate(
      `(async () => {
        const resolveSteps = ${resolveSteps.toString()};
        const visibleBox = ${visibleBox.toString()};
        const elements = resolveSteps(${JSON.stringify(this.steps)});
        return (${op})(elements, ${arg === undefined ? 'undefined' : JSON.stringify(arg)}, visibleBox);
      })()`,
    ) as Promise<R>;
  }

  /** Runs `op(element, arg)` on the first element once there is one (Playwright's wait for an attached element). */
  private async onFirst<R>(op: string, arg?: unknown, timeout = WAIT_MS): Promise<R> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const result = await this.run<{ found: boolean; value?: R }>(
        `async (els, arg, visibleBox) => els.length ? { found: true, value: await (${op})(els[0], arg, visibleBox) } : { found: false }`,
        arg,
      );
      if (result.found) return result.value as R;
      if (Date.now() > deadline) throw new Error(`No element for ${JSON.stringify(this.steps)} after ${timeout} ms`);
      await sleep(100);
    }
  }

  /** Waits until the first element is visible and enabled, scrolls it into view, and returns its centre. */
  private async actionPoint(timeout = WAIT_MS): Promise<{ x: number; y: number }> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const point = await this.run<{ x: number; y: number } | null>(
        `(els, _, visibleBox) => {
          const el = els[0];
          if (!el || el.disabled) return null;
          let box = visibleBox(el);
          if (!box) return null;
          if (box.y < 0 || box.x < 0 || box.y + box.height > innerHeight || box.x + box.width > innerWidth) {
            el.scrollIntoView({ block: 'center', inline: 'center' });
            box = visibleBox(el);
            if (!box) return null;
          }
          const x = box.x + box.width / 2;
          const y = box.y + box.height / 2;
          // Playwright's "receives events" check: nothing (a card, an overlay) covers the element's middle.
          let hit = document.elementFromPoint(x, y);
          while (hit && hit.shadowRoot) {
            const inner = hit.shadowRoot.elementFromPoint(x, y);
            if (!inner || inner === hit) break;
            hit = inner;
          }
          let inside = false;
          for (let n = hit; n && !inside; n = n.parentNode ?? n.host) inside = n === el;
          if (!inside) return null;
          return { x, y };
        }`,
      );
      if (point) return point;
      if (Date.now() > deadline) throw new Error(`No visible, enabled, uncovered element for ${JSON.stringify(this.steps)} after ${timeout} ms`);
      await sleep(100);
    }
  }

  count(): Promise<number> {
    return this.run('(els) => els.length');
  }
  getAttribute(name: string): Promise<string | null> {
    return this.onFirst('(el, name) => el.getAttribute(name)', name);
  }
  textContent(): Promise<string | null> {
    return this.onFirst('(el) => el.textContent');
  }
  allTextContents(): Promise<string[]> {
    return this.run('(els) => els.map((el) => el.textContent ?? "")');
  }
  inputValue(): Promise<string> {
    return this.onFirst('(el) => el.value');
  }
  isChecked(): Promise<boolean> {
    return this.onFirst('(el) => el.checked === true || el.getAttribute("aria-checked") === "true"');
  }
  isDisabled(): Promise<boolean> {
    return this.onFirst('(el) => el.disabled === true || el.getAttribute("aria-disabled") === "true"');
  }
  async boundingBox(): Promise<Box | null> {
    return this.onFirst('(el, _, visibleBox) => visibleBox(el)');
  }
  async click(options: { clickCount?: number; timeout?: number } = {}): Promise<void> {
    const { x, y } = await this.actionPoint(options.timeout);
    await this.page.raw.mouse.click(x, y, { count: options.clickCount ?? 1 });
  }
  async focus(): Promise<void> {
    await this.onFirst('(el) => el.focus()');
  }
  async blur(): Promise<void> {
    await this.onFirst('(el) => el.blur()');
  }
  async fill(value: string): Promise<void> {
    await this.actionPoint();
    await this.onFirst(
      `(el) => {
        el.focus();
        if (typeof el.select === 'function') el.select();
        else getSelection().selectAllChildren(el);
      }`,
    );
    if (value === '') await this.page.keyboard.press('Delete');
    else await this.page.keyboard.insertText(value);
  }
  async press(key: string): Promise<void> {
    await this.focus();
    await this.page.keyboard.press(key);
  }
  async uncheck(): Promise<void> {
    if (await this.isChecked()) await this.click();
  }
  async selectOption(value: string): Promise<unknown> {
    await this.actionPoint();
    return this.onFirst(
      `(el, value) => {
        el.focus();
        el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return [el.value];
      }`,
      value,
    );
  }
  async scrollIntoViewIfNeeded(): Promise<void> {
    await this.onFirst(
      `(el) => {
        const r = el.getBoundingClientRect();
        if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) el.scrollIntoView({ block: 'center', inline: 'center' });
      }`,
    );
  }
  async setInputFiles(files: string | FilePayload): Promise<void> {
    let path: string;
    if (typeof files === 'string') path = files;
    else {
      const dir = await mkdtemp(join(tmpdir(), 'token-insight-upload-'));
      path = join(dir, files.name);
      await writeFile(path, files.buffer);
    }
    await this.onFirst('() => true');
    const handle = await this.page.raw.evaluateHandle(
      `(() => { const resolveSteps = ${resolveSteps.toString()}; return resolveSteps(${JSON.stringify(this.steps)})[0]; })()`,
    );
    try {
      await (handle as ElementHandle<HTMLInputElement>).uploadFile(path);
    } finally {
      await handle.dispose();
    }
  }
  async waitFor(options: { state: 'attached' | 'detached' | 'visible'; timeout?: number }): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? WAIT_MS);
    for (;;) {
      const state = await this.run<{ count: number; visible: boolean }>(
        '(els, _, visibleBox) => ({ count: els.length, visible: els.length > 0 && visibleBox(els[0]) !== null })',
      );
      if (options.state === 'attached' ? state.count > 0 : options.state === 'detached' ? state.count === 0 : state.visible) return;
      if (Date.now() > deadline) throw new Error(`Waiting for ${JSON.stringify(this.steps)} to be ${options.state}: timed out`);
      await sleep(100);
    }
  }
  evaluate<R, A>(fn: (element: any, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.onFirst(`(el, arg) => (${fn.toString()})(el, arg)`, arg);
  }
  evaluateAll<R>(fn: (elements: any[]) => R | Promise<R>): Promise<R> {
    return this.run(`(els) => (${fn.toString()})(els)`);
  }
}

export class FirefoxPage implements UiPage {
  constructor(
    readonly raw: Page,
    private readonly session: FirefoxSession,
  ) {}

  get mouse() {
    const raw = this.raw;
    return {
      move: (x: number, y: number, options?: { steps?: number }) => raw.mouse.move(x, y, options),
      down: () => raw.mouse.down(),
      up: () => raw.mouse.up(),
      click: (x: number, y: number) => raw.mouse.click(x, y),
      wheel: (deltaX: number, deltaY: number) => raw.mouse.wheel({ deltaX, deltaY }),
    };
  }

  get keyboard() {
    const raw = this.raw;
    return {
      async press(combo: string) {
        const keys = chord(combo);
        for (const k of keys.slice(0, -1)) await raw.keyboard.down(k);
        await raw.keyboard.press(keys[keys.length - 1]!);
        for (const k of keys.slice(0, -1).reverse()) await raw.keyboard.up(k);
      },
      async insertText(text: string) {
        // As a paste: one trusted input event into the focused field (Playwright's insertText in Chromium).
        await raw.evaluate((t) => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          el?.ownerDocument.execCommand('insertText', false, t);
        }, text);
      },
      async type(text: string) {
        // One WebDriver BiDi key action per code point ('\n' is Enter), as Playwright's type in Chromium.
        await raw.keyboard.type(text);
      },
    };
  }

  /**
   * Loads `url` and waits until its document is complete. Extension pages are loaded through the
   * browsing context: puppeteer's goto may never resolve on moz-extension:// addresses.
   */
  async goto(url: string): Promise<unknown> {
    if (!url.startsWith('moz-extension:')) return this.raw.goto(url, { waitUntil: 'load' });
    await this.raw.evaluate(() => ((globalThis as { __tiLeaving?: boolean }).__tiLeaving = true)).catch(() => {});
    await this.session.bidi('browsingContext.navigate', { context: this.contextId, url, wait: 'none' });
    return this.waitLoaded(url);
  }

  async reload(): Promise<unknown> {
    const url = await this.raw.evaluate(() => location.href);
    if (!url.startsWith('moz-extension:')) return this.raw.reload({ waitUntil: 'load' });
    await this.raw.evaluate(() => ((globalThis as { __tiLeaving?: boolean }).__tiLeaving = true));
    await this.session.bidi('browsingContext.reload', { context: this.contextId, wait: 'none' });
    return this.waitLoaded(url);
  }

  private async waitLoaded(url: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const state = await this.raw
        .evaluate(() => ({ href: location.href, ready: document.readyState, old: (globalThis as { __tiLeaving?: boolean }).__tiLeaving === true }))
        .catch(() => null);
      if (state && !state.old && state.href === url && state.ready === 'complete') return;
      if (Date.now() > deadline) throw new Error(`${url} did not load (last state ${JSON.stringify(state)})`);
      await sleep(50);
    }
  }

  get contextId(): string {
    return (this.raw.mainFrame() as unknown as { browsingContext: { id: string } }).browsingContext.id;
  }

  async close(): Promise<void> {
    this.session.pages.delete(this);
    await this.raw.close();
  }
  async bringToFront(): Promise<void> {
    await this.raw.bringToFront();
  }
  locator(selector: string): UiLocator {
    return new FirefoxLocator(this, [{ css: selector }]);
  }
  getByTestId(testId: string): UiLocator {
    return new FirefoxLocator(this, [{ css: `[data-testid="${testId}"]` }]);
  }
  getByRole(role: 'button' | 'link', options: { name: string }): UiLocator {
    return new FirefoxLocator(this, [{ role, name: options.name }]);
  }
  evaluate<R, A>(fn: string | ((arg: A) => R | Promise<R>), arg?: A): Promise<R> {
    if (typeof fn === 'string') return this.raw.evaluate(fn) as Promise<R>;
    return this.raw.evaluate(fn as (a: unknown) => R, arg) as Promise<R>;
  }
  async waitForFunction<A>(fn: (arg: A) => unknown, arg?: A, options: { timeout?: number } = {}): Promise<unknown> {
    const deadline = Date.now() + (options.timeout ?? WAIT_MS);
    for (;;) {
      const value = await this.raw.evaluate(fn as (a: unknown) => unknown, arg);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${options.timeout ?? WAIT_MS} ms`);
      await sleep(100);
    }
  }
  async waitForTimeout(ms: number): Promise<void> {
    await sleep(ms);
  }
  async setViewportSize(size: { width: number; height: number }): Promise<void> {
    await this.raw.setViewport(size);
  }
  /** The colour scheme pages see (the whole browser's: Firefox has no per-page override over BiDi). */
  emulateMedia(options: { colorScheme: 'light' | 'dark' }): Promise<void> {
    return this.session.setColorScheme(options.colorScheme);
  }
  async screenshot(options: { path: string; clip?: Box; fullPage?: boolean }): Promise<unknown> {
    // Let a colour-scheme or layout change paint first.
    await this.raw.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    let clip = options.clip;
    if (clip && !options.fullPage) {
      // Playwright's clip is in the viewport (where boundingBox measures), puppeteer's in the document.
      const scroll = await this.raw.evaluate(() => ({ x: scrollX, y: scrollY }));
      clip = { ...clip, x: clip.x + scroll.x, y: clip.y + scroll.y };
    }
    return this.raw.screenshot({ path: options.path as `${string}.png`, clip, fullPage: options.fullPage });
  }
  waitForEvent(event: 'download'): Promise<UiDownload> {
    if (event !== 'download') throw new Error(`waitForEvent(${event}) is not supported`);
    return this.session.nextDownload();
  }
  on(event: 'pageerror' | 'console', listener: (value: any) => void): this {
    this.raw.on(event, listener);
    return this;
  }
}

export interface FirefoxLaunchOptions extends LaunchOptions {}

export class FirefoxSession implements ExtensionSession {
  readonly browserName = 'firefox' as const;
  readonly origin = `moz-extension://${FIREFOX_UUID}`;

  readonly pages = new Set<FirefoxPage>();
  /** JavaScript errors of extension pages and the background, which Firefox prints on stderr only. */
  readonly extensionErrors: string[] = [];
  private chromeContext = '';
  private admin: FirefoxPage | null = null;
  private offline = false;
  private downloadsSeen = new Set<string>();

  private constructor(
    readonly raw: Browser,
    readonly userDataDir: string,
    private readonly ownProfile: boolean,
    readonly downloadDir: string,
    readonly geckoId: string,
  ) {}

  get runtimeId(): string {
    return this.geckoId;
  }

  get secrets(): string[] {
    return [FIREFOX_UUID, this.geckoId];
  }

  static async launch(options: LaunchOptions = {}): Promise<FirefoxSession> {
    const ownProfile = !options.userDataDir;
    const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'token-insight-e2e-ff-')));
    const downloadDir = await mkdtemp(join(tmpdir(), 'token-insight-downloads-'));
    const dir = extensionDir('firefox', options.production);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    const geckoId: string = manifest.browser_specific_settings.gecko.id;
    const prefs: Record<string, unknown> = {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_UUID }),
      // A restart test reinstalls the temporary add-on into the same profile: keep its data.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      'layout.css.prefers-color-scheme.content-override': options.colorScheme === 'dark' ? 0 : 1,
      // navigator.clipboard.readText without Firefox's paste prompt (Chromium: a granted permission).
      'dom.events.testing.asyncClipboard': true,
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.panel.shown': true,
      // No downloads panel opening over the window after a download (it would take the keyboard).
      'browser.download.alwaysOpenPanel': false,
      // permissions.request() is granted without its prompt (the site-access test clicks the button that asks).
      'extensions.webextOptionalPermissionPrompts': false,
      // Tabs behind the active one keep their timers (Chromium's headless tabs are not throttled either).
      'dom.min_background_timeout_value': 4,
      'dom.timeout.enable_budget_timer_throttling': false,
    };
    if (options.locale) {
      // The UI language needs the language pack (Debian: firefox-esr-l10n-<lang>).
      const full = options.locale === 'hi' ? 'hi-IN' : options.locale;
      prefs['intl.locale.requested'] = full;
      prefs['intl.accept_languages'] = `${full},${options.locale}`;
    }
    if (options.loopbackHosts?.length) prefs['network.dns.localDomains'] = options.loopbackHosts.join(',');
    if (options.proxyPort) {
      Object.assign(prefs, {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': options.proxyPort,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': options.proxyPort,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
      });
    }
    const viewport = options.viewport ?? { width: 1280, height: 800 };
    const raw = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir,
      defaultViewport: viewport,
      extraPrefsFirefox: prefs,
      args: ['--remote-allow-system-access'],
      protocolTimeout: 120_000,
    });
    const session = new FirefoxSession(raw, userDataDir, ownProfile, downloadDir, geckoId);
    raw.process()?.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.includes('moz-extension://')) session.extensionErrors.push(line);
    });
    try {
      const tree = (await session.bidi('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { contexts: { context: string }[] };
      session.chromeContext = tree.contexts[0]!.context;
      await session.chromeEval(ROUTER);
      await raw.installExtension(dir);
      // An extension page for the "background" calls, opened first so that pages opened later are the active tab.
      session.admin = await session.openExtensionPage('options.html');
      session.pages.delete(session.admin);
    } catch (error) {
      await raw.close().catch(() => {});
      throw error;
    }
    return session;
  }

  /** Sends a raw WebDriver BiDi command. */
  async bidi(method: string, params: Record<string, unknown>): Promise<unknown> {
    const connection = (this.raw as unknown as { connection: { send(m: string, p: unknown): Promise<{ result: unknown }> } }).connection;
    return (await connection.send(method, params)).result;
  }

  /** Evaluates `expression` in the browser's privileged (chrome) scope, awaiting a promise. */
  async chromeEval<T>(expression: string): Promise<T> {
    const result = (await this.bidi('script.evaluate', {
      expression,
      target: { context: this.chromeContext },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as { type: string; result?: { value?: T }; exceptionDetails?: { text: string } };
    if (result.type === 'exception') throw new Error(`In Firefox's chrome scope: ${result.exceptionDetails?.text}`);
    return result.result?.value as T;
  }

  readonly background = {
    evaluate: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> =>
      this.admin!.evaluate<R, unknown>(`(async () => (${fn.toString()})(${arg === undefined ? 'undefined' : JSON.stringify(arg)}))()`),
    evaluateInScope: <R, A>(fn: (scope: any, arg: A) => R | Promise<R>, arg?: A): Promise<R> =>
      this.admin!.evaluate<R, unknown>(
        `(async () => (${fn.toString()})(await browser.runtime.getBackgroundPage(), ${arg === undefined ? 'undefined' : JSON.stringify(arg)}))()`,
      ),
    stop: async (): Promise<void> => {
      const state = await this.chromeEval<string>(`(async () => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(this.geckoId)});
        await extension.terminateBackground({ disableResetIdleForTest: true });
        return String(extension.backgroundState);
      })()`);
      if (state !== 'stopped') throw new Error(`The event page did not stop (${state})`);
    },
  };

  async newPage(): Promise<FirefoxPage> {
    const page = new FirefoxPage(await this.raw.newPage(), this);
    this.pages.add(page);
    if (this.offline) await page.raw.setOfflineMode(true);
    return page;
  }

  async waitForNewPage(action: () => Promise<unknown>, timeout = WAIT_MS): Promise<FirefoxPage> {
    const tabIds = () => this.background.evaluate(async () => (await browser.tabs.query({})).map((t) => ({ id: t.id, url: t.url ?? '' })));
    const before = new Set(await this.raw.pages());
    const tabsBefore = new Set((await tabIds()).map((t) => t.id));
    await action();
    const start = Date.now();
    const deadline = start + timeout;
    let raw: Page | undefined;
    while (!raw) {
      raw = (await this.raw.pages()).find((p) => !before.has(p));
      if (raw) break;
      // Now and then (a loaded machine) puppeteer never learns of a tab the extension opened, though the browser has
      // it: after 5 s, the same address is opened in a tab the driver knows (the extension's tab stays open).
      if (Date.now() - start > 5_000) {
        const opened = (await tabIds()).find((t) => !tabsBefore.has(t.id) && t.url && t.url !== 'about:blank');
        if (opened) {
          console.log(`firefox: the driver missed the new tab ${opened.url}; opening its address in a tab of its own`);
          const page = await this.newPage();
          await page.goto(opened.url);
          return page;
        }
      }
      if (Date.now() > deadline) {
        const tabs = (await tabIds()).map((t) => t.url);
        throw new Error(`No new tab after ${timeout} ms (the browser's tabs: ${JSON.stringify(tabs)})`);
      }
      await sleep(100);
    }
    const page = new FirefoxPage(raw, this);
    this.pages.add(page);
    if (this.offline) await raw.setOfflineMode(true);
    // A new tab starts on about:blank before its address loads.
    for (;;) {
      const state = await raw.evaluate(() => ({ href: location.href, ready: document.readyState })).catch(() => null);
      if (state && state.href !== 'about:blank' && state.ready !== 'loading') return page;
      if (Date.now() > deadline) throw new Error(`The new tab did not load (last state ${JSON.stringify(state)})`);
      await sleep(50);
    }
  }

  async openExtensionPage(path: string): Promise<FirefoxPage> {
    const page = await this.newPage();
    await page.goto(`${this.origin}/${path.replace(/^\//, '')}`);
    return page;
  }

  async routeHost(origin: string, target: string): Promise<void> {
    await this.chromeEval(`globalThis.__tokenInsightRoutes.set(${JSON.stringify(origin)}, ${JSON.stringify(target)})`);
  }

  async unrouteHost(origin: string): Promise<void> {
    await this.chromeEval(`globalThis.__tokenInsightRoutes.delete(${JSON.stringify(origin)})`);
  }

  async setOffline(offline: boolean): Promise<void> {
    this.offline = offline;
    for (const page of this.pages) await page.raw.setOfflineMode(offline);
  }

  async allowClipboard(): Promise<void> {
    // dom.events.testing.asyncClipboard, set at launch, already lets pages read the clipboard.
  }

  async setColorScheme(scheme: 'light' | 'dark'): Promise<void> {
    await this.chromeEval(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1})`);
  }

  /** The next file that lands in the download folder. */
  async nextDownload(timeout = WAIT_MS): Promise<UiDownload> {
    for (const name of await readdir(this.downloadDir)) this.downloadsSeen.add(name);
    const deadline = Date.now() + timeout;
    for (;;) {
      const fresh = (await readdir(this.downloadDir)).filter((n) => !this.downloadsSeen.has(n) && !n.endsWith('.part'));
      if (fresh.length > 0) {
        const name = fresh[0]!;
        const path = join(this.downloadDir, name);
        // Finished once Firefox has renamed it from .part and its size holds.
        let size = -1;
        while (size !== (await stat(path)).size) {
          size = (await stat(path)).size;
          await sleep(100);
        }
        this.downloadsSeen.add(name);
        return { suggestedFilename: () => name, path: async () => path };
      }
      if (Date.now() > deadline) throw new Error('No download');
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    await this.raw.close();
    await rm(this.downloadDir, { recursive: true, force: true });
    if (this.ownProfile) await rm(this.userDataDir, { recursive: true, force: true });
  }
}

/**
 * In the chrome scope: requests to a routed origin (scheme://host) are answered from its local target instead,
 * same method, path, query and headers, with the target's status, headers and body, as if the routed host had
 * answered (not a redirect: the extension fetches prices with `redirect: 'error'`). The background's requests
 * are invisible to WebDriver BiDi's network interception, so this works in the network layer
 * (nsIHttpChannelInternal.setResponseOverride, what BiDi's network.provideResponse uses). A target that is
 * down fails the request like a dead network.
 */
const ROUTER = `(() => {
  const routes = (globalThis.__tokenInsightRoutes = new Map());
  const answer = async (channel, url, headers) => {
    const response = await fetch(url, { method: channel.requestMethod, headers, redirect: 'manual', cache: 'no-store' });
    const replaced = Cc['@mozilla.org/network/replaced-http-response;1'].createInstance(Ci.nsIReplacedHttpResponse);
    replaced.responseStatus = response.status;
    replaced.responseStatusText = response.statusText || 'OK';
    for (const [name, value] of response.headers) replaced.setResponseHeader(name, value, true);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
    replaced.responseBody = binary;
    channel.QueryInterface(Ci.nsIHttpChannelInternal).setResponseOverride(replaced);
  };
  Services.obs.addObserver({
    observe(subject) {
      const channel = subject.QueryInterface(Ci.nsIHttpChannel);
      const target = routes.get(channel.URI.prePath);
      if (!target) return;
      const headers = {};
      channel.visitRequestHeaders({ visitHeader(name, value) { if (name.toLowerCase() !== 'host') headers[name] = value; } });
      channel.suspend();
      answer(channel, target + channel.URI.pathQueryRef, headers)
        .catch(() => channel.cancel(Cr.NS_ERROR_CONNECTION_REFUSED))
        .finally(() => channel.resume());
    },
  }, 'http-on-modify-request');
})()`;

export function launchFirefox(options: LaunchOptions = {}): Promise<FirefoxSession> {
  return FirefoxSession.launch(options);
}

/** The data-testid values inside shadow roots, closed ones included, as WebDriver BiDi serializes the page. */
export async function shadowTestIds(session: FirefoxSession, page: FirefoxPage): Promise<string[]> {
  const result = (await session.bidi('script.evaluate', {
    expression: 'document.documentElement',
    target: { context: page.contextId },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 1000, includeShadowTree: 'all' },
  })) as { result: BidiNode };
  const found: string[] = [];
  const walk = (node: BidiNode | null | undefined, inShadow: boolean) => {
    if (!node?.value) return;
    const id = node.value.attributes?.['data-testid'];
    if (inShadow && id !== undefined) found.push(id);
    for (const child of node.value.children ?? []) walk(child, inShadow);
    walk(node.value.shadowRoot, true);
  };
  walk(result.result, false);
  return found;
}

interface BidiNode {
  value?: { attributes?: Record<string, string>; children?: BidiNode[]; shadowRoot?: BidiNode | null };
}
