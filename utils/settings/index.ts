/**
 * Typed settings with defaults, kept in `browser.storage`: small preferences
 * in `sync` (they follow the user's browser profile), the API key in `local`
 * (it never leaves this device through sync).
 */
import * as z from 'zod/mini';
import { browser } from 'wxt/browser';
import { HOST_MAX, SITE_LIST_MAX } from '@/utils/model/limits';
import { DEFAULT_ENCODING, ENCODINGS } from '@/utils/tokens/encodings';

export const CURRENCIES = ['usd', 'inr', 'eur', 'gbp', 'jpy', 'btc', 'eth'] as const;
export const DEFAULT_API_BASE_URL = 'https://api.coingecko.com/api/v3';

const Host = z.string().check(z.maxLength(HOST_MAX));

export const SettingsSchema = z.object({
  currency: z.catch(z.enum(CURRENCIES), 'usd'),
  apiPlan: z.catch(z.enum(['keyless', 'demo', 'pro']), 'keyless'),
  apiBaseUrl: z.catch(z.url({ protocol: /^https?$/ }), DEFAULT_API_BASE_URL),
  refreshMinutes: z.catch(z.int().check(z.minimum(1), z.maximum(1440)), 5),
  defaultEncoding: z.catch(z.enum(ENCODINGS), DEFAULT_ENCODING),
  badgeEnabled: z.catch(z.boolean(), true),
  minSelectionChars: z.catch(z.int().check(z.minimum(1), z.maximum(10_000)), 2),
  badgeOffSites: z.catch(z.array(Host).check(z.maxLength(SITE_LIST_MAX)), []),
  markingEnabled: z.catch(z.boolean(), true),
  markingOffSites: z.catch(z.array(Host).check(z.maxLength(SITE_LIST_MAX)), []),
  historyEnabled: z.catch(z.boolean(), true),
  excerptsEnabled: z.catch(z.boolean(), false),
  alertsEnabled: z.catch(z.boolean(), false),
  alertThresholdPct: z.catch(z.number().check(z.minimum(1), z.maximum(100)), 10),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

const SYNC_KEY = 'settings';

/** Parses whatever is stored; unknown or invalid fields fall back to defaults. */
export function parseSettings(raw: unknown): Settings {
  return SettingsSchema.parse(typeof raw === 'object' && raw !== null ? raw : {});
}

export async function getSettings(): Promise<Settings> {
  const stored = await browser.storage.sync.get(SYNC_KEY);
  return parseSettings(stored[SYNC_KEY]);
}

/** Saves a change and returns the full, validated settings. */
export async function updateSettings(change: Partial<Settings>): Promise<Settings> {
  const next = parseSettings({ ...(await getSettings()), ...change });
  await browser.storage.sync.set({ [SYNC_KEY]: next });
  return next;
}

/** Calls `listener` with the new settings whenever they change anywhere. */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'sync' && SYNC_KEY in changes) listener(parseSettings(changes[SYNC_KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}

/** True when `hostname` is `site` or one of its subdomains. */
export function isSiteListed(hostname: string, sites: readonly string[]): boolean {
  const host = hostname.toLowerCase();
  return sites.some((site) => {
    const s = site.trim().toLowerCase();
    return s !== '' && (host === s || host.endsWith(`.${s}`));
  });
}
