/**
 * The price service wired to the browser: settings from browser.storage, the
 * API key from the background's own store (bound to its origin, see
 * key-policy.ts), the cache in IndexedDB, backoff per host in storage.local,
 * coin tickers from the registry and the watchlist. Gives the background its
 * `quotes.get`, `coins.search`, `prices.reset` and `apiKey.*` handlers and
 * the watchlist refresh the alarm runs.
 */
import { browser } from 'wxt/browser';
import type { Handlers } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { registryToken } from '@/utils/mentions/registry';
import { getSettings, type Settings } from '@/utils/settings';
import { originPatternFor } from '@/utils/settings/price-api';
import type { ApiKeyStatus } from '@/utils/model/api-key';
import { listWatchlist } from '../storage/watchlist-store';
import { getStoredApiKey, migrateLegacyApiKey, saveApiKey } from '../storage/api-key-store';
import { storageBackoffStore } from './backoff';
import { CoinbaseProvider } from './coinbase';
import { CoinGeckoProvider, effectiveBaseUrl } from './coingecko';
import { hostProblem, keyProblem, originOf } from './key-policy';
import type { CoinRef } from '@/utils/model/coin';
import { idbQuoteStore } from '../storage/quote-cache';
import { QuoteService, toQuoteError, type QuoteAnswer } from './quote-service';
import { COINS_PER_REQUEST, SEARCH_KNOWN_MAX } from '@/utils/model/limits';
import { parseWordList } from '@/utils/mentions/distinctive';
import { idbRegistryStore } from '../storage/registry-store';
import { publishMentionTriggers } from '../storage/mention-triggers';
import { CategoryRegistryService } from './category-registry';

/** The shipped ordinary-word list (scripts/ordinary-words.ts), read when a category list is fetched. */
export const ORDINARY_WORDS_PATH = '/mentions/ordinary-words.txt';

async function ordinaryWords(): Promise<Set<string>> {
  const response = await fetch(browser.runtime.getURL(ORDINARY_WORDS_PATH as '/'));
  if (!response.ok) throw new Error(`The word list could not be read (${response.status}).`);
  return parseWordList(await response.text());
}

type PriceHandlers = Pick<
  Handlers<typeof backgroundRequests>,
  'quotes.get' | 'coins.search' | 'prices.reset' | 'apiKey.status' | 'apiKey.set' | 'apiKey.confirm' | 'registry.coins' | 'registry.status' | 'registry.refresh'
>;

const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);

const baseOf = (settings: Settings) => effectiveBaseUrl(settings.apiBaseUrl, settings.apiPlan);

async function hostGranted(baseUrl: string): Promise<boolean> {
  const pattern = originPatternFor(baseUrl);
  if (!pattern) return true;
  try {
    return await browser.permissions.contains({ origins: [pattern] });
  } catch {
    return false;
  }
}

/** The stored key and why it may not be sent now (null when it may, or when none is needed). */
async function keyFor(settings: Settings, granted?: boolean): Promise<{ key: string; origin: string | null; problem: string | null }> {
  const baseUrl = baseOf(settings);
  // A key an older version left where content scripts can read it moves here first.
  await migrateLegacyApiKey(originOf(baseUrl)).catch(() => {});
  const stored = await getStoredApiKey();
  if (!stored) return { key: '', origin: null, problem: null };
  if (settings.apiPlan === 'keyless') return { key: '', origin: stored.origin, problem: null };
  const problem = keyProblem({ keyOrigin: stored.origin, baseUrl, hostGranted: granted ?? (await hostGranted(baseUrl)) });
  return { key: problem ? '' : stored.key, origin: stored.origin, problem };
}

async function primary(settings?: Settings): Promise<CoinGeckoProvider> {
  const current = settings ?? (await getSettings());
  const baseUrl = baseOf(current);
  const granted = await hostGranted(baseUrl);
  const { key, problem } = await keyFor(current, granted);
  // A custom host not granted is asked nothing (not even keyless); its words come first.
  const accessProblem = hostProblem(baseUrl, granted) ?? problem;
  return new CoinGeckoProvider({ baseUrl: current.apiBaseUrl, plan: current.apiPlan, apiKey: key, accessProblem, fetch: fetchFn });
}

async function coinRefs(coinIds: readonly string[], registry: CategoryRegistryService): Promise<CoinRef[]> {
  const watchlist = await listWatchlist().catch(() => []);
  const watched = new Map(watchlist.map((w) => [w.coinId, w]));
  const category = new Map((await registry.coins().catch(() => [])).map((c) => [c.coinId, c]));
  return coinIds.map((coinId) => {
    const known = registryToken(coinId) ?? watched.get(coinId) ?? category.get(coinId);
    return { coinId, symbol: known?.symbol ?? '', name: known?.name ?? coinId };
  });
}

export interface PriceService extends PriceHandlers {
  service: QuoteService;
  /** The living registry (AI categories), fetched through the same provider and backoff. */
  registry: CategoryRegistryService;
  /** Refreshes the watchlist's stale quotes (the alarm); answers them. */
  refreshWatchlist(): Promise<QuoteAnswer | null>;
  /** Moves a key an older version left in storage.local (readable by content scripts) into the background's store. */
  migrateKey(): Promise<void>;
}

export function createPriceService(): PriceService {
  /** Coins found by recent searches (the popup may ask their prices before following them). */
  const searched = new Set<string>();
  /** The base URL of the last batch: a new one starts with no pauses. */
  let lastBase: string | null = null;

  const service = new QuoteService({
    store: idbQuoteStore,
    backoff: storageBackoffStore(() => browser.storage.local),
    async sources() {
      const settings = await getSettings();
      const base = baseOf(settings);
      if (lastBase !== null && lastBase !== base) await service.resetBackoff().catch(() => {});
      lastBase = base;
      return { currency: settings.currency, primary: await primary(settings), fallback: new CoinbaseProvider(fetchFn) };
    },
    coinRefs: (coinIds) => coinRefs(coinIds, registry),
    async knownIds(coinIds) {
      const watchlist = new Set((await listWatchlist().catch(() => [])).map((w) => w.coinId));
      const category = new Set((await registry.coins().catch(() => [])).map((c) => c.coinId));
      return new Set(coinIds.filter((id) => registryToken(id) || watchlist.has(id) || category.has(id) || searched.has(id)));
    },
  });

  const registry: CategoryRegistryService = new CategoryRegistryService({
    store: idbRegistryStore,
    settings: getSettings,
    async source() {
      const settings = await getSettings();
      const base = baseOf(settings);
      if (lastBase !== null && lastBase !== base) await service.resetBackoff().catch(() => {});
      lastBase = base;
      return { source: await primary(settings), baseUrl: base };
    },
    guard: (source, call) => service.guard(source, call),
    ordinaryWords,
    onChange: () => publishMentionTriggers(),
  });

  const status = async (): Promise<ApiKeyStatus> => {
    const settings = await getSettings();
    const { origin, problem } = await keyFor(settings);
    return { set: origin !== null, origin, currentOrigin: originOf(baseOf(settings)), problem };
  };

  return {
    service,
    registry,
    'registry.coins': async () => ({ coins: await registry.coins() }),
    'registry.status': () => registry.status(),
    'registry.refresh': () => registry.refresh('user'),
    'quotes.get': ({ coinIds, wait }) => service.get(coinIds, { wait }),
    'coins.search': async ({ query }) => {
      const provider = await primary();
      try {
        const coins = await service.guard(provider, () => provider.search(query));
        for (const coin of coins) {
          searched.delete(coin.coinId);
          searched.add(coin.coinId);
        }
        for (const old of searched) if (searched.size > SEARCH_KNOWN_MAX) searched.delete(old);
        return { coins };
      } catch (e) {
        throw new Error(toQuoteError(e).message);
      }
    },
    'prices.reset': async () => {
      await service.resetBackoff();
      return { reset: true };
    },
    'apiKey.status': () => status(),
    'apiKey.set': async ({ key }) => {
      const settings = await getSettings();
      const base = baseOf(settings);
      if (key.trim() && !base.startsWith('https://')) {
        throw new Error(`The API key is sent over HTTPS only, and ${originOf(base)} is not HTTPS. Use an https:// base URL first.`);
      }
      // Bound to where prices are asked from now: another base URL or plan needs the user to confirm it there.
      await saveApiKey(key, originOf(base));
      return status();
    },
    'apiKey.confirm': async () => {
      const settings = await getSettings();
      const base = baseOf(settings);
      const stored = await getStoredApiKey();
      if (!stored) throw new Error('No API key is saved.');
      if (!base.startsWith('https://')) throw new Error(`The API key is sent over HTTPS only, and ${originOf(base)} is not HTTPS.`);
      await saveApiKey(stored.key, originOf(base));
      return status();
    },
    async migrateKey() {
      await keyFor(await getSettings());
    },
    async refreshWatchlist() {
      const list = await listWatchlist();
      if (list.length === 0) return null;
      return service.get(
        list.slice(0, COINS_PER_REQUEST).map((w) => w.coinId),
        { wait: true },
      );
    },
  };
}
