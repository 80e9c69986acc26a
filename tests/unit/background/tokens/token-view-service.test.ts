/**
 * The token view's background service: texts kept in session storage under a
 * random id and opened in a tab beside the page; splits sent in packed parts;
 * views forgotten with their tab, beyond the cap, and never handed to a
 * content script; the page count of a tab's texts.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTokenViewService, type TokenViewDeps } from '@/entrypoints/background/tokens/token-view-service';
import { TextUploads } from '@/entrypoints/background/tokens/uploads';
import { countTokens, splitTokens, type Encoding } from '@/utils/tokens';
import { unpackInts } from '@/utils/protocol/packed';
import { CHANNEL, ProtocolError, handleRequest, type RequestContext } from '@/utils/protocol/validate';
import { backgroundRequests } from '@/utils/protocol/requests';
import { TOKEN_VIEW_PIECES_PER_ANSWER, TOKEN_VIEWS_MAX, TOKEN_VIEWS_PER_TAB_PER_MINUTE } from '@/utils/model/limits';
import type { PageText, TokenSplitPart } from '@/utils/model/token-view';

const content: RequestContext = { sender: 'content', tabId: 4, frameId: 0, url: 'https://a.example/post' };
const page: RequestContext = { sender: 'extension', tabId: null, frameId: null, url: null };

function setup(over: Partial<TokenViewDeps> = {}, uploads = new TextUploads()) {
  const opened: { url: string; opener: number | null }[] = [];
  let nextTab = 100;
  const deps: TokenViewDeps = {
    pageText: async () => ({ title: 'A page', readable: 'The article.', visible: 'Menu\nThe article.\nFooter' }),
    defaultEncoding: async () => 'o200k_base',
    openTab: async (url, opener) => {
      opened.push({ url, opener });
      return nextTab++;
    },
    ...over,
  };
  return { service: createTokenViewService(uploads, deps), opened, uploads };
}

async function whole(service: ReturnType<typeof setup>['service'], viewId: string, encoding?: Encoding) {
  const parts: TokenSplitPart[] = [];
  let from: number | null = 0;
  while (from !== null) {
    const part: TokenSplitPart = await service['tokenView.split']({ viewId, from, ...(encoding ? { encoding } : {}) }, page);
    parts.push(part);
    from = part.next;
  }
  return parts;
}

describe('token view service', () => {
  it('keeps a selection under a random id and opens its view beside the page', async () => {
    const { service, opened } = setup();
    const { viewId } = await service['tokenView.open']({ requestId: 'r1', text: 'Hello, tokens!', title: 'Post' }, content);
    expect(viewId).toMatch(/^[0-9a-f]{32}$/);
    expect(opened).toEqual([{ url: expect.stringMatching(new RegExp(`/tokens\\.html#${viewId}$`)), opener: 4 }]);
    expect(await service['tokenView.get']({ viewId }, page)).toMatchObject({ text: 'Hello, tokens!', title: 'Post', kind: 'selection', other: null });
    // In the browser's session storage (memory only), where content scripts cannot read it.
    expect(await fakeBrowser.storage.session.get(`tokenView.${viewId}`)).toMatchObject({ [`tokenView.${viewId}`]: { text: 'Hello, tokens!' } });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    // A new worker (same session) still has it.
    const { service: restarted } = setup();
    expect((await restarted['tokenView.get']({ viewId }, page)).text).toBe('Hello, tokens!');
  });

  it('joins a long selection sent in slices first', async () => {
    const uploads = new TextUploads();
    const { service } = setup({}, uploads);
    uploads.add('r2', 4, 'first half, ');
    const { viewId } = await service['tokenView.open']({ requestId: 'r2', text: 'second half.', uploaded: true, title: '' }, content);
    expect((await service['tokenView.get']({ viewId }, page)).text).toBe('first half, second half.');
  });

  it('sends the split in the default encoding or the one asked, equal to splitTokens', async () => {
    const { service } = setup({ defaultEncoding: async () => 'cl100k_base' });
    const text = 'Tokens: हिन्दी 👍🏽 and code() 3.14159';
    const { viewId } = await service['tokenView.open']({ requestId: 'r3', text, title: '' }, content);
    for (const encoding of [undefined, 'o200k_base'] as const) {
      const [part, ...rest] = await whole(service, viewId, encoding);
      const expected = await splitTokens(text, encoding ?? 'cl100k_base');
      expect(rest).toEqual([]);
      expect(part!.encoding).toBe(encoding ?? 'cl100k_base');
      expect(part!.tokens).toBe(await countTokens(text, encoding ?? 'cl100k_base'));
      expect(unpackInts(part!.ids)).toEqual(expected.ids);
      expect(unpackInts(part!.pieceEnds, true)).toEqual(expected.pieceEnds);
      expect(unpackInts(part!.pieceTokenEnds, true)).toEqual(expected.pieceTokenEnds);
    }
  }, 30_000);

  it('sends a split of more pieces than one answer holds in parts that join to it', async () => {
    const { service } = setup();
    const text = 'a' + ' a'.repeat(TOKEN_VIEW_PIECES_PER_ANSWER + 5000);
    const { viewId } = await service['tokenView.open']({ requestId: 'r4', text, title: '' }, content);
    const parts = await whole(service, viewId);
    expect(parts.map((p) => p.from)).toEqual([0, TOKEN_VIEW_PIECES_PER_ANSWER]);
    const ends = parts.flatMap((p) => Array.from(unpackInts(p.pieceEnds, true)));
    expect(ends).toEqual(Array.from((await splitTokens(text, 'o200k_base')).pieceEnds));
    await expect(service['tokenView.split']({ viewId, from: ends.length + 1 }, page)).rejects.toThrow(ProtocolError);
  }, 60_000);

  it('forgets a view when its tab closes, and the oldest beyond the cap', async () => {
    const { service } = setup();
    const first = (await service['tokenView.open']({ requestId: 'a', text: 'first', title: '' }, content)).viewId;
    const second = (await service['tokenView.open']({ requestId: 'b', text: 'second', title: '' }, { ...content, tabId: 5 })).viewId;
    await service.forgetTab(100);
    await expect(service['tokenView.get']({ viewId: first }, page)).rejects.toThrow(/no longer kept/);
    expect(await fakeBrowser.storage.session.get(`tokenView.${first}`)).toEqual({});
    expect((await service['tokenView.get']({ viewId: second }, page)).text).toBe('second');

    const ids: string[] = [];
    for (let i = 0; i < TOKEN_VIEWS_MAX; i++) {
      ids.push((await service['tokenView.open']({ requestId: `c${i}`, text: `view ${i}`, title: '' }, { ...content, tabId: 10 + i })).viewId);
    }
    await expect(service['tokenView.get']({ viewId: second }, page)).rejects.toThrow(/no longer kept/);
    expect((await service['tokenView.get']({ viewId: ids[0]! }, page)).text).toBe('view 0');
  });

  it('lets one tab open only so many views a minute', async () => {
    const { service } = setup();
    for (let i = 0; i < TOKEN_VIEWS_PER_TAB_PER_MINUTE; i++) await service['tokenView.open']({ requestId: `r${i}`, text: 'x', title: '' }, content);
    await expect(service['tokenView.open']({ requestId: 'over', text: 'x', title: '' }, content)).rejects.toThrow(/Too many token views/);
    // Another tab is not held back.
    await service['tokenView.open']({ requestId: 'other', text: 'x', title: '' }, { ...content, tabId: 9 });
  });

  it('counts a tab’s readable and visible text in the default encoding, and opens either, linked to the other', async () => {
    const texts: PageText = { title: 'A page', readable: 'The article, in full.', visible: 'Menu\nThe article, in full.\nFooter' };
    const { service, opened } = setup({ pageText: async () => texts, defaultEncoding: async () => 'cl100k_base' });
    expect(await service['page.count']({ tabId: 7 }, page)).toEqual({
      title: 'A page',
      encoding: 'cl100k_base',
      readable: { tokens: await countTokens(texts.readable!, 'cl100k_base'), chars: texts.readable!.length },
      visible: { tokens: await countTokens(texts.visible, 'cl100k_base'), chars: texts.visible.length },
    });
    const { viewId } = await service['page.view']({ tabId: 7, kind: 'readable' }, page);
    expect(opened.at(-1)!.opener).toBe(7);
    const readable = await service['tokenView.get']({ viewId }, page);
    expect(readable).toMatchObject({ kind: 'readable', text: texts.readable, title: 'A page' });
    const visible = await service['tokenView.get']({ viewId: readable.other! }, page);
    expect(visible).toMatchObject({ kind: 'visible', text: texts.visible, other: viewId });
  });

  it('opens the visible text when the page has no article, and says so when the page cannot be read', async () => {
    const { service } = setup({ pageText: async () => ({ title: 'App', readable: null, visible: 'Buttons' }) });
    expect((await service['page.count']({ tabId: 3 }, page)).readable).toBeNull();
    const viewId = await service.openPageView(3, 'readable');
    expect(await service['tokenView.get']({ viewId }, page)).toMatchObject({ kind: 'visible', text: 'Buttons', other: null });

    const { service: blocked } = setup({
      pageText: async () => {
        throw new ProtocolError('no-receiver', 'Nobody answered "page.text".');
      },
    });
    await expect(blocked['page.count']({ tabId: 3 }, page)).rejects.toThrow(/cannot read this page/);
  });

  it('is reachable only as the request table allows: a content script can open a view but never read one', async () => {
    const { service } = setup();
    const self = { id: 'ext', baseUrl: 'chrome-extension://ext/' };
    const { viewId } = await service['tokenView.open']({ requestId: 'r', text: 'secret selection', title: '' }, content);
    const handlers = { 'tokenView.get': service['tokenView.get'], 'tokenView.split': service['tokenView.split'], 'page.count': service['page.count'] };
    const fromPage = { id: 'ext', url: 'https://evil.example/', tab: { id: 4 }, frameId: 0 };
    for (const [kind, payload] of [
      ['tokenView.get', { viewId }],
      ['tokenView.split', { viewId, from: 0 }],
      ['page.count', { tabId: 4 }],
    ] as const) {
      const reply = await handleRequest(backgroundRequests, handlers, { channel: CHANNEL, kind, payload }, fromPage, self);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const fromView = { id: 'ext', url: `chrome-extension://ext/tokens.html#${viewId}` };
    expect(await handleRequest(backgroundRequests, handlers, { channel: CHANNEL, kind: 'tokenView.get', payload: { viewId } }, fromView, self)).toMatchObject({
      ok: true,
      value: { text: 'secret selection' },
    });
  });
});
