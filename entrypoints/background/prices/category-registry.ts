/**
 * The living registry: the coins of CoinGecko's AI categories
 * (`/coins/markets?category=…`, the first `categoryPages` pages of each
 * category in the settings), fetched through the same base URL, key policy
 * and per-host backoff as prices, one page at a time. Fetched on install,
 * when the base URL or the categories change, daily (prices/alarms.ts) and on
 * "Update now"; cached in IndexedDB with its date, so it keeps working
 * offline with the last list. A failed refresh keeps the last list.
 *
 * Each coin gets the flags the page's detector needs (utils/mentions/
 * distinctive.ts), decided with the ordinary-word list the extension ships,
 * which is read only here, when a list is fetched.
 */
import type { CategoryCoin, CategoryRegistry, RegistryStatus } from '@/utils/model/registry';
import { classifyCategoryCoin } from '@/utils/mentions/distinctive';
import { CATEGORY_COINS_MAX, COINS_PER_REQUEST, REGISTRY_REFRESH_MINUTES } from '@/utils/model/limits';
import type { Settings } from '@/utils/settings';
import type { CategoryMarket } from './coingecko';
import type { PriceProvider } from './provider';
import type { RegistryStore } from '../storage/registry-store';

export const REGISTRY_MAX_AGE_MS = REGISTRY_REFRESH_MINUTES * 60_000;

/** What the registry needs of the price provider. */
export interface CategorySource extends Pick<PriceProvider, 'name' | 'host'> {
  fetchCategory(category: string, page: number): Promise<CategoryMarket[]>;
}

export interface CategoryRegistryDeps {
  store: RegistryStore;
  settings(): Promise<Pick<Settings, 'categoriesEnabled' | 'categoryIds' | 'categoryPages'>>;
  /** The CoinGecko provider for the current settings, and the base URL it asks. */
  source(): Promise<{ source: CategorySource; baseUrl: string }>;
  /** Runs one request under the host's backoff (QuoteService.guard), so a 429 pauses prices and lists alike. */
  guard<T>(source: CategorySource, call: () => Promise<T>): Promise<T>;
  /** The shipped ordinary-word list (read on demand). */
  ordinaryWords(): Promise<ReadonlySet<string>>;
  /** Called after a new list is stored (republish the pages' trigger words). */
  onChange?(): Promise<void> | void;
  now?: () => number;
}

export type RefreshReason = 'install' | 'base-url' | 'categories' | 'daily' | 'user' | 'startup';

/** Turns fetched pages into the registry's coins: classified, one entry per coin (its largest market cap), capped. */
export function toCategoryCoins(markets: readonly CategoryMarket[], ordinary: ReadonlySet<string>): CategoryCoin[] {
  const byId = new Map<string, CategoryCoin>();
  for (const m of markets) {
    const coin = classifyCategoryCoin(m, ordinary);
    if (!coin) continue;
    const seen = byId.get(coin.coinId);
    if (!seen || (coin.marketCap ?? -1) > (seen.marketCap ?? -1)) byId.set(coin.coinId, coin);
  }
  return [...byId.values()].sort((a, b) => (b.marketCap ?? -1) - (a.marketCap ?? -1)).slice(0, CATEGORY_COINS_MAX);
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export class CategoryRegistryService {
  private readonly now: () => number;
  /** The cached list (undefined until read from the store). */
  private cached: CategoryRegistry | null | undefined;
  private running: Promise<RegistryStatus> | null = null;
  private lastError: string | null = null;
  /** Requests made by the last refresh (README states the daily budget). */
  lastRequests = 0;

  constructor(private deps: CategoryRegistryDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** The last list fetched (from memory, else IndexedDB), whatever the settings say. */
  async current(): Promise<CategoryRegistry | null> {
    if (this.cached === undefined) this.cached = await this.deps.store.read().catch(() => null);
    return this.cached;
  }

  /** The coins pages look for: none when categories are off. */
  async coins(): Promise<CategoryCoin[]> {
    const settings = await this.deps.settings();
    if (!settings.categoriesEnabled) return [];
    return (await this.current())?.coins ?? [];
  }

  async status(): Promise<RegistryStatus> {
    const settings = await this.deps.settings();
    const list = await this.current();
    return {
      enabled: settings.categoriesEnabled,
      coins: list?.coins.length ?? 0,
      fetchedAt: list?.fetchedAt ?? null,
      categories: list?.categories ?? [...settings.categoryIds],
      refreshing: this.running !== null,
      error: this.lastError,
    };
  }

  /** Why the list should be fetched now, or null when the cached one will do. */
  async staleReason(): Promise<RefreshReason | null> {
    const settings = await this.deps.settings();
    if (!settings.categoriesEnabled) return null;
    const list = await this.current();
    if (!list) return 'startup';
    const { baseUrl } = await this.deps.source();
    if (list.baseUrl !== baseUrl) return 'base-url';
    if (!sameList(list.categories, settings.categoryIds)) return 'categories';
    if (this.now() - list.fetchedAt >= REGISTRY_MAX_AGE_MS) return 'daily';
    return null;
  }

  /** Fetches when the cached list is missing, old, or from another base URL or other categories. */
  async ensureFresh(): Promise<RegistryStatus> {
    const reason = await this.staleReason();
    return reason ? this.refresh(reason) : this.status();
  }

  /** Fetches the lists now (one refresh at a time; a second ask joins the running one). */
  refresh(_reason: RefreshReason): Promise<RegistryStatus> {
    this.running ??= this.fetchAll().finally(() => (this.running = null));
    return this.running;
  }

  private async fetchAll(): Promise<RegistryStatus> {
    const settings = await this.deps.settings();
    if (!settings.categoriesEnabled) return this.status();
    const { source, baseUrl } = await this.deps.source();
    const markets: CategoryMarket[] = [];
    this.lastRequests = 0;
    try {
      // One page at a time: a burst of calls is what gets keyless users rate-limited.
      for (const category of settings.categoryIds) {
        for (let page = 1; page <= settings.categoryPages; page++) {
          this.lastRequests++;
          const list = await this.deps.guard(source, () => source.fetchCategory(category, page));
          markets.push(...list);
          if (list.length < COINS_PER_REQUEST) break;
        }
      }
      const coins = toCategoryCoins(markets, await this.deps.ordinaryWords());
      const registry: CategoryRegistry = { fetchedAt: this.now(), baseUrl, categories: [...settings.categoryIds], coins };
      await this.deps.store.write(registry).catch((error: unknown) => console.warn('Token Insight: could not cache the category list', error));
      this.cached = registry;
      this.lastError = null;
      await Promise.resolve(this.deps.onChange?.()).catch(() => {});
    } catch (error) {
      this.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    }
    return { ...(await this.status()), refreshing: false };
  }
}
