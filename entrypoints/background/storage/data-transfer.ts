/**
 * Export and import of everything Token Insight stores (background only):
 * settings, watchlist, count history and sightings, as one JSON object.
 * The API key stays out of exports: a backup file must never leak it.
 */
import { keepValid, withDb, type CountRecord, type Sighting } from './db';
import { CountRecordSchema, SightingSchema } from '@/utils/model/history';
import { WatchlistEntrySchema } from '@/utils/model/watchlist';
import type { DataExport } from '@/utils/model/backup';
import { getSettings, updateSettings, parseSettings } from '@/utils/settings';
import { listWatchlist, replaceWatchlist } from './watchlist-store';
import { EXPORT_COUNTS_MAX, EXPORT_SIGHTINGS_MAX, HISTORY_COUNTS_MAX, HISTORY_SIGHTINGS_MAX, WATCHLIST_MAX } from '@/utils/model/limits';

export async function exportData(now = Date.now()): Promise<DataExport> {
  const [settings, watchlist, history] = await Promise.all([
    getSettings(),
    listWatchlist(),
    withDb(async (db) => ({
      counts: await db.getAllFromIndex('counts', 'time'),
      sightings: await db.getAllFromIndex('sightings', 'time'),
    })),
  ]);
  return {
    format: 'token-insight-export',
    version: 1,
    exportedAt: now,
    settings: { ...settings },
    // A damaged row is left out of the file rather than making the whole export fail.
    watchlist: keepValid(WatchlistEntrySchema, watchlist, 'watchlist').slice(0, WATCHLIST_MAX),
    counts: keepValid(CountRecordSchema, history.counts, 'count').slice(-EXPORT_COUNTS_MAX),
    sightings: keepValid(SightingSchema, history.sightings, 'sighting').slice(-EXPORT_SIGHTINGS_MAX),
  };
}

/** Identifies a count across exports (ids differ between profiles). */
const countKey = (c: Pick<CountRecord, 'time' | 'url' | 'chars'>) => `${c.time}\u0000${c.url}\u0000${c.chars}`;

/**
 * Restores a backup. The watchlist and settings are replaced by the file's;
 * history is merged (importing the same file twice adds nothing) and stays
 * within the usual caps, newest kept.
 */
export async function importData(data: DataExport): Promise<{ watchlist: number; counts: number; sightings: number }> {
  await updateSettings(parseSettings(data.settings));
  const watchlist = await replaceWatchlist(data.watchlist);
  const added = await withDb(async (db) => {
    const tx = db.transaction(['counts', 'sightings'], 'readwrite');
    const counts = tx.objectStore('counts');
    const known = new Set((await counts.getAll()).map(countKey));
    let addedCounts = 0;
    for (const record of data.counts) {
      if (known.has(countKey(record))) continue;
      known.add(countKey(record));
      const { id: _id, ...withoutId } = record;
      await counts.add(withoutId as CountRecord);
      addedCounts++;
    }
    await trimOldest(counts, HISTORY_COUNTS_MAX);

    const sightings = tx.objectStore('sightings');
    let addedSightings = 0;
    for (const sighting of data.sightings) {
      const previous = await sightings.get([sighting.pageUrl, sighting.coinId]);
      if (previous && previous.time >= sighting.time) continue;
      await sightings.put(sighting as Sighting);
      addedSightings++;
    }
    await trimOldest(sightings, HISTORY_SIGHTINGS_MAX);
    await tx.done;
    return { counts: addedCounts, sightings: addedSightings };
  });
  return { watchlist: watchlist.length, ...added };
}

interface TimeIndexedStore {
  count(): Promise<number>;
  index(name: 'time'): { openCursor(): Promise<{ delete(): Promise<void>; continue(): Promise<unknown> } | null> };
}

async function trimOldest(store: TimeIndexedStore, cap: number): Promise<void> {
  let excess = (await store.count()) - cap;
  let cursor = excess > 0 ? await store.index('time').openCursor() : null;
  while (cursor && excess > 0) {
    await cursor.delete();
    excess--;
    cursor = (await cursor.continue()) as typeof cursor;
  }
}
