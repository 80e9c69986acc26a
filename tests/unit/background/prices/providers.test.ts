import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import {
  CoinGeckoProvider,
  PRO_API_BASE_URL,
  authHeaders,
  effectiveBaseUrl,
  marketsUrl,
  parseMarkets,
  parseSearch,
} from '@/entrypoints/background/prices/coingecko';
import { CoinbaseProvider, parseRates } from '@/entrypoints/background/prices/coinbase';
import { parseRetryAfter } from '@/entrypoints/background/prices/http';
import { PriceFetchError, type FetchLike } from '@/entrypoints/background/prices/provider';
import type { CoinRef } from '@/utils/model/coin';
import { DEFAULT_API_BASE_URL } from '@/utils/settings';
import { QuoteSchema } from '@/utils/model/quote';

const recorded = async () => JSON.parse(await readFile(new URL('../../../fixtures/api/coins-markets.json', import.meta.url), 'utf8')) as unknown;

const TAO: CoinRef = { coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor' };
const AGIX: CoinRef = { coinId: 'singularitynet', symbol: 'AGIX', name: 'SingularityNET' };

function fakeFetch(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    return respond(url, init);
  };
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

afterEach(() => vi.useRealTimers());

describe('CoinGecko /coins/markets parsing', () => {
  it('turns a recorded answer into quotes, keeping nulls as null and skipping entries without an id', async () => {
    const quotes = parseMarkets(await recorded(), 'usd', 1000, [TAO, AGIX, { coinId: 'thin-coin', symbol: 'THIN', name: 'Thin' }]);
    expect(quotes.map((q) => q.coinId)).toEqual(['bittensor', 'singularitynet', 'thin-coin']);
    // Coins never asked for are dropped (and so never cached).
    expect(parseMarkets(await recorded(), 'usd', 1000, [TAO]).map((q) => q.coinId)).toEqual(['bittensor']);
    const [tao, agix, thin] = quotes;
    expect(tao).toMatchObject({
      symbol: 'TAO',
      name: 'Bittensor',
      currency: 'usd',
      price: 432.17,
      change24h: 3.2105, // the in-currency change is preferred
      marketCap: 3_200_000_000,
      volume24h: 150_000_000,
      rank: 30,
      sparkline7d: [410.2, 415.8, 432.17], // the null point is dropped
      lastUpdated: Date.parse('2026-05-18T12:49:21.599Z'),
      source: 'CoinGecko',
      fetchedAt: 1000,
    });
    expect(agix).toMatchObject({ price: 0.5012, change24h: null, marketCap: null, volume24h: null, rank: null, sparkline7d: [], lastUpdated: null });
    expect(thin).toMatchObject({ price: null, sparkline7d: [] });
    // Every quote fits the protocol's schema.
    for (const q of quotes) expect(QuoteSchema.safeParse(q).success).toBe(true);
  });

  it('calls a non-array or all-invalid answer malformed', () => {
    expect(() => parseMarkets({ error: 'invalid vs_currency' }, 'usd', 0)).toThrow(PriceFetchError);
    expect(() => parseMarkets([{ nope: true }], 'usd', 0)).toThrowError(/unexpected shape/);
    expect(parseMarkets([], 'usd', 0)).toEqual([]);
  });

  it('asks for every coin in one request with the sparkline and 24 h change', () => {
    const url = new URL(marketsUrl(DEFAULT_API_BASE_URL, ['bittensor', 'fetch-ai', 'bittensor'], 'INR'));
    expect(url.pathname).toBe('/api/v3/coins/markets');
    expect(url.searchParams.get('ids')).toBe('bittensor,fetch-ai');
    expect(url.searchParams.get('vs_currency')).toBe('inr');
    expect(url.searchParams.get('sparkline')).toBe('true');
    expect(url.searchParams.get('price_change_percentage')).toBe('24h');
  });

  it('parses /search hits', () => {
    const hits = parseSearch({ coins: [{ id: 'bittensor', name: 'Bittensor', api_symbol: 'bittensor', symbol: 'TAO', market_cap_rank: 30, thumb: '', large: '' }], exchanges: [] });
    expect(hits).toEqual([{ coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor', rank: 30 }]);
    expect(() => parseSearch({ nope: 1 })).toThrow(PriceFetchError);
  });
});

describe('CoinGecko plans and keys', () => {
  it('switches the default base URL with the plan and keeps a custom one', () => {
    expect(effectiveBaseUrl(DEFAULT_API_BASE_URL, 'pro')).toBe(PRO_API_BASE_URL);
    expect(effectiveBaseUrl(PRO_API_BASE_URL, 'demo')).toBe(DEFAULT_API_BASE_URL);
    expect(effectiveBaseUrl(`${DEFAULT_API_BASE_URL}/`, 'keyless')).toBe(DEFAULT_API_BASE_URL);
    expect(effectiveBaseUrl('http://127.0.0.1:9000/api/v3', 'pro')).toBe('http://127.0.0.1:9000/api/v3');
  });

  it('sends the key in the plan’s header only, never in the URL', async () => {
    expect(authHeaders('keyless', 'k')).toEqual({});
    expect(authHeaders('demo', ' k ')).toEqual({ 'x-cg-demo-api-key': 'k' });
    expect(authHeaders('pro', 'k')).toEqual({ 'x-cg-pro-api-key': 'k' });
    expect(authHeaders('pro', '')).toEqual({});
    const { fetch, calls } = fakeFetch(() => json([]));
    await new CoinGeckoProvider({ baseUrl: DEFAULT_API_BASE_URL, plan: 'pro', apiKey: 'CG-secret', fetch }).fetchQuotes([TAO], 'usd');
    expect(calls[0]!.url.startsWith(`${PRO_API_BASE_URL}/coins/markets?`)).toBe(true);
    expect(calls[0]!.url).not.toContain('CG-secret');
    expect(calls[0]!.headers['x-cg-pro-api-key']).toBe('CG-secret');
  });
});

describe('HTTP faults become PriceFetchErrors', () => {
  const provider = (respond: Parameters<typeof fakeFetch>[0], timeoutMs?: number) =>
    new CoinGeckoProvider({ baseUrl: DEFAULT_API_BASE_URL, plan: 'keyless', apiKey: '', fetch: fakeFetch(respond).fetch, timeoutMs });
  const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as PriceFetchError);

  it('429 with Retry-After', async () => {
    const e = await failure(provider(() => json({ status: { error_code: 429 } }, 429, { 'retry-after': '30' })).fetchQuotes([TAO], 'usd'));
    expect(e).toMatchObject({ code: 'rate-limited', retryAfterMs: 30_000, status: 429 });
  });

  it('Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('119')).toBe(119_000);
    expect(parseRetryAfter(new Date(10_000 + 5000).toUTCString(), 10_000)).toBe(5000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });

  it('5xx, 401, unreachable, malformed JSON', async () => {
    expect(await failure(provider(() => json({}, 503)).fetchQuotes([TAO], 'usd'))).toMatchObject({ code: 'server', status: 503 });
    expect(await failure(provider(() => json({}, 401)).fetchQuotes([TAO], 'usd'))).toMatchObject({ code: 'bad-config' });
    expect(await failure(provider(() => Promise.reject(new TypeError('Failed to fetch'))).fetchQuotes([TAO], 'usd'))).toMatchObject({ code: 'offline' });
    expect(
      await failure(provider(() => new Response('{"id": "bittensor", "current_price": 4', { status: 200 })).fetchQuotes([TAO], 'usd')),
    ).toMatchObject({ code: 'malformed' });
  });

  it('aborts a request that takes too long', async () => {
    const slow = (_: string, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const e = await failure(provider(slow, 50).fetchQuotes([TAO], 'usd'));
    expect(e).toMatchObject({ code: 'timeout' });
  });
});

describe('Coinbase fallback', () => {
  const rates = { data: { currency: 'USD', rates: { TAO: '0.0025', AGIX: '0', EUR: '0.92' } } };

  it('inverts exchange rates into prices for the coins it knows', () => {
    const quotes = parseRates(rates, [TAO, AGIX, { coinId: 'x', symbol: 'NOPE', name: 'X' }], 'usd', 5);
    expect(quotes).toHaveLength(2);
    expect(quotes[0]).toMatchObject({ coinId: 'bittensor', price: 400, source: 'Coinbase', change24h: null, sparkline7d: [], fetchedAt: 5 });
    expect(quotes[1]).toMatchObject({ coinId: 'singularitynet', price: null });
    for (const q of quotes) expect(QuoteSchema.safeParse(q).success).toBe(true);
    expect(() => parseRates({ data: null }, [TAO], 'usd', 0)).toThrow(PriceFetchError);
  });

  it('makes one keyless request per currency', async () => {
    const { fetch, calls } = fakeFetch(() => json(rates));
    await new CoinbaseProvider(fetch, 'https://api.coinbase.com/v2').fetchQuotes([TAO, AGIX], 'inr');
    expect(calls.map((c) => c.url)).toEqual(['https://api.coinbase.com/v2/exchange-rates?currency=INR']);
    expect(Object.keys(calls[0]!.headers).filter((h) => h.startsWith('x-cg'))).toEqual([]);
  });
});

describe('price answers are capped', () => {
  it('refuses an answer larger than the cap without reading it all, and follows no redirect', async () => {
    const { getJson } = await import('@/entrypoints/background/prices/http');
    let init: RequestInit | undefined;
    const huge = new Response('['.padEnd(200, ' ') + ']');
    await expect(
      getJson('https://api.example/x', { source: 'Test', maxChars: 100, fetch: async (_u, i) => ((init = i), huge) }),
    ).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('larger') });
    expect(init?.redirect).toBe('error');
    const declared = new Response('[]', { headers: { 'content-length': String(10_000_000_000) } });
    await expect(getJson('https://api.example/x', { source: 'Test', fetch: async () => declared })).rejects.toMatchObject({ code: 'malformed' });
  });

  it('reads at most one page of coins from /coins/markets', () => {
    const body = Array.from({ length: 1000 }, (_, i) => ({ id: `c${i}`, symbol: 'c', name: 'C', current_price: 1 }));
    expect(parseMarkets(body, 'usd', 1)).toHaveLength(250);
  });
});
