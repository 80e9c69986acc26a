/** Reads and writes the watchlist in IndexedDB (background only). */
import { keepValid, StorageError, withDb, type WatchlistEntry } from './db';
import { WatchlistEntrySchema } from '@/utils/model/watchlist';
import { WATCHLIST_MAX } from '@/utils/model/limits';

/** The seeds' tokens, followed on first install. */
export const DEFAULT_WATCHLIST: ReadonlyArray<Pick<WatchlistEntry, 'coinId' | 'symbol' | 'name'>> = [
  { coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor' },
  { coinId: 'fetch-ai', symbol: 'FET', name: 'Artificial Superintelligence Alliance' },
  { coinId: 'singularitynet', symbol: 'AGIX', name: 'SingularityNET' },
  { coinId: 'numeraire', symbol: 'NMR', name: 'Numeraire' },
  { coinId: 'the-graph', symbol: 'GRT', name: 'The Graph' },
  { coinId: 'ocean-protocol', symbol: 'OCEAN', name: 'Ocean Protocol' },
];

export function listWatchlist(): Promise<WatchlistEntry[]> {
  return withDb(async (db) => keepValid(WatchlistEntrySchema, await db.getAllFromIndex('watchlist', 'position'), 'watchlist'));
}

/** Fills an empty watchlist with the defaults; leaves an existing one alone. */
export function seedWatchlist(now = Date.now()): Promise<void> {
  return withDb(async (db) => {
    const tx = db.transaction('watchlist', 'readwrite');
    if ((await tx.store.count()) === 0) {
      await Promise.all(
        DEFAULT_WATCHLIST.map((coin, position) => tx.store.put({ ...coin, position, addedAt: now })),
      );
    }
    await tx.done;
  });
}

type CoinInfo = Pick<WatchlistEntry, 'coinId' | 'symbol' | 'name'>;

/** Renumbers positions 0…n-1 in the given order and writes the ones that changed. */
async function writeOrder(store: { put(value: WatchlistEntry): Promise<unknown> }, entries: WatchlistEntry[]) {
  await Promise.all(
    entries.map((entry, position) => (entry.position === position ? null : store.put({ ...entry, position }))),
  );
  return entries.map((entry, position) => ({ ...entry, position }));
}

/** Adds a coin at the end of the list; a coin already followed stays where it is. Returns the new list. */
export function addToWatchlist(coin: CoinInfo, now = Date.now()): Promise<WatchlistEntry[]> {
  return withDb(async (db) => {
    const tx = db.transaction('watchlist', 'readwrite');
    const entries = await tx.store.index('position').getAll();
    if (!entries.some((e) => e.coinId === coin.coinId)) {
      if (entries.length >= WATCHLIST_MAX) {
        await tx.done;
        throw new StorageError('failed', `The watchlist is full (${WATCHLIST_MAX} coins). Remove a coin before adding another.`);
      }
      const entry: WatchlistEntry = { ...coin, position: entries.length, addedAt: now };
      await tx.store.put(entry);
      entries.push(entry);
    }
    const result = await writeOrder(tx.store, entries);
    await tx.done;
    return result;
  });
}

/** Removes a coin (no-op if absent) and closes the gap in the order. Returns the new list. */
export function removeFromWatchlist(coinId: string): Promise<WatchlistEntry[]> {
  return withDb(async (db) => {
    const tx = db.transaction('watchlist', 'readwrite');
    await tx.store.delete(coinId);
    const entries = await tx.store.index('position').getAll();
    const result = await writeOrder(tx.store, entries);
    await tx.done;
    return result;
  });
}

/** Moves a coin to `index` (clamped to the list) in the user's order. Returns the new list. */
export function moveInWatchlist(coinId: string, index: number): Promise<WatchlistEntry[]> {
  return withDb(async (db) => {
    const tx = db.transaction('watchlist', 'readwrite');
    const entries = await tx.store.index('position').getAll();
    const from = entries.findIndex((e) => e.coinId === coinId);
    if (from >= 0) {
      const [entry] = entries.splice(from, 1);
      entries.splice(Math.min(Math.max(0, index), entries.length), 0, entry!);
    }
    const result = await writeOrder(tx.store, entries);
    await tx.done;
    return result;
  });
}

/** Replaces the whole watchlist inside a transaction that holds the `watchlist` store (importing a backup). */
export async function replaceWatchlistIn(
  store: { clear(): Promise<void>; put(value: WatchlistEntry): Promise<unknown> },
  entries: readonly WatchlistEntry[],
): Promise<WatchlistEntry[]> {
  await store.clear();
  const ordered = [...entries].sort((a, b) => a.position - b.position);
  const unique = ordered.filter((e, i) => ordered.findIndex((o) => o.coinId === e.coinId) === i).slice(0, WATCHLIST_MAX);
  return writeOrder({ put: (v) => store.put(v) }, unique.map((e) => ({ ...e, position: -1 })));
}

/** Replaces the whole watchlist. */
export function replaceWatchlist(entries: readonly WatchlistEntry[]): Promise<WatchlistEntry[]> {
  return withDb(async (db) => {
    const tx = db.transaction('watchlist', 'readwrite');
    const result = await replaceWatchlistIn(tx.store, entries);
    await tx.done;
    return result;
  });
}
