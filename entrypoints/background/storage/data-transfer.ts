/**
 * Export and import of everything Token Insight stores (background only):
 * settings, watchlist, count history and sightings, as one JSON object.
 * The API key stays out of exports: a backup file must never leak it.
 */
import { keepValid, withDb, type CountRecord, type Sighting, type TokenInsightSchema } from './db';
import type { IDBPTransaction } from 'idb';
import { CountRecordSchema, SightingSchema } from '@/utils/model/history';
import { WatchlistEntrySchema } from '@/utils/model/watchlist';
import { plausibleTime, PRICE_API_FIELDS, type DataExport, type ImportPreview } from '@/utils/model/backup';
import { checkChange, getSettings, settingKey, SETTING_FIELDS, updateSettings, type Settings } from '@/utils/settings';
import { listWatchlist, replaceWatchlistIn } from './watchlist-store';
import { EXPORT_COUNTS_MAX, EXPORT_SIGHTINGS_MAX, HISTORY_COUNTS_MAX, HISTORY_SIGHTINGS_MAX, WATCHLIST_MAX } from '@/utils/model/limits';
import { trimOldest } from './history-store';

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

const shown = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value)).slice(0, 600);

/**
 * The settings a file changes (pure): only fields it has, whose values are
 * valid and differ from `current`. Base URL and plan are kept apart: they
 * decide where prices are asked, so the user confirms them separately.
 */
export function settingChanges(file: Record<string, unknown>, current: Settings): { apply: Partial<Settings>; preview: ImportPreview['settings']; priceApi: ImportPreview['priceApi'] } {
  const apply: Record<string, unknown> = {};
  const preview: ImportPreview['settings'] = [];
  const priceApi: ImportPreview['priceApi'] = [];
  for (const field of SETTING_FIELDS) {
    if (!Object.hasOwn(file, field)) continue;
    let items: Record<string, unknown>;
    try {
      items = checkChange({ [field]: file[field] });
    } catch {
      continue; // an invalid value in the file is skipped, never turned into the default
    }
    const value = items[settingKey(field)];
    if (JSON.stringify(value) === JSON.stringify(current[field])) continue;
    apply[field] = value;
    const change = { field, from: shown(current[field]), to: shown(value) };
    if ((PRICE_API_FIELDS as readonly string[]).includes(field)) priceApi.push(change);
    else preview.push(change);
  }
  return { apply: apply as Partial<Settings>, preview, priceApi };
}

/** The file's records with impossible times left out (pure). */
export function plausibleRecords(data: DataExport, now: number): { counts: DataExport['counts']; sightings: DataExport['sightings']; dropped: number } {
  const counts = data.counts.filter((c) => plausibleTime(c.time, now));
  const sightings = data.sightings.filter((s) => plausibleTime(s.time, now));
  return { counts, sightings, dropped: data.counts.length - counts.length + (data.sightings.length - sightings.length) };
}

/** What importing `data` will change, without writing anything. */
export async function previewImport(data: DataExport, now = Date.now()): Promise<ImportPreview> {
  const { preview: settings, priceApi } = settingChanges(data.settings, await getSettings());
  const records = plausibleRecords(data, now);
  return { watchlist: data.watchlist.length, counts: records.counts.length, sightings: records.sightings.length, dropped: records.dropped, settings, priceApi };
}

type ImportTx = IDBPTransaction<TokenInsightSchema, ('watchlist' | 'counts' | 'sightings')[], 'readwrite'>;

export interface ImportOptions {
  /** The user confirmed the price API base URL and plan from the file (preview's `priceApi`). */
  applyPriceApi?: boolean;
  now?: number;
}

/**
 * Restores a backup. The watchlist is replaced by the file's; history is
 * merged (importing the same file twice adds nothing), records with
 * impossible times are dropped, and everything stays within the usual caps,
 * newest kept. Watchlist and history are written in one transaction, so a
 * failure leaves them as they were; settings follow only when it succeeded,
 * and only the fields the file has. Base URL and plan change only with
 * `applyPriceApi` (the API key is never in a file and never changes).
 */
export async function importData(data: DataExport, options: ImportOptions = {}): Promise<{ watchlist: number; counts: number; sightings: number; dropped: number }> {
  const now = options.now ?? Date.now();
  const records = plausibleRecords(data, now);
  const result = await withDb(async (db) => {
    const tx = db.transaction(['watchlist', 'counts', 'sightings'], 'readwrite');
    tx.done.catch(() => {}); // its failure is reported by the throw below
    try {
      return await writeAll(tx);
    } catch (error) {
      // A write that throws (rather than fails its request) does not end the transaction: abort it so nothing stays.
      try {
        tx.abort();
      } catch {
        // already finished
      }
      throw error;
    }
  });
  async function writeAll(tx: ImportTx) {
    const watchlist = await replaceWatchlistIn(tx.objectStore('watchlist'), data.watchlist);
    const counts = tx.objectStore('counts');
    const known = new Set((await counts.getAll()).map(countKey));
    let addedCounts = 0;
    for (const record of records.counts) {
      if (known.has(countKey(record))) continue;
      known.add(countKey(record));
      const { id: _id, ...withoutId } = record;
      await counts.add(withoutId as CountRecord);
      addedCounts++;
    }
    await trimOldest(counts, HISTORY_COUNTS_MAX);

    const sightings = tx.objectStore('sightings');
    let addedSightings = 0;
    for (const sighting of records.sightings) {
      const previous = await sightings.get([sighting.pageUrl, sighting.coinId]);
      if (previous && previous.time >= sighting.time) continue;
      await sightings.put(sighting as Sighting);
      addedSightings++;
    }
    await trimOldest(sightings, HISTORY_SIGHTINGS_MAX);
    await tx.done;
    return { watchlist: watchlist.length, counts: addedCounts, sightings: addedSightings, dropped: records.dropped };
  }
  const { apply } = settingChanges(data.settings, await getSettings());
  if (!options.applyPriceApi) for (const field of PRICE_API_FIELDS) delete apply[field];
  if (Object.keys(apply).length > 0) await updateSettings(apply);
  return result;
}
