/**
 * The Chromium driver: Debian's /usr/bin/chromium, headless, with the built
 * extension loaded, through Playwright (CDP). Playwright's Page and Locator are
 * the harness's UiPage and UiLocator (driver.ts describes the same calls).
 */
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExtensionSession, LaunchOptions, UiPage } from './driver';
import { CHROMIUM_PATH, extensionDir } from './paths';

/** Playwright's page, seen through the harness's browser-neutral type (the same calls, with Playwright's meaning). */
const ui = (page: Page): UiPage => page as unknown as UiPage;
/** The Playwright page under a harness page (Chromium-only code: CDP sessions, the bench). */
export const playwrightPage = (page: UiPage): Page => page as unknown as Page;

export interface ChromiumSession extends ExtensionSession {
  context: BrowserContext;
  extensionId: string;
}

export async function launchChromium(options: LaunchOptions = {}): Promise<ChromiumSession> {
  const ownProfile = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(join(tmpdir(), 'token-insight-e2e-')));
  const dir = extensionDir('chromium', options.production);
  const args = [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (options.locale) args.push(`--lang=${options.locale}`);
  if (options.loopbackHosts?.length) args.push(`--host-resolver-rules=${options.loopbackHosts.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`);
  if (options.proxyPort) args.push(`--proxy-server=http://127.0.0.1:${options.proxyPort}`, '--proxy-bypass-list=<-loopback>');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args,
    locale: options.locale,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    env: { ...process.env, ...(options.locale ? { LANGUAGE: options.locale } : {}) },
  });
  const first =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(first.url()).host;
  const origin = `chrome-extension://${extensionId}`;
  /** The running service worker (a new one after a restart). */
  const worker = async (): Promise<Worker> =>
    context.serviceWorkers().find((w) => w.url().startsWith(`${origin}/`)) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const routes = new Map<string, (route: import('playwright-core').Route) => Promise<void>>();

  const unrouteHost = async (from: string) => {
    const handler = routes.get(from);
    if (!handler) return;
    routes.delete(from);
    await context.unroute(`${from}/**`, handler);
  };
  return {
    browserName: 'chromium',
    context,
    extensionId,
    origin,
    runtimeId: extensionId,
    secrets: [extensionId],
    userDataDir,
    background: {
      async evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
        return (await worker()).evaluate(fn as never, arg) as Promise<R>;
      },
      async evaluateInScope<R, A>(fn: (scope: any, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
        return (await worker()).evaluate(`(${fn.toString()})(globalThis, ${arg === undefined ? 'undefined' : JSON.stringify(arg)})`) as Promise<R>;
      },
      async stop() {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        try {
          await cdp.send('ServiceWorker.enable');
          await cdp.send('ServiceWorker.stopAllWorkers');
        } finally {
          await cdp.detach().catch(() => {});
          await page.close();
        }
      },
    },
    async newPage() {
      return ui(await context.newPage());
    },
    async waitForNewPage(action: () => Promise<unknown>, timeout = 30_000) {
      const [page] = await Promise.all([context.waitForEvent('page', { timeout }), action()]);
      await page.waitForLoadState('domcontentloaded', { timeout });
      return ui(page);
    },
    async openExtensionPage(path: string) {
      const page = await context.newPage();
      await page.goto(`${origin}/${path.replace(/^\//, '')}`);
      return ui(page);
    },
    async routeHost(from, target) {
      const handler = async (route: import('playwright-core').Route) => {
        const url = new URL(route.request().url());
        try {
          const response = await route.fetch({ url: `${target}${url.pathname}${url.search}`, timeout: 10_000 });
          await route.fulfill({ response });
        } catch {
          // The target is down: fail like a dead network.
          await route.abort('connectionrefused').catch(() => {});
        }
      };
      await unrouteHost(from);
      routes.set(from, handler);
      await context.route(`${from}/**`, handler);
    },
    unrouteHost,
    async setOffline(offline) {
      await context.setOffline(offline);
    },
    async allowClipboard(pageOrigin) {
      // CDP takes no extension origin (chrome-extension:// is opaque to it): the extension's pages get the grant for every origin.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], pageOrigin.startsWith('chrome-extension:') ? {} : { origin: pageOrigin });
    },
    async close() {
      await context.close();
      if (ownProfile) await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium only (the bench): evaluates `expression` inside Token Insight's content script world on
 * `page`, through CDP, awaiting a returned promise. The suites use the named requests of
 * content-bridge.ts, which work in both browsers.
 */
export async function evaluateInContentScript<T>(uiPage: UiPage, expression: string, timeoutMs = 10_000): Promise<T> {
  const page = playwrightPage(uiPage);
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
        const result = await cdp.send('Runtime.evaluate', { expression, contextId: ours.id, awaitPromise: true, returnByValue: true });
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
