import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb, withDb } from '@/entrypoints/background/storage/db';
import type { Quote } from '@/utils/model/quote';
import { idbQuoteStore, pruneQuotes } from '@/entrypoints/background/storage/quote-cache';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const q = (coinId: string, currency: string, fetchedAt: number, price: number | null = 1): Quote => ({
  coinId,
  symbol: coinId.slice(0, 3).toUpperCase(),
  name: coinId,
  currency,
  price,
  change24h: null,
  marketCap: null,
  volume24h: null,
  rank: null,
  sparkline7d: [1, 2],
  lastUpdated: null,
  source: 'CoinGecko',
  fetchedAt,
});

describe('quote cache in IndexedDB', () => {
  it('keeps one quote per coin and currency', async () => {
    await idbQuoteStore.write([q('bittensor', 'usd', 10, 400), q('bittensor', 'inr', 10, 33_000), q('fetch-ai', 'usd', 10, null)]);
    await idbQuoteStore.write([q('bittensor', 'usd', 20, 410)]);
    const usd = await idbQuoteStore.read(['bittensor', 'fetch-ai', 'numeraire'], 'usd');
    expect([...usd.keys()].sort()).toEqual(['bittensor', 'fetch-ai']);
    expect(usd.get('bittensor')).toMatchObject({ price: 410, fetchedAt: 20 });
    expect(usd.get('fetch-ai')!.price).toBeNull();
    expect((await idbQuoteStore.read(['bittensor'], 'inr')).get('bittensor')!.price).toBe(33_000);
  });

  it('ignores rows of another shape (e.g. written by an older version)', async () => {
    await withDb((db) => db.put('quotes', { coinId: 'bittensor', currency: 'usd', source: 'CoinGecko', fetchedAt: 5, quote: { price: 420 } }));
    expect((await idbQuoteStore.read(['bittensor'], 'usd')).size).toBe(0);
  });

  it('prunes quotes older than the keep time', async () => {
    await idbQuoteStore.write([q('bittensor', 'usd', 1000), q('fetch-ai', 'usd', 50_000)]);
    expect(await pruneQuotes(60_000, 20_000)).toBe(1);
    expect([...(await idbQuoteStore.read(['bittensor', 'fetch-ai'], 'usd')).keys()]).toEqual(['fetch-ai']);
  });
});
