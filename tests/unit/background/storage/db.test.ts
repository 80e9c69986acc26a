import { afterEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { IDBFactory } from 'fake-indexeddb';
import { DB_NAME, DB_VERSION, MIGRATIONS, StorageError, closeDb, openTokenDb, toStorageError, withDb } from '@/entrypoints/background/storage/db';

afterEach(async () => {
  await closeDb();
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
});

describe('schema', () => {
  it('creates every store at the current version', async () => {
    const db = await openTokenDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['counts', 'quotes', 'registry', 'secrets', 'sightings', 'watchlist']);
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
    db.close();
  });
});

describe('upgrade from version 3', () => {
  it('adds the registry store and keeps the watchlist, quotes and the key', async () => {
    const v3 = await openTokenDb({ version: 3 });
    expect([...v3.objectStoreNames]).not.toContain('registry');
    await v3.put('watchlist', { coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor', addedAt: 10, position: 0 });
    await v3.put('quotes', { coinId: 'bittensor', currency: 'usd', source: 'CoinGecko', fetchedAt: 5, quote: { price: 420 } });
    await v3.put('secrets', { name: 'apiKey', key: 'CG-abc', origin: 'https://api.coingecko.com', savedAt: 1 } as never);
    v3.close();

    const db = await openTokenDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).toContain('registry');
    expect(await db.count('registry')).toBe(0);
    expect((await db.getAll('watchlist')).map((w) => w.coinId)).toEqual(['bittensor']);
    expect(await db.get('quotes', ['bittensor', 'usd'])).toMatchObject({ quote: { price: 420 } });
    expect(await db.get('secrets', 'apiKey')).toMatchObject({ key: 'CG-abc' });
    await db.put('registry', { name: 'ai-categories', fetchedAt: 1, baseUrl: 'https://x.example/api/v3', categories: ['ai-agents'], coins: [] });
    expect(await db.get('registry', 'ai-categories')).toMatchObject({ categories: ['ai-agents'] });
    db.close();
  });
});

describe('upgrade from version 1', () => {
  it('keeps every record and orders the watchlist by the time coins were added', async () => {
    const v1 = await openTokenDb({ version: 1 });
    expect(v1.version).toBe(1);
    // Version 1 had no positions.
    await v1.put('watchlist', { coinId: 'numeraire', symbol: 'NMR', name: 'Numeraire', addedAt: 30 } as never);
    await v1.put('watchlist', { coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor', addedAt: 10 } as never);
    await v1.put('watchlist', { coinId: 'fetch-ai', symbol: 'FET', name: 'Fetch.ai', addedAt: 20 } as never);
    await v1.put('quotes', { coinId: 'bittensor', currency: 'usd', source: 'CoinGecko', fetchedAt: 5, quote: { price: 420 } });
    const countId = await v1.add('counts', {
      time: 1000,
      url: 'https://a.example/',
      title: 'A',
      encoding: 'o200k_base',
      counts: { o200k_base: 12 },
      chars: 50,
      words: 9,
    });
    await v1.put('sightings', { pageUrl: 'https://a.example/', coinId: 'bittensor', symbol: 'TAO', title: 'A', count: 3, time: 1000 });
    v1.close();

    const db = await openTokenDb();
    expect(db.version).toBe(DB_VERSION);
    const watchlist = await db.getAllFromIndex('watchlist', 'position');
    expect(watchlist.map((e) => [e.symbol, e.position])).toEqual([
      ['TAO', 0],
      ['FET', 1],
      ['NMR', 2],
    ]);
    expect(await db.get('quotes', ['bittensor', 'usd'])).toMatchObject({ quote: { price: 420 } });
    expect(await db.get('counts', countId)).toMatchObject({ counts: { o200k_base: 12 }, words: 9 });
    expect(await db.getAllFromIndex('sightings', 'coinId', 'bittensor')).toHaveLength(1);
    db.close();
  });

  it('leaves a version-1 database and its data intact when an upgrade step fails', async () => {
    const v1 = await openTokenDb({ version: 1 });
    await v1.put('watchlist', { coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor', addedAt: 1 } as never);
    v1.close();

    // An upgrade to a version with no migration step aborts the upgrade.
    await expect(openTokenDb({ version: DB_VERSION + 5 })).rejects.toBeInstanceOf(StorageError);

    const again = await openDB(DB_NAME);
    expect(again.version).toBe(1);
    expect(await again.get('watchlist', 'bittensor')).toMatchObject({ symbol: 'TAO' });
    again.close();
  });
});

describe('failures', () => {
  it('reports "blocked" when an older connection will not let the upgrade run', async () => {
    // An old page that ignores versionchange (no idb "blocking" handler).
    const old = await new Promise<IDBDatabase>((resolve) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => MIGRATIONS[0]!(req.result as never, req.transaction as never);
      req.onsuccess = () => resolve(req.result);
    });
    const error = await openTokenDb({ blockedTimeoutMs: 50 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('blocked');
    expect((error as StorageError).message).toMatch(/Close other Token Insight windows/);
    old.close();
  });

  it('maps a quota error to a clear message and keeps what was stored', async () => {
    await withDb((db) => db.put('watchlist', { coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor', position: 0, addedAt: 1 }));
    const quota = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    const error = await withDb(async (db) => {
      const tx = db.transaction('watchlist', 'readwrite');
      await tx.store.put({ coinId: 'fetch-ai', symbol: 'FET', name: 'Fetch.ai', position: 1, addedAt: 2 });
      tx.done.catch(() => {});
      tx.abort(); // what the browser does when the disk is full
      throw quota;
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect((error as StorageError).code).toBe('quota');
    expect((error as StorageError).message).toMatch(/storage is full/i);
    const rows = await withDb((db) => db.getAll('watchlist'));
    expect(rows.map((r) => r.symbol)).toEqual(['TAO']);
  });

  it('wraps unknown failures', () => {
    expect(toStorageError(new Error('x')).code).toBe('failed');
    expect(toStorageError(Object.assign(new Error('y'), { name: 'InvalidStateError' })).code).toBe('unavailable');
  });
});
