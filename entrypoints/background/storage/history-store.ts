/**
 * The user's history in IndexedDB (background only): token counts of
 * selections, and which coins were mentioned on which pages. Both are capped
 * so they never grow without bound; callers check the history setting.
 */
import { keepValid, withDb, type CountRecord, type Sighting } from './db';
import { EXCERPT_CHARS, HISTORY_COUNTS_MAX, HISTORY_SIGHTINGS_MAX } from '@/utils/model/limits';
import { CountRecordSchema, SightingSchema } from '@/utils/model/history';


/** A short, single-line excerpt of counted text (only stored when the user allows it). */
export function makeExcerpt(text: string, max = EXCERPT_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  // Do not cut a surrogate pair in half.
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(line.charAt(end - 1))) end--;
  return `${line.slice(0, end)}…`;
}

/** Stores one count and drops the oldest beyond `cap`, in one transaction. */
export function addCount(record: Omit<CountRecord, 'id'>, cap = HISTORY_COUNTS_MAX): Promise<number> {
  return withDb(async (db) => {
    const tx = db.transaction('counts', 'readwrite');
    const id = await tx.store.add(record as CountRecord);
    await trimOldest(tx.store, cap);
    await tx.done;
    return id;
  });
}

/** Most recent first. */
export function listCounts(limit = 100): Promise<CountRecord[]> {
  return withDb(async (db) => {
    const out: CountRecord[] = [];
    let cursor = await db.transaction('counts').store.index('time').openCursor(null, 'prev');
    let skipped = 0;
    while (cursor && out.length < limit) {
      const parsed = CountRecordSchema.safeParse(cursor.value);
      if (parsed.success) out.push(parsed.data);
      else skipped++;
      cursor = await cursor.continue();
    }
    if (skipped > 0) console.warn(`Token Insight: skipped ${skipped} damaged count row(s)`);
    return out;
  });
}

export function clearCounts(): Promise<void> {
  return withDb((db) => db.clear('counts'));
}

export interface PageSighting {
  coinId: string;
  symbol: string;
  count: number;
}

/**
 * Records the coins seen on one page visit. A page is one record per coin:
 * visiting it again updates count, title and time instead of adding rows.
 */
export function recordSightings(
  page: { url: string; title: string },
  coins: PageSighting[],
  time = Date.now(),
  cap = HISTORY_SIGHTINGS_MAX,
): Promise<void> {
  return withDb(async (db) => {
    const tx = db.transaction('sightings', 'readwrite');
    for (const coin of coins) {
      const key: [string, string] = [page.url, coin.coinId];
      const previous = await tx.store.get(key);
      const sighting: Sighting = {
        pageUrl: page.url,
        coinId: coin.coinId,
        symbol: coin.symbol,
        title: page.title,
        count: Math.max(coin.count, previous?.count ?? 0),
        time,
      };
      await tx.store.put(sighting);
    }
    await trimOldest(tx.store, cap);
    await tx.done;
  });
}

/** Sightings since `since` (ms), most recent first. */
export function listSightings(since = 0): Promise<Sighting[]> {
  return withDb(async (db) => {
    const rows = await db.getAllFromIndex('sightings', 'time', IDBKeyRange.lowerBound(since));
    return keepValid(SightingSchema, rows, 'sighting').reverse();
  });
}

export function clearSightings(): Promise<void> {
  return withDb((db) => db.clear('sightings'));
}

interface TimeIndexedStore {
  count(): Promise<number>;
  index(name: 'time'): { openCursor(): Promise<{ delete(): Promise<void>; continue(): Promise<unknown> } | null> };
}

/** Deletes the oldest records (by their `time` index) beyond `cap`, inside the caller's transaction. */
export async function trimOldest(store: TimeIndexedStore, cap: number): Promise<void> {
  let excess = (await store.count()) - cap;
  let cursor = excess > 0 ? await store.index('time').openCursor() : null;
  while (cursor && excess > 0) {
    await cursor.delete();
    excess--;
    cursor = (await cursor.continue()) as typeof cursor;
  }
}
