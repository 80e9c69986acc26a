/**
 * The settings a page needs at start-up (is marking on here, is the badge on
 * here, the shortest selection, the default encoding, the encodings the
 * badge counts, is the live count on here and its model), read from
 * `storage.sync` without the schema library, because the content script runs
 * on every page and must cost almost nothing until a page uses it. Values are
 * checked by type and range against the same defaults and limits as the
 * schema (`index.ts` stays the one definition: what it would refuse, this
 * treats as the default). The old single `settings` item of versions before
 * 0.2 is read too until the background moves it.
 */
import { browser } from 'wxt/browser';
import { SITE_LIST_MAX } from '@/utils/model/limits';
import { ENCODINGS, pickEncodings, type Encoding } from '@/utils/tokens/encodings';
import { LEGACY_SETTINGS_KEY, MIN_SELECTION_CHARS_RANGE, SETTING_DEFAULTS, settingKey, watchSyncSettings } from './defaults';

export interface PageSettings {
  markingEnabled: boolean;
  markingOffSites: string[];
  badgeEnabled: boolean;
  badgeOffSites: string[];
  minSelectionChars: number;
  defaultEncoding: Encoding;
  badgeEncodings: Encoding[];
  liveCountEnabled: boolean;
  liveCountSites: string[];
  /**
   * The id of the model whose context window the live count shows, as
   * stored: the live count's chunk resolves it (utils/tokens/llm-prices.ts
   * contextModel), an unknown id as the default, as the schema would.
   */
  liveCountModel: string;
}

export const PAGE_SETTING_FIELDS = [
  'markingEnabled',
  'markingOffSites',
  'badgeEnabled',
  'badgeOffSites',
  'minSelectionChars',
  'defaultEncoding',
  'badgeEncodings',
  'liveCountEnabled',
  'liveCountSites',
  'liveCountModel',
] as const satisfies readonly (keyof PageSettings)[];

export const DEFAULT_PAGE_SETTINGS: PageSettings = {
  markingEnabled: SETTING_DEFAULTS.markingEnabled,
  markingOffSites: [...SETTING_DEFAULTS.markingOffSites],
  badgeEnabled: SETTING_DEFAULTS.badgeEnabled,
  badgeOffSites: [...SETTING_DEFAULTS.badgeOffSites],
  minSelectionChars: SETTING_DEFAULTS.minSelectionChars,
  defaultEncoding: SETTING_DEFAULTS.defaultEncoding,
  badgeEncodings: [...SETTING_DEFAULTS.badgeEncodings],
  liveCountEnabled: SETTING_DEFAULTS.liveCountEnabled,
  liveCountSites: [...SETTING_DEFAULTS.liveCountSites],
  liveCountModel: SETTING_DEFAULTS.liveCountModel,
};

const bool = (v: unknown, fallback: boolean) => (typeof v === 'boolean' ? v : fallback);
const sites = (v: unknown, fallback: string[]) =>
  Array.isArray(v) && v.length <= SITE_LIST_MAX && v.every((s) => typeof s === 'string') ? (v as string[]) : fallback;

/** Reads stored values (pure): anything of the wrong type or out of range is the default. */
export function parsePageSettings(raw: Partial<Record<keyof PageSettings, unknown>>): PageSettings {
  const d = DEFAULT_PAGE_SETTINGS;
  const min = raw.minSelectionChars;
  const [lo, hi] = MIN_SELECTION_CHARS_RANGE;
  return {
    markingEnabled: bool(raw.markingEnabled, d.markingEnabled),
    markingOffSites: sites(raw.markingOffSites, d.markingOffSites),
    badgeEnabled: bool(raw.badgeEnabled, d.badgeEnabled),
    badgeOffSites: sites(raw.badgeOffSites, d.badgeOffSites),
    minSelectionChars: Number.isInteger(min) && (min as number) >= lo && (min as number) <= hi ? (min as number) : d.minSelectionChars,
    defaultEncoding: (ENCODINGS as readonly unknown[]).includes(raw.defaultEncoding) ? (raw.defaultEncoding as Encoding) : d.defaultEncoding,
    badgeEncodings: Array.isArray(raw.badgeEncodings) ? pickEncodings(raw.badgeEncodings) : d.badgeEncodings,
    liveCountEnabled: bool(raw.liveCountEnabled, d.liveCountEnabled),
    liveCountSites: sites(raw.liveCountSites, d.liveCountSites),
    liveCountModel: typeof raw.liveCountModel === 'string' ? raw.liveCountModel : d.liveCountModel,
  };
}

const KEYS = PAGE_SETTING_FIELDS.map(settingKey);

export async function readPageSettings(): Promise<PageSettings> {
  const stored = await browser.storage.sync.get([...KEYS, LEGACY_SETTINGS_KEY]);
  const legacy = stored[LEGACY_SETTINGS_KEY];
  const raw: Partial<Record<keyof PageSettings, unknown>> = typeof legacy === 'object' && legacy !== null ? { ...legacy } : {};
  for (const field of PAGE_SETTING_FIELDS) {
    const key = settingKey(field);
    if (stored[key] !== undefined) raw[field] = stored[key];
  }
  return parsePageSettings(raw);
}

/** Calls `listener` with the page's settings whenever one of them changes anywhere. */
export function watchPageSettings(listener: (settings: PageSettings) => void): () => void {
  return watchSyncSettings(browser.storage, (key) => KEYS.includes(key), readPageSettings, listener);
}
