/**
 * What the history keeps of a page: never anything from a private window,
 * addresses without query string and fragment and never longer than URL_MAX,
 * and lists and exports that skip a damaged row instead of failing whole.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb, getDb } from '@/entrypoints/background/storage/db';
import { CHANNEL, handleRequest } from '@/utils/protocol/validate';
import { backgroundRequests } from '@/utils/protocol/requests';
import { createBackgroundHandlers } from '@/entrypoints/background/handlers';
import { createPriceService } from '@/entrypoints/background/prices/price-service';
import { listCounts, listSightings } from '@/entrypoints/background/storage/history-store';
import { recordCount } from '@/entrypoints/background/tokens/count-recorder';
import { addToWatchlist } from '@/entrypoints/background/storage/watchlist-store';
import { historyPageUrl } from '@/utils/model/history';
import { URL_MAX, WATCHLIST_MAX } from '@/utils/model/limits';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const handlers = createBackgroundHandlers(createPriceService());
const self = { id: 'ours', baseUrl: 'chrome-extension://ours/' };
const popup = { id: 'ours', url: 'chrome-extension://ours/popup.html' };
const tabSender = (url: string, incognito = false) => ({ id: 'ours', url, tab: { id: 4, incognito }, frameId: 0 });
const send = (kind: string, payload: unknown, sender: object = popup) =>
  handleRequest(backgroundRequests, handlers, { channel: CHANNEL, kind, payload }, sender, self);
const coins = [{ coinId: 'bittensor', symbol: 'TAO', count: 2 }];
const longUrl = `https://news.example/${'a'.repeat(5000)}?session=SECRET#frag`;

describe('page addresses in the history', () => {
  it('drops query string, fragment and credentials and shortens to URL_MAX', () => {
    expect(historyPageUrl('https://me:pw@news.example/a/b?reset=TOKEN#x')).toBe('https://news.example/a/b');
    expect(historyPageUrl('file:///etc/passwd')).toBeNull();
    expect(historyPageUrl('not a url')).toBeNull();
    expect(historyPageUrl(longUrl)!.length).toBe(URL_MAX);
  });

  it('after a page with a 5,000-character address, the summaries list it and Export works', async () => {
    expect(await send('sightings.record', { title: 'Long', coins }, tabSender(longUrl))).toEqual({ ok: true, value: { recorded: true } });
    await recordCount({ url: longUrl, title: 'Long', text: 'hello there', encoding: 'o200k_base', counts: { o200k_base: 2 }, chars: 11, words: 2 });
    const sightings = await send('history.sightings', {});
    expect(sightings).toMatchObject({ ok: true });
    const [row] = (sightings as { value: { pageUrl: string }[] }).value;
    expect(row!.pageUrl.length).toBe(URL_MAX);
    expect(row!.pageUrl).not.toContain('SECRET');
    const counts = (await send('history.counts', {})) as { ok: true; value: { url: string }[] };
    expect(counts.value[0]!.url).not.toContain('SECRET');
    expect(await send('data.export', {})).toMatchObject({ ok: true, value: { sightings: [{ pageUrl: row!.pageUrl }] } });
  });

  it('skips a damaged row (an older version’s unshortened address) instead of failing the list and the export', async () => {
    const db = await getDb();
    await db.put('sightings', { pageUrl: `https://old.example/${'x'.repeat(5000)}`, coinId: 'bittensor', symbol: 'TAO', title: 'Old', count: 1, time: 5 });
    await db.put('sightings', { pageUrl: 'https://ok.example/', coinId: 'bittensor', symbol: 'TAO', title: 'Ok', count: 1, time: 6 });
    await db.add('counts', { time: 7, url: 'y'.repeat(5000), title: 'Old', encoding: 'o200k_base', counts: {}, chars: 1, words: 1 });
    expect(await send('history.sightings', {})).toMatchObject({ ok: true, value: [{ pageUrl: 'https://ok.example/' }] });
    expect(await send('history.counts', {})).toEqual({ ok: true, value: [] });
    expect(await send('data.export', {})).toMatchObject({ ok: true, value: { sightings: [{ pageUrl: 'https://ok.example/' }], counts: [] } });
  });
});

describe('private windows', () => {
  it('records no sightings and no counts from an incognito tab', async () => {
    const reply = await send('sightings.record', { title: 'Private', coins }, tabSender('https://private.example/', true));
    expect(reply).toEqual({ ok: true, value: { recorded: false } });
    const counted = await send(
      'tokens.count',
      { requestId: 'r1', text: 'private words', encodings: ['o200k_base'], history: { title: 'Private' } },
      tabSender('https://private.example/', true),
    );
    expect(counted).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(await listSightings()).toEqual([]);
    expect(await listCounts()).toEqual([]);
  });

  it('still records the same page in a normal window', async () => {
    expect(await send('sightings.record', { title: 'Public', coins }, tabSender('https://public.example/'))).toEqual({ ok: true, value: { recorded: true } });
  });
});

describe('watchlist cap', () => {
  it('refuses the coin after WATCHLIST_MAX, from a content script too', async () => {
    const db = await getDb();
    const tx = db.transaction('watchlist', 'readwrite');
    for (let i = 0; i < WATCHLIST_MAX; i++) void tx.store.put({ coinId: `coin-${i}`, symbol: 'C', name: 'Coin', position: i, addedAt: 1 });
    await tx.done;
    const reply = await send('watchlist.add', { coinId: 'one-more', symbol: 'ONE', name: 'One more' }, tabSender('https://news.example/'));
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringContaining('full') } });
    await expect(addToWatchlist({ coinId: 'coin-3', symbol: 'C', name: 'Coin' })).resolves.toHaveLength(WATCHLIST_MAX);
    expect(await send('data.export', {})).toMatchObject({ ok: true });
  });
});
