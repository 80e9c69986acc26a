/**
 * The price service wired to the browser: settings and API key from
 * browser.storage, the cache in IndexedDB, backoff in storage.local, coin
 * tickers from the registry and the watchlist. Gives the background its
 * `quotes.get` and `coins.search` handlers and the watchlist refresh the
 * alarm runs.
 */
import { browser } from 'wxt/browser';
import type { Handlers } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { registryToken } from '@/utils/mentions/registry';
import { getApiKey, getSettings } from '@/utils/settings';
import { listWatchlist } from '../storage/watchlist-store';
import { storageBackoffStore } from './backoff';
import { CoinbaseProvider } from './coinbase';
import { CoinGeckoProvider } from './coingecko';
import type { CoinRef } from '@/utils/model/coin';
import { idbQuoteStore } from '../storage/quote-cache';
import { QuoteService, toQuoteError, type QuoteAnswer } from './quote-service';
import { COINS_PER_REQUEST } from '@/utils/model/limits';

type PriceHandlers = Pick<Handlers<typeof backgroundRequests>, 'quotes.get' | 'coins.search'>;

const fetchFn = (input: string, init?: RequestInit) => fetch(input, init);

async function primary(): Promise<CoinGeckoProvider> {
  const [settings, apiKey] = await Promise.all([getSettings(), getApiKey()]);
  return new CoinGeckoProvider({ baseUrl: settings.apiBaseUrl, plan: settings.apiPlan, apiKey, fetch: fetchFn });
}

async function coinRefs(coinIds: readonly string[]): Promise<CoinRef[]> {
  const watchlist = await listWatchlist().catch(() => []);
  const watched = new Map(watchlist.map((w) => [w.coinId, w]));
  return coinIds.map((coinId) => {
    const known = registryToken(coinId) ?? watched.get(coinId);
    return { coinId, symbol: known?.symbol ?? '', name: known?.name ?? coinId };
  });
}

export interface PriceService extends PriceHandlers {
  service: QuoteService;
  /** Refreshes the watchlist's stale quotes (the alarm); answers them. */
  refreshWatchlist(): Promise<QuoteAnswer | null>;
}

export function createPriceService(): PriceService {
  const service = new QuoteService({
    store: idbQuoteStore,
    backoff: storageBackoffStore(() => browser.storage.local),
    async sources() {
      const settings = await getSettings();
      return { currency: settings.currency, primary: await primary(), fallback: new CoinbaseProvider(fetchFn) };
    },
    coinRefs,
  });

  return {
    service,
    'quotes.get': ({ coinIds, wait }) => service.get(coinIds, { wait }),
    'coins.search': async ({ query }) => {
      const provider = await primary();
      try {
        const coins = await service.guard(provider, () => provider.search(query));
        return { coins };
      } catch (e) {
        throw new Error(toQuoteError(e).message);
      }
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
