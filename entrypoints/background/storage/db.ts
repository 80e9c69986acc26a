/**
 * The one owner of Token Insight's IndexedDB: database name, version, object
 * stores, the migrations from each version to the next, and how failures
 * (blocked upgrades, full disks) are reported.
 *
 * Only the background worker opens the database; content scripts and the
 * popup go through messages.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

export const DB_NAME = 'token-insight';
export const DB_VERSION = 4;

import { validRows, type CountRecord, type Sighting } from '@/utils/model/history';
import type * as z from 'zod/mini';
import type { CachedQuote } from '@/utils/model/quote';
import type { StoredApiKey } from '@/utils/model/api-key';
import type { WatchlistEntry } from '@/utils/model/watchlist';
import type { CategoryRegistry } from '@/utils/model/registry';

/** A cached category list, one row per name (`ai-categories`). */
export interface StoredRegistry extends CategoryRegistry {
  name: string;
}

export type { CachedQuote, CountRecord, Sighting, WatchlistEntry };

export interface TokenInsightSchema extends DBSchema {
  watchlist: { key: string; value: WatchlistEntry; indexes: { position: number } };
  quotes: { key: [string, string]; value: CachedQuote; indexes: { fetchedAt: number } };
  counts: { key: number; value: CountRecord; indexes: { time: number } };
  sightings: {
    key: [string, string];
    value: Sighting;
    indexes: { time: number; coinId: string };
  };
  /** Secrets only the background reads (content scripts cannot open the extension's IndexedDB). */
  secrets: { key: string; value: StoredApiKey };
  /** The living registry: the AI categories' coins as last fetched, with the date (works offline from it). */
  registry: { key: string; value: StoredRegistry };
}

type UpgradeTx = IDBPTransaction<TokenInsightSchema, StoreNames<TokenInsightSchema>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<TokenInsightSchema>, tx: UpgradeTx) => Promise<void> | void;

/**
 * `MIGRATIONS[n]` turns a database at version n into version n + 1.
 * Never edit a shipped step: add a new one and bump DB_VERSION.
 */
export const MIGRATIONS: Migration[] = [
  // 0 → 1: the first schema.
  (db) => {
    db.createObjectStore('watchlist', { keyPath: 'coinId' });
    db.createObjectStore('quotes', { keyPath: ['coinId', 'currency'] });
    const counts = db.createObjectStore('counts', { keyPath: 'id', autoIncrement: true });
    counts.createIndex('time', 'time');
    const sightings = db.createObjectStore('sightings', { keyPath: ['pageUrl', 'coinId'] });
    sightings.createIndex('time', 'time');
  },
  // 1 → 2: user-ordered watchlist (positions from the order coins were added),
  // quotes expire by age, sightings are summarised per coin.
  async (_db, tx) => {
    const watchlist = tx.objectStore('watchlist');
    watchlist.createIndex('position', 'position');
    const entries = await watchlist.getAll();
    entries.sort((a, b) => a.addedAt - b.addedAt || a.coinId.localeCompare(b.coinId));
    await Promise.all(entries.map((entry, position) => watchlist.put({ ...entry, position })));
    tx.objectStore('quotes').createIndex('fetchedAt', 'fetchedAt');
    tx.objectStore('sightings').createIndex('coinId', 'coinId');
  },
  // 2 → 3: the price-API key moves out of storage.local (which content scripts can read).
  (db) => {
    db.createObjectStore('secrets', { keyPath: 'name' });
  },
  // 3 → 4: the living registry's cached category list.
  (db) => {
    db.createObjectStore('registry', { keyPath: 'name' });
  },
];

export type StorageErrorCode = 'blocked' | 'quota' | 'unavailable' | 'failed';

/** A storage failure with a message a user can act on. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** Maps DOMExceptions from IndexedDB to StorageErrors with clear messages. */
export function toStorageError(error: unknown): StorageError {
  if (error instanceof StorageError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new StorageError(
      'quota',
      'Browser storage is full, so this was not saved. Clear history in Token Insight or free disk space; what was already saved is kept.',
      error,
    );
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return new StorageError('unavailable', 'Token Insight’s storage is unavailable right now. Try again.', error);
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new StorageError('failed', `Storage failed: ${detail}`, error);
}

export interface OpenOptions {
  name?: string;
  /** Open at an older version (tests of migrations). */
  version?: number;
  /** How long to wait for other connections to close before reporting "blocked". */
  blockedTimeoutMs?: number;
}

/**
 * Opens (and if needed upgrades) the database. Rejects with a StorageError:
 * `blocked` when an older Token Insight page keeps the database open and the
 * upgrade cannot start. The upgrade runs in one transaction: if any step
 * fails, the database stays at its old version with its data.
 */
export function openTokenDb(options: OpenOptions = {}): Promise<IDBPDatabase<TokenInsightSchema>> {
  const { name = DB_NAME, version = DB_VERSION, blockedTimeoutMs = 5000 } = options;
  return new Promise((resolve, reject) => {
    let blockedTimer: ReturnType<typeof setTimeout> | undefined;
    let upgradeError: unknown;
    openDB<TokenInsightSchema>(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        tx.done.catch(() => {}); // reported through openDB's rejection below
        const migrate = async () => {
          for (let v = oldVersion; v < (newVersion ?? version); v++) {
            const step = MIGRATIONS[v];
            if (!step) throw new StorageError('failed', `No migration from version ${v} to ${v + 1}.`);
            await step(db, tx);
          }
        };
        migrate().catch((error: unknown) => {
          upgradeError = error;
          try {
            tx.abort(); // roll back: the database stays at its old version, data intact
          } catch {
            // already finished
          }
        });
      },
      blocked() {
        blockedTimer = setTimeout(() => {
          reject(
            new StorageError(
              'blocked',
              'Token Insight is being updated. Close other Token Insight windows (popup, options) and try again.',
            ),
          );
        }, blockedTimeoutMs);
      },
      blocking(_current, _next, event) {
        // A newer version wants to upgrade: step aside so it can.
        (event.target as IDBDatabase).close();
      },
    })
      .then((db) => {
        clearTimeout(blockedTimer);
        resolve(db);
      })
      .catch((error: unknown) => {
        clearTimeout(blockedTimer);
        reject(toStorageError(upgradeError ?? error));
      });
  });
}

let shared: Promise<IDBPDatabase<TokenInsightSchema>> | null = null;

/** The background's shared connection; reopened after it is closed or fails. */
export function getDb(): Promise<IDBPDatabase<TokenInsightSchema>> {
  if (!shared) {
    shared = openTokenDb().then((db) => {
      db.addEventListener('close', () => (shared = null));
      db.addEventListener('versionchange', () => {
        db.close();
        shared = null;
      });
      return db;
    });
    shared.catch(() => (shared = null));
  }
  return shared;
}

/** Closes the shared connection (tests, and before deleting the database). */
export async function closeDb(): Promise<void> {
  const current = shared;
  shared = null;
  if (current) (await current.catch(() => null))?.close();
}

/**
 * Runs a database operation and turns any failure into a StorageError.
 * A failed write aborts its transaction, so earlier data is untouched.
 */
export async function withDb<T>(fn: (db: IDBPDatabase<TokenInsightSchema>) => Promise<T>): Promise<T> {
  try {
    return await fn(await getDb());
  } catch (error) {
    throw toStorageError(error);
  }
}

/** Drops rows that no longer fit their schema (logging how many), so one bad row never fails a list or an export. */
export function keepValid<T>(schema: z.ZodMiniType<T>, rows: readonly unknown[], what: string): T[] {
  const { rows: valid, skipped } = validRows(schema, rows);
  if (skipped > 0) console.warn(`Token Insight: skipped ${skipped} damaged ${what} row(s)`);
  return valid;
}
