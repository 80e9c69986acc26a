/**
 * Headless Chromium for the page-weight bench, launched by playwright-core with
 * the e2e harness's flags, with or without the production build loaded, and
 * driven over raw CDP: the measured tabs are opened in the browser's default
 * context, which Playwright does not instrument (it detaches from targets of
 * contexts it did not create), so no Playwright script or utility world runs in
 * them, in either browser. Each tab is a CDP session attached through the
 * browser session (Target.sendMessageToTarget).
 */
import { chromium, type Browser, type CDPSession } from 'playwright-core';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The production build (absolute path, as Chromium wants it). */
export const EXTENSION_DIR = resolve(ROOT, '.output/chrome-mv3');

/** The flags of tests/e2e/harness/extension.ts. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

type Message = { id?: number; method?: string; params?: any; result?: any; error?: { message: string } };

export class Tab {
  private nextId = 1;
  private pending = new Map<number, (m: Message) => void>();
  private listeners: ((m: Message) => void)[] = [];

  constructor(
    private browser: CDPSession,
    readonly targetId: string,
    readonly sessionId: string,
  ) {}

  /** Called by the owning browser with every message of this tab's session. */
  receive(m: Message): void {
    if (m.id !== undefined && this.pending.has(m.id)) {
      this.pending.get(m.id)!(m);
      this.pending.delete(m.id);
    } else for (const l of this.listeners) l(m);
  }

  async send<T = any>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    const reply = new Promise<Message>((r) => this.pending.set(id, r));
    await this.browser.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify({ id, method, params }) });
    const m = await reply;
    if (m.error) throw new Error(`${method}: ${m.error.message}`);
    return m.result as T;
  }

  on(listener: (m: Message) => void): () => void {
    this.listeners.push(listener);
    return () => void this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  /** Resolves on the first event named `method` (after this call) within `timeoutMs`. */
  waitFor(method: string, timeoutMs = 60_000): Promise<any> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => (off(), reject(new Error(`No ${method} in ${timeoutMs} ms`))), timeoutMs);
      const off = this.on((m) => {
        if (m.method === method) {
          clearTimeout(timer);
          off();
          resolve(m.params);
        }
      });
    });
  }

  /** Evaluates an expression in the page's main world (returns by value). */
  async evaluate<T>(expression: string): Promise<T> {
    const r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  }

  /** Names and origins of the JavaScript worlds in the page's main frame (Runtime.enable reports the existing ones). */
  async worlds(): Promise<{ name: string; origin: string; type: string }[]> {
    const found: { name: string; origin: string; type: string }[] = [];
    const off = this.on((m) => {
      if (m.method === 'Runtime.executionContextCreated') {
        const c = m.params.context;
        found.push({ name: c.name, origin: c.origin, type: c.auxData?.type ?? '' });
      }
    });
    await this.send('Runtime.enable');
    off();
    return found;
  }
}

export class BenchBrowser {
  private tabs = new Map<string, Tab>();

  private constructor(
    private browser: Browser,
    private session: CDPSession,
    /** The extension's id, when it is loaded. */
    readonly extensionId: string | null,
  ) {
    session.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => this.tabs.get(sessionId)?.receive(JSON.parse(message)));
  }

  /**
   * Launches Chromium; with `extension` (true: the production build, or another unpacked extension's directory),
   * waits until the extension's service worker runs.
   */
  static async launch(extension: boolean | string): Promise<BenchBrowser> {
    const dir = extension === true ? EXTENSION_DIR : extension || null;
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      // Playwright's defaults turn extensions off; the "without" browser keeps the same flags for a fair pair.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [...(dir ? [`--disable-extensions-except=${dir}`, `--load-extension=${dir}`] : []), ...FLAGS],
    });
    const session = await browser.newBrowserCDPSession();
    let extensionId: string | null = null;
    if (dir) {
      await session.send('Target.setDiscoverTargets', { discover: true });
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { targetInfos } = await session.send('Target.getTargets');
        const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
        if (worker) {
          extensionId = new URL(worker.url).host;
          break;
        }
        if (Date.now() > deadline) throw new Error('The extension service worker did not start.');
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return new BenchBrowser(browser, session, extensionId);
  }

  /** A fresh tab on about:blank in the default context (the one with the extension). */
  async newTab(): Promise<Tab> {
    const { targetId } = await this.session.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.session.send('Target.attachToTarget', { targetId, flatten: false });
    const tab = new Tab(this.session, targetId, sessionId);
    this.tabs.set(sessionId, tab);
    return tab;
  }

  async closeTab(tab: Tab): Promise<void> {
    await this.session.send('Target.closeTarget', { targetId: tab.targetId }).catch(() => {});
    this.tabs.delete(tab.sessionId);
  }

  version(): string {
    return this.browser.version();
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}
