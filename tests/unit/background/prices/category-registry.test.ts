/**
 * The living registry in the background: what it asks the price API (the
 * category pages, one at a time, through the same base URL, key and backoff),
 * what it stores (IndexedDB, with the date and source), working offline from
 * the last list, and when it fetches again (first start, a new base URL or
 * categories, a day later, the daily alarm, categories off).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { CategoryRegistryService, REGISTRY_MAX_AGE_MS, toCategoryCoins, type CategorySource } from '@/entrypoints/background/prices/category-registry';
import { CoinGeckoProvider, categoryUrl, parseCategoryMarkets, type CategoryMarket } from '@/entrypoints/background/prices/coingecko';
import { memoryBackoffStore } from '@/entrypoints/background/prices/backoff';
import { PriceFetchError } from '@/entrypoints/background/prices/provider';
import { QuoteService } from '@/entrypoints/background/prices/quote-service';
import { REGISTRY_ALARM, startRegistryAlarm } from '@/entrypoints/background/prices/alarms';
import { idbRegistryStore, memoryRegistryStore } from '@/entrypoints/background/storage/registry-store';
import { closeDb } from '@/entrypoints/background/storage/db';
import { COINS_PER_REQUEST, REGISTRY_REFRESH_MINUTES } from '@/utils/model/limits';
import { categoryMarkets, ordinaryWords } from '@/tests/unit/fixtures/category-coins';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const market = (id: string, symbol: string, name: string, marketCap: number | null): CategoryMarket => ({ coinId: id, symbol, name, marketCap });

/** A CoinGecko stand-in: pages per category from the test, every call recorded, failures on demand. */
class FakeSource implements CategorySource {
  readonly name = 'CoinGecko';
  host = 'api.example';
  calls: string[] = [];
  failWith: PriceFetchError | null = null;
  constructor(public lists: Record<string, CategoryMarket[]>) {}
  async fetchCategory(category: string, page: number): Promise<CategoryMarket[]> {
    this.calls.push(`${category}#${page}`);
    if (this.failWith) throw this.failWith;
    const all = this.lists[category] ?? [];
    return all.slice((page - 1) * COINS_PER_REQUEST, page * COINS_PER_REQUEST);
  }
}

function setup(options: { lists?: Record<string, CategoryMarket[]>; store?: ReturnType<typeof memoryRegistryStore>; now?: () => number } = {}) {
  const fixture = categoryMarkets();
  const lists =
    options.lists ??
    Object.fromEntries(Object.entries(fixture).map(([k, v]) => [k, v.map((m) => market(m.id, m.symbol, m.name, m.market_cap))]));
  const source = new FakeSource(lists);
  const settings = { categoriesEnabled: true, categoryIds: ['artificial-intelligence', 'ai-agents'], categoryPages: 2 };
  let baseUrl = 'https://api.example/api/v3';
  const backoff = memoryBackoffStore();
  const quotes = new QuoteService({
    store: { read: async () => new Map(), write: async () => {} },
    backoff,
    sources: async () => ({ currency: 'usd', primary: { name: 'CoinGecko', host: source.host, fetchQuotes: async () => [] }, fallback: null }),
    coinRefs: async () => [],
  });
  const store = options.store ?? memoryRegistryStore();
  const onChange = vi.fn();
  const registry = new CategoryRegistryService({
    store,
    settings: async () => settings,
    source: async () => ({ source, baseUrl }),
    guard: (s, call) => quotes.guard(s, call),
    ordinaryWords,
    onChange,
    now: options.now,
  });
  return { registry, source, settings, store, backoff, onChange, setBase: (url: string) => (baseUrl = url) };
}

describe('the category list request', () => {
  it('asks /coins/markets for one page of a category, largest market cap first, in USD', () => {
    const url = new URL(categoryUrl('https://api.coingecko.com/api/v3', 'ai-agents', 2));
    expect(url.origin + url.pathname).toBe('https://api.coingecko.com/api/v3/coins/markets');
    expect(Object.fromEntries(url.searchParams)).toEqual({ vs_currency: 'usd', category: 'ai-agents', order: 'market_cap_desc', per_page: '250', page: '2' });
  });

  it('reads id, ticker, name and market cap, skipping entries that do not fit, and refuses a body that is not a list', () => {
    const read = parseCategoryMarkets([
      { id: 'kaito', symbol: 'kaito', name: 'KAITO', market_cap: 380_000_000, current_price: 1.2 },
      { id: 'thin', symbol: 'thin', name: 'Thin', market_cap: null },
      { symbol: 'noid', name: 'No id' },
      'junk',
    ]);
    expect(read).toEqual([market('kaito', 'kaito', 'KAITO', 380_000_000), market('thin', 'thin', 'Thin', null)]);
    expect(() => parseCategoryMarkets({ error: 'nope' })).toThrow(PriceFetchError);
  });

  it('goes to the same base URL as prices, with the key in its header only', async () => {
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const provider = new CoinGeckoProvider({
      baseUrl: 'https://api.coingecko.com/api/v3',
      plan: 'pro',
      apiKey: 'CG-secret',
      fetch: async (url, init) => {
        calls.push({ url, headers: init?.headers as Record<string, string> });
        return new Response(JSON.stringify([{ id: 'kaito', symbol: 'kaito', name: 'KAITO', market_cap: 1 }]));
      },
    });
    expect(await provider.fetchCategory('artificial-intelligence', 1)).toHaveLength(1);
    expect(calls[0]!.url).toMatch(/^https:\/\/pro-api\.coingecko\.com\/api\/v3\/coins\/markets\?/);
    expect(calls[0]!.url).not.toContain('CG-secret');
    expect(calls[0]!.headers['x-cg-pro-api-key']).toBe('CG-secret');
  });
});

describe('the living registry', () => {
  it('fetches each category one page at a time, stops at a short page, and stores the classified coins with date and source', async () => {
    const { registry, source, store, onChange } = setup({ now: () => 1_000_000 });
    const status = await registry.refresh('install');
    // Both fixture lists are shorter than a page: one request per category.
    expect(source.calls).toEqual(['artificial-intelligence#1', 'ai-agents#1']);
    expect(registry.lastRequests).toBe(2);
    expect(status).toMatchObject({ enabled: true, fetchedAt: 1_000_000, refreshing: false, error: null });
    expect(store.value?.baseUrl).toBe('https://api.example/api/v3');
    expect(store.value?.categories).toEqual(['artificial-intelligence', 'ai-agents']);
    // A coin listed in both categories is kept once.
    const ids = store.value!.coins.map((c) => c.coinId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('fetch-ai');
    expect(status.coins).toBe(ids.length);
    const kaito = store.value!.coins.find((c) => c.coinId === 'kaito')!;
    expect(kaito).toMatchObject({ symbol: 'KAITO', distinctiveName: true, symbolIsWord: false });
    expect(store.value!.coins.find((c) => c.coinId === 'grass')).toMatchObject({ symbol: 'GRASS', distinctiveName: false, symbolIsWord: true });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('reads the next page only while pages are full, up to the pages setting', async () => {
    const many = Array.from({ length: 600 }, (_, i) => market(`coin-${i}`, `C${i}X`, `Coin Number ${i}`, 1e9 - i));
    const { registry, source, settings } = setup({ lists: { 'artificial-intelligence': many, 'ai-agents': many.slice(0, 10) } });
    await registry.refresh('user');
    expect(source.calls).toEqual(['artificial-intelligence#1', 'artificial-intelligence#2', 'ai-agents#1']);
    expect((await registry.coins()).length).toBe(500);
    settings.categoryPages = 3;
    source.calls = [];
    await registry.refresh('user');
    expect(source.calls).toEqual(['artificial-intelligence#1', 'artificial-intelligence#2', 'artificial-intelligence#3', 'ai-agents#1']);
    expect((await registry.coins()).length).toBe(600);
  });

  it('keeps one entry per coin with its largest market cap, drops tickers it cannot match, and sorts by market cap', async () => {
    const coins = toCategoryCoins(
      [market('a', 'aaa', 'Aaa Coin', 5), market('b', 'bbb', 'Bbb', 50), market('a', 'aaa', 'Aaa Coin', 9), market('c', 'c', 'Single letter', 99), market('d', 'd-x', 'Dash', 1)],
      await ordinaryWords(),
    );
    expect(coins.map((c) => [c.coinId, c.marketCap])).toEqual([
      ['b', 50],
      ['a', 9],
    ]);
  });

  it('keeps the last list when the API fails (offline), says why, and serves it after a restart', async () => {
    const store = idbRegistryStore;
    const first = setup({ store: memoryRegistryStore() });
    await first.registry.refresh('install');
    await store.write(first.store.value!);
    const before = first.store.value!.coins.length;

    const { registry, source } = setup({ store: { ...store, value: null } as never });
    source.failWith = new PriceFetchError('offline', 'You are offline.');
    const status = await registry.refresh('daily');
    expect(status.error).toBe('You are offline.');
    expect(status.coins).toBe(before);
    expect((await registry.coins()).length).toBe(before);
    // A new worker (nothing in memory) reads the cached list from IndexedDB.
    const restarted = setup({ store: { ...store, value: null } as never });
    expect((await restarted.registry.coins()).length).toBe(before);
    expect(restarted.source.calls).toEqual([]);
  });

  it('fetches again on first start, a new base URL, other categories and after a day, and not otherwise', async () => {
    let now = 10_000_000;
    const { registry, source, settings, setBase } = setup({ now: () => now });
    expect(await registry.staleReason()).toBe('startup');
    await registry.ensureFresh();
    expect(source.calls).toHaveLength(2);
    expect(await registry.staleReason()).toBeNull();
    await registry.ensureFresh();
    expect(source.calls).toHaveLength(2);

    setBase('https://proxy.example/api/v3');
    expect(await registry.staleReason()).toBe('base-url');
    await registry.ensureFresh();
    expect(source.calls).toHaveLength(4);

    settings.categoryIds = ['ai-agents'];
    expect(await registry.staleReason()).toBe('categories');
    await registry.ensureFresh();
    expect(source.calls.slice(4)).toEqual(['ai-agents#1']);

    now += REGISTRY_MAX_AGE_MS - 1;
    expect(await registry.staleReason()).toBeNull();
    now += 1;
    expect(await registry.staleReason()).toBe('daily');
  });

  it('fetches nothing and gives pages no coins while categories are off', async () => {
    const { registry, source, settings } = setup();
    await registry.refresh('install');
    settings.categoriesEnabled = false;
    expect(await registry.coins()).toEqual([]);
    expect(await registry.staleReason()).toBeNull();
    source.calls = [];
    expect(await registry.refresh('user')).toMatchObject({ enabled: false });
    expect(source.calls).toEqual([]);
  });

  it('honours the price API’s pause: after a 429 no list is asked until it has passed', async () => {
    const { registry, source, backoff } = setup();
    source.failWith = new PriceFetchError('rate-limited', 'CoinGecko is rate-limiting requests.', 60_000, 429);
    expect((await registry.refresh('install')).error).toMatch(/rate-limiting/);
    expect(source.calls).toEqual(['artificial-intelligence#1']);
    expect((await backoff.load('api.example')).reason).toBe('rate-limited');
    source.failWith = null;
    expect((await registry.refresh('user')).error).toMatch(/rate-limiting/);
    expect(source.calls).toHaveLength(1);
  });

  it('joins a refresh already running instead of asking twice', async () => {
    const { registry, source } = setup();
    await Promise.all([registry.refresh('install'), registry.refresh('startup'), registry.refresh('user')]);
    expect(source.calls).toEqual(['artificial-intelligence#1', 'ai-agents#1']);
  });
});

describe('the daily alarm', () => {
  it('is created once a day and refreshes the list when it rings', async () => {
    const refresh = vi.fn(async () => ({}) as never);
    startRegistryAlarm({ refresh });
    for (let i = 0; i < 100 && !(await fakeBrowser.alarms.get(REGISTRY_ALARM)); i++) await new Promise((r) => setTimeout(r, 5));
    expect((await fakeBrowser.alarms.get(REGISTRY_ALARM))?.periodInMinutes).toBe(REGISTRY_REFRESH_MINUTES);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'token-insight/prices', scheduledTime: Date.now(), periodInMinutes: 5, persistAcrossSessions: true });
    expect(refresh).not.toHaveBeenCalled();
    await fakeBrowser.alarms.onAlarm.trigger({ name: REGISTRY_ALARM, scheduledTime: Date.now(), periodInMinutes: REGISTRY_REFRESH_MINUTES, persistAcrossSessions: true });
    expect(refresh).toHaveBeenCalledWith('daily');
  });
});
