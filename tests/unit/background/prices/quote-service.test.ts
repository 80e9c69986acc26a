import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Quote } from '@/utils/model/quote';
import { makeQuote } from '@/tests/unit/fixtures/records';
import {
  afterFailure,
  backoffDelay,
  memoryBackoffStore,
  NO_BACKOFF,
  storageBackoffStore,
  type BackoffStore,
} from '@/entrypoints/background/prices/backoff';
import { PriceFetchError, type PriceProvider } from '@/entrypoints/background/prices/provider';
import type { CoinRef } from '@/utils/model/coin';
import { QuoteService, type QuoteStore } from '@/entrypoints/background/prices/quote-service';

const quote = (coinId: string, price: number, fetchedAt: number, source = 'Fake'): Quote => makeQuote({ coinId, price, fetchedAt, source });

function memoryStore(): QuoteStore & { rows: Map<string, Quote> } {
  const rows = new Map<string, Quote>();
  return {
    rows,
    async read(ids, currency) {
      const out = new Map<string, Quote>();
      for (const id of ids) {
        const q = rows.get(`${id}:${currency}`);
        if (q) out.set(id, q);
      }
      return out;
    },
    async write(quotes) {
      for (const q of quotes) rows.set(`${q.coinId}:${q.currency}`, q);
    },
  };
}

/** A provider whose next answers the test decides; records each call's coins. */
class FakeProvider implements PriceProvider {
  calls: string[][] = [];
  failWith: PriceFetchError | null = null;
  price = 100;
  delayMs = 0;
  constructor(readonly name: string) {}
  async fetchQuotes(coins: readonly CoinRef[], currency: string): Promise<Quote[]> {
    this.calls.push(coins.map((c) => c.coinId));
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    if (this.failWith) throw this.failWith;
    return coins.map((c) => ({ ...quote(c.coinId, this.price, Date.now(), this.name), currency }));
  }
}

interface Rig {
  service: QuoteService;
  primary: FakeProvider;
  fallback: FakeProvider;
  store: ReturnType<typeof memoryStore>;
  backoff: BackoffStore;
}

function rig(opts: { backoff?: BackoffStore; store?: ReturnType<typeof memoryStore>; withFallback?: boolean; primary?: FakeProvider; fallback?: FakeProvider } = {}): Rig {
  const primary = opts.primary ?? new FakeProvider('CoinGecko');
  const fallback = opts.fallback ?? new FakeProvider('Coinbase');
  const store = opts.store ?? memoryStore();
  const backoff = opts.backoff ?? memoryBackoffStore();
  const service = new QuoteService({
    store,
    backoff,
    sources: async () => ({ currency: 'usd', primary, fallback: opts.withFallback ? fallback : null }),
    coinRefs: async (ids) => ids.map((coinId) => ({ coinId, symbol: coinId.toUpperCase(), name: coinId })),
  });
  return { service, primary, fallback, store, backoff };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets pending promises and the batching window run. */
async function settle(ms = 150) {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('coalescing', () => {
  it('turns 20 simultaneous asks (as from 20 tabs) into one request for all their coins', async () => {
    const { service, primary } = rig();
    const asks = Array.from({ length: 20 }, (_, i) => service.get(i % 2 ? ['bittensor', 'fetch-ai'] : ['bittensor', 'numeraire'], { wait: true }));
    await settle();
    const answers = await Promise.all(asks);
    expect(primary.calls).toHaveLength(1);
    expect(primary.calls[0]!.sort()).toEqual(['bittensor', 'fetch-ai', 'numeraire']);
    for (const a of answers) {
      expect(a.error).toBeNull();
      expect(a.quotes.every((q) => q.quote?.price === 100 && !q.stale)).toBe(true);
    }
  });

  it('lets an ask arriving during a fetch join it instead of starting another (single-flight)', async () => {
    const { service, primary } = rig();
    primary.delayMs = 1000;
    const first = service.get(['bittensor'], { wait: true });
    await settle(); // the batch is sent and is now in flight
    const second = service.get(['bittensor'], { wait: true });
    await settle(1000);
    await Promise.all([first, second]);
    expect(primary.calls).toHaveLength(1);
  });

  it('starts no second request for an ask that read the cache while the fetch ran and asks after it ended', async () => {
    const store = memoryStore();
    const { service, primary } = rig({ store });
    primary.delayMs = 1000;
    const first = service.get(['bittensor'], { wait: true });
    await settle(); // the batch is in flight
    // A slow tab: its cache read starts now (empty) and returns only after the fetch has ended.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const read = store.read.bind(store);
    store.read = async (ids, currency) => {
      const rows = await read(ids, currency);
      await gate;
      return rows;
    };
    const late = service.get(['bittensor'], { wait: true });
    await settle(1000);
    await first;
    release();
    await settle();
    const answer = await late;
    expect(primary.calls).toHaveLength(1);
    expect(answer.quotes[0]!.quote?.price).toBe(100);
    expect(answer.quotes[0]!.stale).toBe(false);
  });
});

describe('cache TTL', () => {
  it('answers fresh cached quotes without a request, and refreshes stale ones after 60 s', async () => {
    const { service, primary } = rig();
    await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    expect(primary.calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(59_000);
    const cached = await service.get(['bittensor']);
    expect(cached.quotes[0]).toMatchObject({ stale: false, quote: { price: 100 } });
    await settle();
    expect(primary.calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_000);
    primary.price = 120;
    // Without `wait`: the stale quote comes at once, a refresh runs behind it.
    const stale = await service.get(['bittensor']);
    expect(stale.quotes[0]).toMatchObject({ stale: true, quote: { price: 100 } });
    await settle();
    expect(primary.calls).toHaveLength(2);
    const fresh = await service.get(['bittensor']);
    expect(fresh.quotes[0]).toMatchObject({ stale: false, quote: { price: 120 } });
  });

  it('says not-found when the source has no price for the coin, and does not ask for it again within the TTL', async () => {
    const { service, primary } = rig();
    const asked: string[][] = [];
    primary.fetchQuotes = async (coins) => (asked.push(coins.map((c) => c.coinId)), []);
    const [answer] = await Promise.all([service.get(['no-such-coin'], { wait: true }), settle()]);
    expect(answer.quotes[0]!.quote).toBeNull();
    expect(answer.error?.code).toBe('not-found');
    for (let i = 0; i < 5; i++) await Promise.all([service.get(['no-such-coin'], { wait: true }), settle(1000)]);
    expect(asked).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all([service.get(['no-such-coin'], { wait: true }), settle()]);
    expect(asked).toHaveLength(2);
  });
});

describe('backoff schedule', () => {
  it('honours Retry-After and grows exponentially on repeated 429s', () => {
    expect(backoffDelay(1, 'rate-limited', 30_000)).toBe(30_000);
    expect(backoffDelay(2, 'rate-limited', 30_000)).toBe(30_000);
    expect(backoffDelay(3, 'rate-limited', 30_000)).toBe(60_000);
    expect(backoffDelay(4, 'rate-limited', 30_000)).toBe(120_000);
    expect(backoffDelay(20, 'rate-limited', 30_000)).toBe(15 * 60_000); // capped
    expect(backoffDelay(1, 'rate-limited', 20 * 60_000)).toBe(20 * 60_000); // Retry-After beyond the cap is still honoured
    expect(backoffDelay(1, 'rate-limited', null)).toBe(60_000);
    // Other errors start small: 2 s, 4 s, 8 s … up to 5 min.
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 'server', null))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(30, 'timeout', null)).toBe(5 * 60_000);
    const state = afterFailure(NO_BACKOFF, new PriceFetchError('rate-limited', 'busy', 30_000), 1000);
    expect(state).toMatchObject({ failures: 1, until: 31_000, reason: 'rate-limited' });
  });

  it('after a 429 with Retry-After: 30 makes no request for 30 s, answering the cached quote with its error', async () => {
    const { service, primary } = rig();
    await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    await vi.advanceTimersByTimeAsync(60_000); // the quote is now stale
    primary.failWith = new PriceFetchError('rate-limited', 'CoinGecko is rate-limiting requests.', 30_000, 429);
    const [limited] = await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    expect(primary.calls).toHaveLength(2);
    const t429 = Date.now() - 150;
    expect(limited.quotes[0]).toMatchObject({ stale: true, quote: { price: 100 } });
    expect(limited.error).toMatchObject({ code: 'rate-limited' });
    expect(limited.error!.retryAt).toBeGreaterThanOrEqual(t429 + 30_000 - 200);

    primary.failWith = null;
    // Ask every second for just under 30 s: nothing goes out.
    while (Date.now() < limited.error!.retryAt! - 1000) {
      const [a] = await Promise.all([service.get(['bittensor'], { wait: true }), settle(1000)]);
      expect(a.error?.code).toBe('rate-limited');
      expect(a.quotes[0]!.quote?.price).toBe(100);
    }
    expect(primary.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1500);
    const [after] = await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    expect(primary.calls).toHaveLength(3);
    expect(after.error).toBeNull();
  });

  it('keeps waiting after a service-worker restart (state in storage.local)', async () => {
    const backoff = storageBackoffStore(() => fakeBrowser.storage.local);
    const store = memoryStore();
    const before = rig({ backoff, store });
    before.primary.failWith = new PriceFetchError('rate-limited', 'busy', 30_000, 429);
    await Promise.all([before.service.get(['bittensor'], { wait: true }), settle()]);
    expect(await fakeBrowser.storage.local.get('priceBackoff')).toMatchObject({ priceBackoff: { CoinGecko: { failures: 1, reason: 'rate-limited' } } });

    // A new worker: new service, new providers, same storage.
    const after = rig({ backoff, store });
    await vi.advanceTimersByTimeAsync(10_000);
    const [a] = await Promise.all([after.service.get(['bittensor'], { wait: true }), settle()]);
    expect(after.primary.calls).toHaveLength(0);
    expect(a.error?.code).toBe('rate-limited');
    await vi.advanceTimersByTimeAsync(21_000);
    await Promise.all([after.service.get(['bittensor'], { wait: true }), settle()]);
    expect(after.primary.calls).toHaveLength(1);
    expect((await backoff.load('CoinGecko')).failures).toBe(0);
  });
});

describe('fallback', () => {
  it('asks the fallback when the primary fails, and the quote says its source', async () => {
    const { service, primary, fallback } = rig({ withFallback: true });
    primary.failWith = new PriceFetchError('server', 'CoinGecko answered with an error (500).', null, 500);
    fallback.price = 99;
    const [a] = await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    expect(a.error).toBeNull();
    expect(a.quotes[0]!.quote).toMatchObject({ price: 99, source: 'Coinbase' });
    expect(primary.calls).toHaveLength(1);
    expect(fallback.calls).toHaveLength(1);
  });

  it('reports the error only for the coins it left without a fresh quote', async () => {
    const { service, primary, fallback } = rig({ withFallback: true });
    primary.failWith = new PriceFetchError('server', 'CoinGecko answered with an error (500).', null, 500);
    // The fallback knows TAO but not the other coin.
    fallback.fetchQuotes = async (coins, currency) =>
      coins.filter((c) => c.coinId === 'bittensor').map((c) => ({ ...quote(c.coinId, 99, Date.now(), 'Coinbase'), currency }));
    const [both, tao] = await Promise.all([
      service.get(['bittensor', 'obscure-coin'], { wait: true }),
      service.get(['bittensor'], { wait: true }),
      settle(),
    ]);
    expect(both.error?.code).toBe('server');
    expect(both.quotes.map((q) => q.quote?.price ?? null)).toEqual([99, null]);
    expect(tao.error).toBeNull();
    expect(tao.quotes[0]!.quote).toMatchObject({ price: 99, source: 'Coinbase' });
  });

  it('answers the last known quote with the error when every source fails (offline)', async () => {
    const { service, primary, fallback } = rig({ withFallback: true });
    await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    await vi.advanceTimersByTimeAsync(2 * 3600_000);
    primary.failWith = new PriceFetchError('offline', 'Could not reach CoinGecko.');
    fallback.failWith = new PriceFetchError('offline', 'Could not reach Coinbase.');
    const [a] = await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    expect(a.quotes[0]).toMatchObject({ stale: true, quote: { price: 100 } });
    expect(a.error).toMatchObject({ code: 'offline', message: 'Could not reach CoinGecko.' });
    // Without wait, the last error still comes with the cached quote.
    const b = await service.get(['bittensor']);
    expect(b.error?.code).toBe('offline');
  });

  it('answers a clear error and no quote when nothing is cached', async () => {
    const { service, primary } = rig();
    primary.failWith = new PriceFetchError('malformed', 'CoinGecko sent an answer that is not valid JSON.');
    const [a] = await Promise.all([service.get(['bittensor'], { wait: true }), settle()]);
    expect(a.quotes[0]!.quote).toBeNull();
    expect(a.error).toMatchObject({ code: 'malformed' });
  });
});
