/**
 * The token view's background side. A text to show (a selection sent by the
 * badge, or a page's text read by its content script) is kept under a random
 * id in the browser's session memory (`storage.session`: never written to
 * disk, gone when the browser closes, out of content scripts' reach) and in
 * the worker's memory, and the view (entrypoints/tokens) is opened in a new
 * tab beside the page with that id. The view asks for the text and for its
 * split into tokens in the encoding it shows; the split is computed here in
 * slices, like a count. A view's text is forgotten when its tab closes, and
 * the oldest beyond TOKEN_VIEWS_MAX are forgotten too. A text too big for
 * the session storage's quota is kept in the worker's memory only (then it
 * lasts as long as the worker does).
 */
import { browser } from 'wxt/browser';
import { countTokensProgressive, splitTokensProgressive, type Encoding, type TokenSplit } from '@/utils/tokens';
import { countChars } from '@/utils/tokens/text-stats';
import { ProtocolError, type Handlers } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { TOKEN_VIEW_PIECES_PER_ANSWER, TOKEN_VIEWS_MAX, TOKEN_VIEWS_PER_TAB_PER_MINUTE } from '@/utils/model/limits';
import { TokenViewSchema, type PageText, type TokenView, type TokenViewKind } from '@/utils/model/token-view';
import { sendToTab } from '@/utils/protocol/bus';
import { packInts } from '@/utils/protocol/packed';
import { getSettings } from '@/utils/settings';
import { TextUploads } from './uploads';

type TokenViewHandlers = Pick<
  Handlers<typeof backgroundRequests>,
  'tokenView.open' | 'tokenView.get' | 'tokenView.split' | 'page.count' | 'page.view'
>;

export interface TokenViewService extends TokenViewHandlers {
  /** Opens the view of a tab's page text (the page's context menu item); resolves to the view's id. */
  openPageView(tabId: number, kind: 'readable' | 'visible'): Promise<string>;
  /** A tab closed: forgets the views shown in it and the page text read from it. */
  forgetTab(tabId: number): Promise<void>;
}

/** What the service needs from the browser and the rest of the background (replaced in unit tests). */
export interface TokenViewDeps {
  /** The page's texts, read by the tab's content script. */
  pageText(tabId: number): Promise<PageText>;
  /** The encoding the page count uses (the settings' default). */
  defaultEncoding(): Promise<Encoding>;
  /** Opens the view's page in a new tab beside `openerTabId`; resolves to the new tab's id. */
  openTab(url: string, openerTabId: number | null): Promise<number | null>;
}

const INDEX_KEY = 'tokenViews';
const viewKey = (id: string) => `tokenView.${id}`;
/** A page's texts read for the popup's count are reused by its "Token view" for this long. */
const PAGE_TEXT_TTL_MS = 60_000;
/** Splits kept ready (the view's last encodings). */
const SPLITS_KEPT = 3;

interface IndexEntry {
  id: string;
  /** The tab showing it, once open. */
  tabId: number | null;
  created: number;
}

/** 32 random hex digits. */
export function newViewId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The view's address: the extension's page with the id after `#` (never sent anywhere). */
export function viewUrl(viewId: string): string {
  return `${(browser.runtime.getURL as (path: string) => string)('/tokens.html')}#${viewId}`;
}

/** Opens a tab beside the opener (same window, next to it); anywhere if that is refused (a private window). */
export async function openTabBeside(url: string, openerTabId: number | null): Promise<number | null> {
  if (openerTabId !== null) {
    try {
      const opener = await browser.tabs.get(openerTabId);
      const tab = await browser.tabs.create({ url, index: opener.index + 1, windowId: opener.windowId, openerTabId });
      return tab.id ?? null;
    } catch {
      // An extension page may not open in a private window: a normal one then.
    }
  }
  return (await browser.tabs.create({ url })).id ?? null;
}

/** The browser's side of TokenViewDeps. */
export const browserTokenViewDeps: TokenViewDeps = {
  pageText: (tabId) => sendToTab(tabId, 'page.text', {}),
  defaultEncoding: async () => (await getSettings()).defaultEncoding,
  openTab: openTabBeside,
};

export function createTokenViewService(uploads: TextUploads, deps: TokenViewDeps = browserTokenViewDeps): TokenViewService {
  const memory = new Map<string, TokenView>();
  const opensByTab = new Map<number, number[]>();
  const pageTexts = new Map<number, { at: number; text: PageText }>();
  const splits = new Map<string, { promise: Promise<TokenSplit>; controller: AbortController }>();
  /** Index updates one after another (each reads, changes and writes it). */
  let indexQueue: Promise<unknown> = Promise.resolve();
  const withIndex = <T>(change: (index: IndexEntry[]) => T | Promise<T>): Promise<T> => {
    const run = indexQueue.then(async () => {
      const stored = (await browser.storage.session.get(INDEX_KEY))[INDEX_KEY];
      const index: IndexEntry[] = Array.isArray(stored) ? (stored as IndexEntry[]) : [];
      const result = await change(index);
      await browser.storage.session.set({ [INDEX_KEY]: index });
      return result;
    });
    indexQueue = run.catch(() => {});
    return run;
  };

  const forget = async (ids: string[]) => {
    for (const id of ids) {
      memory.delete(id);
      for (const [key, split] of splits) {
        if (key.startsWith(`${id} `)) {
          split.controller.abort();
          splits.delete(key);
        }
      }
    }
    if (ids.length) await browser.storage.session.remove(ids.map(viewKey));
  };

  /** Keeps the views (in memory and, when they fit, in session storage), dropping the oldest beyond the cap. */
  const save = (views: { id: string; view: TokenView }[]) =>
    withIndex(async (index) => {
      for (const { id, view } of views) {
        memory.set(id, view);
        index.push({ id, tabId: null, created: view.created });
        try {
          await browser.storage.session.set({ [viewKey(id)]: view });
        } catch {
          // Over the session storage's quota: this one lives in the worker's memory only.
        }
      }
      index.sort((a, b) => a.created - b.created);
      const dropped = index.splice(0, Math.max(0, index.length - TOKEN_VIEWS_MAX)).map((e) => e.id);
      await forget(dropped);
    });

  const load = async (id: string): Promise<TokenView> => {
    const kept = memory.get(id);
    if (kept) return kept;
    const stored = (await browser.storage.session.get(viewKey(id)))[viewKey(id)];
    const parsed = TokenViewSchema.safeParse(stored);
    if (!parsed.success) {
      throw new ProtocolError('failed', 'This text is no longer kept: token views last while their tab is open and the browser runs.');
    }
    memory.set(id, parsed.data);
    return parsed.data;
  };

  const open = async (viewId: string, openerTabId: number | null) => {
    const tabId = await deps.openTab(viewUrl(viewId), openerTabId);
    if (tabId !== null) {
      await withIndex((index) => {
        const entry = index.find((e) => e.id === viewId);
        if (entry) entry.tabId = tabId;
      });
    }
  };

  const mayOpen = (tabKey: number): boolean => {
    const now = Date.now();
    for (const [tab, times] of opensByTab) if (times.every((t) => now - t >= 60_000)) opensByTab.delete(tab);
    const recent = (opensByTab.get(tabKey) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= TOKEN_VIEWS_PER_TAB_PER_MINUTE) return false;
    recent.push(now);
    opensByTab.set(tabKey, recent);
    return true;
  };

  const readPage = async (tabId: number, fresh: boolean): Promise<PageText> => {
    const cached = pageTexts.get(tabId);
    if (!fresh && cached && Date.now() - cached.at < PAGE_TEXT_TTL_MS) return cached.text;
    let text: PageText;
    try {
      text = await deps.pageText(tabId);
    } catch (error) {
      // No content script there (the browser's own pages, the extension's, a store): the browser's messaging
      // fails, or nobody answers. An answer that failed is passed on.
      if (!(error instanceof ProtocolError) || error.code === 'no-receiver') {
        throw new ProtocolError('no-receiver', 'Token Insight cannot read this page (browsers keep extensions out of some pages).');
      }
      throw error;
    }
    pageTexts.set(tabId, { at: Date.now(), text });
    return text;
  };

  const openPage = async (tabId: number, kind: 'readable' | 'visible', text: PageText): Promise<string> => {
    const created = Date.now();
    const visibleId = newViewId();
    const readableId = text.readable === null ? null : newViewId();
    const view = (body: string, k: TokenViewKind, other: string | null): TokenView => ({ text: body, title: text.title, kind: k, other, created });
    await save([
      ...(readableId !== null ? [{ id: readableId, view: view(text.readable!, 'readable', visibleId) }] : []),
      { id: visibleId, view: view(text.visible, 'visible', readableId) },
    ]);
    const shown = kind === 'readable' && readableId !== null ? readableId : visibleId;
    presplit(shown, shown === readableId ? text.readable! : text.visible);
    await open(shown, tabId);
    return shown;
  };

  const split = (viewId: string, encoding: Encoding, text: string): Promise<TokenSplit> => {
    const key = `${viewId} ${encoding}`;
    const kept = splits.get(key);
    if (kept) {
      // Most recently used last.
      splits.delete(key);
      splits.set(key, kept);
      return kept.promise;
    }
    // A newer encoding for the same view stops an older split still running.
    for (const [other, entry] of splits) if (other.startsWith(`${viewId} `)) entry.controller.abort();
    const controller = new AbortController();
    const promise = splitTokensProgressive(text, encoding, { signal: controller.signal });
    const entry = { promise, controller };
    splits.set(key, entry);
    promise.catch(() => {
      if (splits.get(key) === entry) splits.delete(key);
    });
    while (splits.size > SPLITS_KEPT) splits.delete(splits.keys().next().value!);
    return promise;
  };

  /** Starts splitting a new view's text in the default encoding while its tab loads (the view asks for that first). */
  const presplit = (viewId: string, text: string) => {
    deps
      .defaultEncoding()
      .then((encoding) => split(viewId, encoding, text))
      .catch(() => {
        // The view's own request will tell.
      });
  };

  return {
    'tokenView.open': async ({ requestId, text: last, uploaded, title }, ctx) => {
      const tabKey = ctx.tabId ?? -1;
      const text = uploaded ? uploads.take(requestId, tabKey, last) : last;
      if (!mayOpen(tabKey)) throw new ProtocolError('failed', 'Too many token views were opened from this tab in the last minute.');
      const viewId = newViewId();
      await save([{ id: viewId, view: { text, title, kind: 'selection', other: null, created: Date.now() } }]);
      presplit(viewId, text);
      await open(viewId, ctx.tabId);
      return { viewId };
    },

    'tokenView.get': ({ viewId }) => load(viewId),

    'tokenView.split': async ({ viewId, encoding: asked, from }) => {
      const encoding = asked ?? (await deps.defaultEncoding());
      const view = await load(viewId);
      let result: TokenSplit;
      try {
        result = await split(viewId, encoding, view.text);
      } catch (error) {
        if (error instanceof Error && error.name === 'AbortError') throw new ProtocolError('cancelled', 'A newer split replaced this one.');
        throw error;
      }
      const pieces = result.pieceEnds.length;
      if (from > pieces) throw new ProtocolError('bad-payload', `The text has ${pieces} pieces.`);
      const firstToken = from > 0 ? result.pieceTokenEnds[from - 1]! : 0;
      let end = from;
      while (end < pieces && end - from < TOKEN_VIEW_PIECES_PER_ANSWER && (end === from || result.pieceTokenEnds[end - 1]! - firstToken < TOKEN_VIEW_PIECES_PER_ANSWER)) end++;
      const lastToken = end > 0 ? result.pieceTokenEnds[end - 1]! : 0;
      return {
        encoding,
        tokens: result.ids.length,
        pieces,
        from,
        ids: packInts(result.ids.subarray(firstToken, lastToken)),
        pieceEnds: packInts(result.pieceEnds.subarray(from, end), true),
        pieceTokenEnds: packInts(result.pieceTokenEnds.subarray(from, end), true),
        next: end < pieces ? end : null,
      };
    },

    'page.count': async ({ tabId }) => {
      const text = await readPage(tabId, true);
      const encoding = await deps.defaultEncoding();
      const count = async (body: string) => ({ tokens: await countTokensProgressive(body, encoding), chars: countChars(body) });
      return {
        title: text.title,
        encoding,
        readable: text.readable === null ? null : await count(text.readable),
        visible: await count(text.visible),
      };
    },

    'page.view': async ({ tabId, kind }) => ({ viewId: await openPage(tabId, kind, await readPage(tabId, false)) }),

    openPageView: async (tabId, kind) => openPage(tabId, kind, await readPage(tabId, true)),

    forgetTab: async (tabId) => {
      pageTexts.delete(tabId);
      const ids = await withIndex((index) => {
        const gone = index.filter((e) => e.tabId === tabId).map((e) => e.id);
        index.splice(0, index.length, ...index.filter((e) => e.tabId !== tabId));
        return gone;
      });
      await forget(ids);
    },
  };
}
