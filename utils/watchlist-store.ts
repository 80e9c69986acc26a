/** Reads and writes the watchlist in IndexedDB (background only). */
import { withDb, type WatchlistEntry } from './db';

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
  return withDb((db) => db.getAllFromIndex('watchlist', 'position'));
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
