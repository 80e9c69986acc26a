/**
 * The browser-neutral face of the e2e harness: what every suite uses to drive
 * the extension, implemented by a Chromium driver (chromium.ts, Playwright over
 * CDP) and a Firefox driver (firefox.ts, puppeteer-core over WebDriver BiDi).
 *
 * A page and its locators are the subset of Playwright's Page and Locator the
 * suites use, with Playwright's meaning (locators find elements through open
 * shadow roots, wait for them, act with real input): Playwright's own objects
 * are the Chromium implementation, firefox.ts implements the same calls.
 * What is not a page (the extension's background, routing a host to a local
 * server, the network switch, the clipboard) is on the session.
 */

export type BrowserName = 'chromium' | 'firefox';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FilePayload {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface UiLocator {
  locator(selector: string): UiLocator;
  getByTestId(testId: string): UiLocator;
  getByRole(role: 'button' | 'link', options: { name: string }): UiLocator;
  first(): UiLocator;
  last(): UiLocator;
  count(): Promise<number>;
  getAttribute(name: string): Promise<string | null>;
  textContent(): Promise<string | null>;
  allTextContents(): Promise<string[]>;
  inputValue(): Promise<string>;
  isChecked(): Promise<boolean>;
  isDisabled(): Promise<boolean>;
  boundingBox(): Promise<Box | null>;
  click(options?: { clickCount?: number; timeout?: number }): Promise<void>;
  focus(): Promise<void>;
  blur(): Promise<void>;
  fill(value: string): Promise<void>;
  press(key: string): Promise<void>;
  uncheck(): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  scrollIntoViewIfNeeded(): Promise<void>;
  setInputFiles(files: string | FilePayload): Promise<void>;
  waitFor(options: { state: 'attached' | 'detached' | 'visible'; timeout?: number }): Promise<void>;
  evaluate<R>(fn: (element: any) => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (element: any, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  evaluateAll<R>(fn: (elements: any[]) => R | Promise<R>): Promise<R>;
}

export interface UiMouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<void>;
  /** Presses and releases the left button where the pointer is (a drag in between: `move`). */
  down(): Promise<void>;
  up(): Promise<void>;
  click(x: number, y: number): Promise<void>;
  wheel(deltaX: number, deltaY: number): Promise<void>;
}

export interface UiKeyboard {
  /** A key or a chord, e.g. 'Enter', 'Shift+ArrowRight', 'ControlOrMeta+A'. */
  press(key: string): Promise<void>;
  /** Inserts text as typing or pasting would (one input event). */
  insertText(text: string): Promise<void>;
  /** Types text key by key (a key down and up per character, line feeds as Enter), as a user would. */
  type(text: string): Promise<void>;
}

export interface UiDownload {
  suggestedFilename(): string;
  /** The downloaded file on disk. */
  path(): Promise<string>;
}

export interface ConsoleLine {
  type(): string;
  text(): string;
}

export interface UiPage {
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  close(): Promise<void>;
  bringToFront(): Promise<void>;
  locator(selector: string): UiLocator;
  getByTestId(testId: string): UiLocator;
  getByRole(role: 'button' | 'link', options: { name: string }): UiLocator;
  // The function runs in the page: Playwright and puppeteer both send its source.
  evaluate<R>(fn: string | (() => R | Promise<R>)): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  waitForFunction<A>(fn: (arg: A) => unknown, arg?: A, options?: { timeout?: number }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  setViewportSize(size: { width: number; height: number }): Promise<void>;
  emulateMedia(options: { colorScheme: 'light' | 'dark' }): Promise<void>;
  screenshot(options: { path: string; clip?: Box; fullPage?: boolean }): Promise<unknown>;
  waitForEvent(event: 'download'): Promise<UiDownload>;
  on(event: 'pageerror', listener: (error: Error) => void): unknown;
  on(event: 'console', listener: (line: ConsoleLine) => void): unknown;
  mouse: UiMouse;
  keyboard: UiKeyboard;
}

export interface LaunchOptions {
  /** Reuse a profile (browser restart tests). A temporary one otherwise. */
  userDataDir?: string;
  /** Browser UI language, e.g. 'hi'. */
  locale?: string;
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  /** Host names answered with 127.0.0.1 (a name that is not a secure context, as any plain http:// site). */
  loopbackHosts?: string[];
  /** Sends all the browser's HTTP traffic, loopback included, through this local proxy port. */
  proxyPort?: number;
  /** Load the production build (no test hooks) instead of the e2e build. */
  production?: boolean;
}

export interface BackgroundHandle {
  /**
   * Runs `fn` in an extension context with the extension's APIs (`chrome.*`,
   * its IndexedDB): the service worker in Chromium, an extension page in
   * Firefox. For the storage, tabs, menus and database calls tests make.
   */
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /**
   * Runs `fn` with the background's own global scope as `scope` (the service
   * worker's, or Firefox's event page window), to patch or mark it.
   */
  evaluateInScope<R>(fn: (scope: any) => R | Promise<R>): Promise<R>;
  evaluateInScope<R, A>(fn: (scope: any, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Stops the background as the browser does when it idles (it starts again on the next event). */
  stop(): Promise<void>;
}

export interface ExtensionSession {
  readonly browserName: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid>. */
  readonly origin: string;
  /** runtime.id: Chromium's extension id, Firefox's add-on (gecko) id. */
  readonly runtimeId: string;
  /** What identifies this install and no page may learn: Chromium's extension id; Firefox's add-on id and per-install UUID. */
  readonly secrets: string[];
  readonly userDataDir: string;
  readonly background: BackgroundHandle;
  newPage(): Promise<UiPage>;
  /** Opens one of the extension's pages (popup.html, options.html) in a tab. */
  openExtensionPage(path: string): Promise<UiPage>;
  /**
   * The tab the browser opens while `action` runs (the extension opening one of its pages beside
   * the page, a link in a new tab), once its first document has started loading.
   */
  waitForNewPage(action: () => Promise<unknown>, timeout?: number): Promise<UiPage>;
  /** Answers requests to `origin` (e.g. https://api.coinbase.com) from `target` (http://127.0.0.1:port), same path. */
  routeHost(origin: string, target: string): Promise<void>;
  unrouteHost(origin: string): Promise<void>;
  /** Cuts pages off the network (and says so: navigator.onLine is false), or reconnects them. */
  setOffline(offline: boolean): Promise<void>;
  /** Lets pages of `origin` read and write the clipboard without a prompt. */
  allowClipboard(origin: string): Promise<void>;
  /** Closes the browser; deletes the profile unless it was given. */
  close(): Promise<void>;
}
