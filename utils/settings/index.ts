/**
 * Typed settings with defaults, kept in `browser.storage.sync` (they follow
 * the user's browser profile), one item per setting. The API key is not a
 * setting: the background keeps it where content scripts cannot read it.
 */
import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { CATEGORIES_MAX, CATEGORY_PAGES_RANGE, HOST_MAX, SITE_LIST_MAX } from '@/utils/model/limits';
import { CategoryId } from '@/utils/model/registry';
import { ENCODINGS, pickEncodings } from '@/utils/tokens/encodings';
import { CONTEXT_MODELS } from '@/utils/tokens/llm-prices';
import { LEGACY_SETTINGS_KEY, MIN_SELECTION_CHARS_RANGE, SETTING_DEFAULTS as D, settingKey as itemKey, watchSyncSettings } from './defaults';

export const CURRENCIES = ['usd', 'inr', 'eur', 'gbp', 'jpy', 'btc', 'eth'] as const;
export { DEFAULT_API_BASE_URL, isSiteListed } from './defaults';

const Host = z.string().check(z.maxLength(HOST_MAX));
/** A list of encodings: any array is read, names that are not encodings are dropped (pickEncodings). */
const EncodingList = z.pipe(z.array(z.unknown()), z.transform((names: unknown[]) => pickEncodings(names)));

export const SettingsSchema = z.object({
  currency: z.catch(z.enum(CURRENCIES), D.currency),
  apiPlan: z.catch(z.enum(['keyless', 'demo', 'pro']), D.apiPlan),
  apiBaseUrl: z.catch(z.url({ protocol: /^https?$/ }), D.apiBaseUrl),
  refreshMinutes: z.catch(z.int().check(z.minimum(1), z.maximum(1440)), D.refreshMinutes),
  defaultEncoding: z.catch(z.enum(ENCODINGS), D.defaultEncoding),
  badgeEncodings: z.catch(EncodingList, () => [...D.badgeEncodings]),
  badgeEnabled: z.catch(z.boolean(), D.badgeEnabled),
  minSelectionChars: z.catch(
    z.int().check(z.minimum(MIN_SELECTION_CHARS_RANGE[0]), z.maximum(MIN_SELECTION_CHARS_RANGE[1])),
    D.minSelectionChars,
  ),
  badgeOffSites: z.catch(z.array(Host).check(z.maxLength(SITE_LIST_MAX)), () => [...D.badgeOffSites]),
  markingEnabled: z.catch(z.boolean(), D.markingEnabled),
  markingOffSites: z.catch(z.array(Host).check(z.maxLength(SITE_LIST_MAX)), () => [...D.markingOffSites]),
  historyEnabled: z.catch(z.boolean(), D.historyEnabled),
  excerptsEnabled: z.catch(z.boolean(), D.excerptsEnabled),
  alertsEnabled: z.catch(z.boolean(), D.alertsEnabled),
  alertThresholdPct: z.catch(z.number().check(z.minimum(1), z.maximum(100)), D.alertThresholdPct),
  /** The living registry: coins of CoinGecko's AI categories added to the curated list (off: curated list and watchlist only). */
  categoriesEnabled: z.catch(z.boolean(), D.categoriesEnabled),
  categoryIds: z.catch(z.array(CategoryId).check(z.minLength(1), z.maxLength(CATEGORIES_MAX)), () => [...D.categoryIds]),
  categoryPages: z.catch(z.int().check(z.minimum(CATEGORY_PAGES_RANGE[0]), z.maximum(CATEGORY_PAGES_RANGE[1])), D.categoryPages),
  liveCountEnabled: z.catch(z.boolean(), D.liveCountEnabled),
  liveCountSites: z.catch(z.array(Host).check(z.maxLength(SITE_LIST_MAX)), () => [...D.liveCountSites]),
  liveCountModel: z.catch(z.enum(CONTEXT_MODELS.map((m) => m.id) as [string, ...string[]]), D.liveCountModel),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

const LEGACY_KEY = LEGACY_SETTINGS_KEY;
/** Each setting is its own `storage.sync` item, so one save never rewrites (or loses) another. */
export const SETTING_FIELDS = Object.keys(SettingsSchema.shape) as (keyof Settings)[];
export const settingKey = (field: keyof Settings) => itemKey(field);
const FIELD_BY_KEY = new Map<string, keyof Settings>(SETTING_FIELDS.map((f) => [settingKey(f), f]));

/** storage.sync's per-item limit (QUOTA_BYTES_PER_ITEM: key plus JSON value, in bytes). */
export const SYNC_ITEM_MAX_BYTES = 8192;

/** A setting that could not be saved, with a message the options page shows as is. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/** Parses whatever is stored; unknown or invalid fields fall back to defaults. */
export function parseSettings(raw: unknown): Settings {
  return SettingsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
}

/** The field's schema without its fallback, to refuse (not silently replace) an invalid new value. */
function strictSchema(field: keyof Settings): z.ZodMiniType {
  return (SettingsSchema.shape[field]._zod.def as unknown as { innerType: z.ZodMiniType }).innerType;
}

const SITE_LISTS: readonly (keyof Settings)[] = ['badgeOffSites', 'markingOffSites', 'liveCountSites'];
const bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Checks a change field by field (pure): the valid values to write, keyed by
 * storage item, or a SettingsError saying what is wrong. Nothing is written
 * when any field is refused.
 */
export function checkChange(change: Partial<Record<keyof Settings, unknown>>): Record<string, unknown> {
  const items: Record<string, unknown> = {};
  for (const field of SETTING_FIELDS) {
    if (!Object.hasOwn(change, field) || change[field] === undefined) continue;
    const value = change[field];
    if (SITE_LISTS.includes(field) && Array.isArray(value) && value.length > SITE_LIST_MAX) {
      throw new SettingsError(
        `That list has ${value.length.toLocaleString('en')} sites; at most ${SITE_LIST_MAX} can be saved. Nothing was changed: remove some sites and save again.`,
      );
    }
    const parsed = strictSchema(field).safeParse(value);
    if (!parsed.success) throw new SettingsError(`The value for “${field}” is not valid, so it was not saved.`);
    const size = bytes(settingKey(field)) + bytes(JSON.stringify(parsed.data));
    if (size > SYNC_ITEM_MAX_BYTES) {
      throw new SettingsError(
        `That list is too long to sync (${(size / 1024).toFixed(1)} KB; the browser syncs at most ${SYNC_ITEM_MAX_BYTES / 1024} KB per setting). Nothing was changed: remove some sites and save again.`,
      );
    }
    items[settingKey(field)] = parsed.data;
  }
  return items;
}

/** Puts the browser's storage errors (quotas above all) into words. */
export function explainStorageError(error: unknown): Error {
  if (error instanceof SettingsError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/QUOTA_BYTES_PER_ITEM/i.test(text)) {
    return new SettingsError('That setting is too large for browser sync (8 KB per setting). Nothing was changed: make it shorter and save again.');
  }
  if (/QUOTA_BYTES|quota/i.test(text) && !/WRITE_OPERATIONS/i.test(text)) {
    return new SettingsError('Browser sync storage is full (100 KB for all settings). Nothing was changed: shorten the site lists and save again.');
  }
  if (/WRITE_OPERATIONS/i.test(text)) {
    return new SettingsError('Settings were changed too often in a short time, so the browser refused this save. Wait a minute and save again.');
  }
  return new SettingsError(`The settings could not be saved: ${text}`);
}

/** The settings stored per item, with the old single item moved into them first. */
async function readStored(): Promise<Record<string, unknown>> {
  const stored = await browser.storage.sync.get(null);
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stored)) {
    const field = FIELD_BY_KEY.get(key);
    if (field) raw[field] = value;
  }
  const legacy = stored[LEGACY_KEY];
  if (legacy !== undefined) {
    // Written by an older version (here or on another synced device): its valid fields win, then it goes.
    const fields = typeof legacy === 'object' && legacy !== null ? (legacy as Record<string, unknown>) : {};
    const items: Record<string, unknown> = {};
    for (const field of SETTING_FIELDS) {
      if (!Object.hasOwn(fields, field)) continue;
      const parsed = strictSchema(field).safeParse(fields[field]);
      if (parsed.success) {
        items[settingKey(field)] = parsed.data;
        raw[field] = parsed.data;
      }
    }
    await browser.storage.sync.set(items);
    await browser.storage.sync.remove(LEGACY_KEY);
  }
  return raw;
}

export async function getSettings(): Promise<Settings> {
  return parseSettings(await readStored());
}

/**
 * Saves a change and returns the full, validated settings. Only the fields
 * in `change` are written (each its own item), so saves from the popup, the
 * options page and an import never overwrite each other's fields. An invalid
 * or too large value is refused with a SettingsError and nothing is written.
 */
export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const items = checkChange(change);
  const current = await readStored();
  try {
    if (Object.keys(items).length > 0) await browser.storage.sync.set(items);
  } catch (error) {
    throw explainStorageError(error);
  }
  const next = { ...current };
  for (const [key, value] of Object.entries(items)) next[FIELD_BY_KEY.get(key)!] = value;
  return parseSettings(next);
}

/** Calls `listener` with the new settings whenever they change anywhere. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  return watchSyncSettings(browser.storage, (key) => FIELD_BY_KEY.has(key), getSettings, listener);
}
