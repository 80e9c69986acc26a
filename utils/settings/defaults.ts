/**
 * Every setting's default value, in one plain object: the schema
 * (`index.ts`) falls back to these, and the content script's start-up reader
 * (`page.ts`) uses them without loading the schema library.
 */
import { DEFAULT_BADGE_ENCODINGS, DEFAULT_ENCODING, type Encoding } from '@/utils/tokens/encodings';
import { hosts as LIVE_COUNT_HOSTS } from './live-count-sites.json';

export const DEFAULT_API_BASE_URL = 'https://api.coingecko.com/api/v3';

export const SETTING_DEFAULTS = {
  currency: 'usd',
  apiPlan: 'keyless',
  apiBaseUrl: DEFAULT_API_BASE_URL,
  refreshMinutes: 5,
  defaultEncoding: DEFAULT_ENCODING,
  /** The encodings the badge counts besides the default encoding (which is always counted, first). */
  badgeEncodings: [...DEFAULT_BADGE_ENCODINGS] as Encoding[],
  badgeEnabled: true,
  minSelectionChars: 2,
  badgeOffSites: [] as string[],
  markingEnabled: true,
  markingOffSites: [] as string[],
  historyEnabled: true,
  excerptsEnabled: false,
  alertsEnabled: false,
  alertThresholdPct: 10,
  categoriesEnabled: true,
  categoryIds: ['artificial-intelligence', 'ai-agents'] as string[],
  categoryPages: 2,
  /** The token count under prompt boxes as you type, on the sites of `liveCountSites` only. */
  liveCountEnabled: true,
  /** Sites where the live count is on: the main chat sites (live-count-sites.json) until the user edits the list. */
  liveCountSites: LIVE_COUNT_HOSTS as string[],
  /** The model whose context window the live count's bar shows (an id of utils/tokens/llm-prices.ts' tables). */
  liveCountModel: 'gpt-5',
} as const;

/** The shortest selection the badge may be set to wait for, and the longest. */
export const MIN_SELECTION_CHARS_RANGE = [1, 10_000] as const;

/** One `storage.sync` item per setting: `settings.<field>`. */
export const settingKey = (field: string) => `settings.${field}`;
/** Versions before 0.2 kept every setting in this one `storage.sync` item. */
export const LEGACY_SETTINGS_KEY = 'settings';

/** True when `hostname` is `site` or one of its subdomains. */
export function isSiteListed(hostname: string, sites: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return sites.some((site) => {
    const s = site.trim().toLowerCase();
    return s !== '' && (host === s || host.endsWith(`.${s}`));
  });
}

/**
 * Calls `reread` and then `listener` whenever one of the `storage.sync` items
 * `isWatched` picks (or the legacy single item) changes anywhere. Returns stop.
 * `storageApi` is `browser.storage`, passed in so this module stays free of browser globals.
 * (Not named `storage`: WXT's auto-import would then add its storage module, and
 * its start-up work, to every page's content script.)
 */
export function watchSyncSettings<T>(
  storageApi: { onChanged: { addListener(fn: never): void; removeListener(fn: never): void } },
  isWatched: (key: string) => boolean,
  reread: () => Promise<T>,
  listener: (value: T) => void,
): () => void {
  let stopped = false;
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'sync' || !Object.keys(changes).some((key) => key === LEGACY_SETTINGS_KEY || isWatched(key))) return;
    reread().then(
      (value) => stopped || listener(value),
      () => {},
    );
  };
  storageApi.onChanged.addListener(onChanged as never);
  return () => {
    stopped = true;
    storageApi.onChanged.removeListener(onChanged as never);
  };
}
