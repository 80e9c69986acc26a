/**
 * The price-API key in IndexedDB (`secrets` store), which only extension
 * pages and the background can open: content scripts run in the page's
 * origin and cannot, while they can read `storage.local` and `storage.sync`.
 * The options page sets and clears it through extension-only requests and
 * never reads it back.
 */
import { browser } from 'wxt/browser';
import { StoredApiKeySchema, type StoredApiKey } from '@/utils/model/api-key';
import { withDb } from './db';

/** Where versions before 0.2 kept the key (readable by content scripts). */
const LEGACY_KEY = 'apiKey';

export function getStoredApiKey(): Promise<StoredApiKey | null> {
  return withDb(async (db) => {
    const parsed = StoredApiKeySchema.safeParse(await db.get('secrets', 'apiKey'));
    return parsed.success ? parsed.data : null;
  });
}

/** Saves `key` bound to `origin`; an empty key clears it. */
export function saveApiKey(key: string, origin: string, now = Date.now()): Promise<void> {
  const value = key.trim();
  if (!value) return clearApiKey();
  const record = StoredApiKeySchema.parse({ name: 'apiKey', key: value, origin, savedAt: now });
  return withDb(async (db) => {
    await db.put('secrets', record);
  });
}

export function clearApiKey(): Promise<void> {
  return withDb(async (db) => {
    await db.delete('secrets', 'apiKey');
  });
}

/**
 * Moves a key left in `storage.local` by an older version into the store,
 * bound to `origin` (where it was being sent), and deletes it there.
 */
export async function migrateLegacyApiKey(origin: string): Promise<void> {
  const stored = await browser.storage.local.get(LEGACY_KEY);
  const legacy = stored[LEGACY_KEY];
  if (legacy === undefined) return;
  if (typeof legacy === 'string' && legacy.trim() && !(await getStoredApiKey())) await saveApiKey(legacy, origin);
  await browser.storage.local.remove(LEGACY_KEY);
}
