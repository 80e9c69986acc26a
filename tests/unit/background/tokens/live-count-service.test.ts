/**
 * The background's live count: a box's text arrives as edits of the version
 * the page last heard, each answered with exact counts; an edit the worker
 * cannot place (restarted, forgotten, out of order) is `lost`, never a wrong
 * count; the text lives in memory only, one box per tab, and goes away when
 * the box does, when it is stale, or when all boxes together hold too much.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createLiveCountService, SESSION_TTL_MS } from '@/entrypoints/background/tokens/live-count-service';
import { countTokens } from '@/utils/tokens';
import { backgroundRequests } from '@/utils/protocol/requests';
import { handleRequest, ProtocolError, type RequestContext } from '@/utils/protocol/validate';
import { LIVE_COUNT_MAX_CHARS } from '@/utils/model/limits';

const tab = (tabId: number): RequestContext => ({ sender: 'content', tabId, frameId: 0, url: 'https://chatgpt.com/' });
const encodings = ['o200k_base', 'cl100k_base'] as const;

describe('live count service', () => {
  it('counts a box’s text exactly from its edits, in every encoding asked', async () => {
    const service = createLiveCountService();
    let text = '';
    let version = 0;
    const edits = [
      { start: 0, removed: 0, inserted: 'Hello wrld' },
      { start: 7, removed: 0, inserted: 'o' },
      { start: 11, removed: 0, inserted: ', नमस्ते 👨‍👩‍👧!\n\nNext paragraph.' },
      { start: 0, removed: 5, inserted: 'Goodbye' },
      { start: 3, removed: 20, inserted: '' },
    ];
    for (const edit of edits) {
      const answer = await service['live.edit']({ session: 's1', base: version, ...edit, encodings: [...encodings] }, tab(1));
      text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.start + edit.removed);
      version++;
      expect(answer).toEqual({
        version,
        lost: false,
        counts: { o200k_base: await countTokens(text, 'o200k_base'), cl100k_base: await countTokens(text, 'cl100k_base') },
      });
    }
  }, 30_000);

  it('answers "lost" for an edit it cannot place, and counts again from a new session', async () => {
    const service = createLiveCountService();
    const edit = (session: string, base: number, start: number, removed: number, inserted: string, ctx = tab(1)) =>
      service['live.edit']({ session, base, start, removed, inserted, encodings: ['o200k_base'] }, ctx);
    // A worker that never had the session (it restarted): lost, whatever the edit.
    expect(await edit('s1', 3, 0, 0, 'x')).toEqual({ version: 0, counts: {}, lost: true });
    expect((await edit('s1', 0, 0, 0, 'abc')).version).toBe(1);
    // Out of order, outside the text, or with other encodings: lost, and the session keeps its version.
    expect(await edit('s1', 0, 0, 0, 'x')).toEqual({ version: 1, counts: {}, lost: true });
    expect(await edit('s1', 1, 2, 5, '')).toEqual({ version: 1, counts: {}, lost: true });
    expect(
      await service['live.edit']({ session: 's1', base: 1, start: 0, removed: 0, inserted: 'x', encodings: ['cl100k_base'] }, tab(1)),
    ).toMatchObject({ lost: true });
    expect(await edit('s1', 1, 3, 0, 'd')).toEqual({ version: 2, counts: { o200k_base: await countTokens('abcd', 'o200k_base') }, lost: false });
    // Another tab has its own box; a new session in a tab replaces that tab's old one.
    expect((await edit('t1', 0, 0, 0, 'other tab', tab(2))).lost).toBe(false);
    expect((await edit('s2', 0, 0, 0, 'new box')).lost).toBe(false);
    expect(await edit('s1', 2, 0, 0, 'x')).toMatchObject({ lost: true });
    expect(service.sessionCount()).toBe(2);
  });

  it('forgets a box that lost focus, one that went stale, and old boxes past the memory cap', async () => {
    let clock = 0;
    const service = createLiveCountService({ now: () => clock, totalChars: 100 });
    const edit = (session: string, ctx: RequestContext, inserted: string, base = 0) =>
      service['live.edit']({ session, base, start: 0, removed: 0, inserted, encodings: ['o200k_base'] }, ctx);
    await edit('a', tab(1), 'x'.repeat(40));
    expect(await service['live.end']({ session: 'other' }, tab(1))).toEqual({ ended: false });
    expect(await service['live.end']({ session: 'a' }, tab(1))).toEqual({ ended: true });
    expect(await edit('a', tab(1), 'y', 1)).toMatchObject({ lost: true });

    await edit('b', tab(2), 'x'.repeat(40));
    clock += 1000;
    await edit('c', tab(3), 'x'.repeat(40));
    clock += 1000;
    // 40 + 40 + 40 > 100: the least recently typed-in box (b) goes.
    await edit('d', tab(4), 'x'.repeat(40));
    expect(await edit('b', tab(2), 'y', 1)).toMatchObject({ lost: true });
    expect((await edit('c', tab(3), 'y', 1)).lost).toBe(false);
    clock += SESSION_TTL_MS + 1;
    await edit('e', tab(5), 'x');
    expect(service.sessionCount()).toBe(1);
  });

  it('refuses a text longer than the live count follows, and forgets it', async () => {
    const service = createLiveCountService();
    await service['live.edit']({ session: 's', base: 0, start: 0, removed: 0, inserted: 'x', encodings: ['o200k_base'] }, tab(1));
    const big = 'word '.repeat(50_000);
    let base = 1;
    let error: unknown = null;
    try {
      for (let i = 0; i * big.length <= LIVE_COUNT_MAX_CHARS; i++) {
        await service['live.edit']({ session: 's', base, start: 0, removed: 0, inserted: big, encodings: ['o200k_base'] }, tab(1));
        base++;
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe('bad-payload');
    expect(service.sessionCount()).toBe(0);
  });

  it('stores nothing: no setting, no history, no storage item', async () => {
    const service = createLiveCountService();
    await service['live.edit']({ session: 's', base: 0, start: 0, removed: 0, inserted: 'private prompt text', encodings: ['o200k_base'] }, tab(1));
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('is for content scripts only', async () => {
    const service = createLiveCountService();
    const self = { id: 'ours', baseUrl: 'chrome-extension://ours/' };
    const message = { channel: 'token-insight/v1', kind: 'live.edit', payload: { session: 's', base: 0, start: 0, removed: 0, inserted: 'x', encodings: ['o200k_base'] } };
    const fromPopup = await handleRequest(backgroundRequests, service, message, { id: 'ours', url: 'chrome-extension://ours/popup.html' }, self);
    expect(fromPopup).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromPage = await handleRequest(backgroundRequests, service, message, { id: 'ours', url: 'https://chatgpt.com/', tab: { id: 4 }, frameId: 0 }, self);
    expect(fromPage).toMatchObject({ ok: true, value: { version: 1, lost: false } });
  });
});
