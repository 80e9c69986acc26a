/**
 * CoinGecko API v3: `/coins/markets` for quotes (every coin in one request,
 * with 24 h change, market cap, volume, rank and a 7-day sparkline) and
 * `/search` for finding coins. Keyless by default; a Demo or Pro key goes in
 * its header only (never in the URL), and the Pro plan uses its own host.
 * Answers are validated with zod before use; numeric nulls stay null.
 */
import * as z from 'zod/mini';
import type { Quote } from '@/utils/model/quote';
import { DEFAULT_API_BASE_URL } from '@/utils/settings';
import { getJson } from './http';
import { hostOf, PriceFetchError, type FetchLike, type PriceProvider } from './provider';
import type { CoinRef } from '@/utils/model/coin';
import { COINS_PER_REQUEST, SEARCH_RESULTS_MAX } from '@/utils/model/limits';

export const COINGECKO = 'CoinGecko';
export const PRO_API_BASE_URL = 'https://pro-api.coingecko.com/api/v3';

export type ApiPlan = 'keyless' | 'demo' | 'pro';

export interface CoinGeckoConfig {
  baseUrl: string;
  plan: ApiPlan;
  apiKey: string;
  fetch: FetchLike;
  timeoutMs?: number;
  /** Why this base URL may not be asked, or not with the key (key-policy.ts): every request then fails with it, sending nothing. */
  accessProblem?: string | null;
}

/**
 * The base URL to use: a custom URL is kept as is; the public default
 * switches to the Pro host on the Pro plan (and back), because a key sent to
 * the wrong host is refused.
 */
export function effectiveBaseUrl(baseUrl: string, plan: ApiPlan): string {
  const url = baseUrl.trim().replace(/\/+$/, '');
  if (plan === 'pro' && url === DEFAULT_API_BASE_URL) return PRO_API_BASE_URL;
  if (plan !== 'pro' && url === PRO_API_BASE_URL) return DEFAULT_API_BASE_URL;
  return url;
}

/** The key's header for the plan; none when keyless or the key is empty. */
export function authHeaders(plan: ApiPlan, apiKey: string): Record<string, string> {
  const key = apiKey.trim();
  if (!key || plan === 'keyless') return {};
  return plan === 'pro' ? { 'x-cg-pro-api-key': key } : { 'x-cg-demo-api-key': key };
}

export function marketsUrl(baseUrl: string, coinIds: readonly string[], currency: string): string {
  const params = new URLSearchParams({
    vs_currency: currency.toLowerCase(),
    ids: [...new Set(coinIds)].join(','),
    sparkline: 'true',
    price_change_percentage: '24h',
    per_page: String(COINS_PER_REQUEST),
    page: '1',
  });
  return `${baseUrl}/coins/markets?${params}`;
}

/** One page of a category's coins, largest market cap first (`/coins/markets?category=…`): the living registry's source. */
export function categoryUrl(baseUrl: string, category: string, page: number): string {
  const params = new URLSearchParams({
    vs_currency: 'usd',
    category,
    order: 'market_cap_desc',
    per_page: String(COINS_PER_REQUEST),
    page: String(page),
  });
  return `${baseUrl}/coins/markets?${params}`;
}

const Num = z.nullish(z.number());

/** One entry of `/coins/markets`; unknown fields are ignored, numbers may be null. */
export const MarketSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  symbol: z.string().check(z.maxLength(40)),
  name: z.string().check(z.maxLength(200)),
  current_price: Num,
  market_cap: Num,
  market_cap_rank: Num,
  total_volume: Num,
  price_change_percentage_24h: Num,
  price_change_percentage_24h_in_currency: Num,
  last_updated: z.nullish(z.string()),
  sparkline_in_7d: z.nullish(z.object({ price: z.nullish(z.array(z.nullable(z.number()))) })),
});
type Market = z.infer<typeof MarketSchema>;

const finite = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toQuote(m: Market, currency: string, fetchedAt: number, fallback?: CoinRef): Quote {
  const rank = finite(m.market_cap_rank);
  const updated = m.last_updated ? Date.parse(m.last_updated) : NaN;
  return {
    coinId: m.id,
    symbol: (m.symbol || fallback?.symbol || m.id).toUpperCase().slice(0, 40),
    name: (m.name || fallback?.name || m.id).slice(0, 200),
    currency,
    price: finite(m.current_price),
    change24h: finite(m.price_change_percentage_24h_in_currency) ?? finite(m.price_change_percentage_24h),
    marketCap: finite(m.market_cap),
    volume24h: finite(m.total_volume),
    rank: rank === null ? null : Math.round(rank),
    sparkline7d: (m.sparkline_in_7d?.price ?? []).filter((p): p is number => finite(p) !== null).slice(-2000),
    lastUpdated: Number.isNaN(updated) ? null : updated,
    source: COINGECKO,
    fetchedAt,
  };
}

/**
 * Parses a `/coins/markets` answer. A body that is not an array is
 * "malformed"; entries that do not fit the schema are skipped, the rest kept.
 */
export function parseMarkets(body: unknown, currency: string, fetchedAt: number, coins: readonly CoinRef[] = []): Quote[] {
  if (!Array.isArray(body)) throw new PriceFetchError('malformed', `${COINGECKO} sent an answer of an unexpected shape.`);
  const refs = new Map(coins.map((c) => [c.coinId, c]));
  const quotes: Quote[] = [];
  const seen = new Set<string>();
  // At most one page of coins is read; when the asked coins are given, only they are kept (and cached).
  for (const item of body.slice(0, COINS_PER_REQUEST)) {
    const parsed = MarketSchema.safeParse(item);
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    if (refs.size > 0 && !refs.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    quotes.push(toQuote(parsed.data, currency, fetchedAt, refs.get(parsed.data.id)));
  }
  if (quotes.length === 0 && body.length > 0 && refs.size === 0) {
    throw new PriceFetchError('malformed', `${COINGECKO} sent an answer of an unexpected shape.`);
  }
  return quotes;
}

/** A category list's coin as read from the API (flags are added by the registry). */
export interface CategoryMarket {
  coinId: string;
  symbol: string;
  name: string;
  marketCap: number | null;
}

/** Parses one page of a category list: entries that do not fit are skipped; a body that is not an array is "malformed". */
export function parseCategoryMarkets(body: unknown): CategoryMarket[] {
  if (!Array.isArray(body)) throw new PriceFetchError('malformed', `${COINGECKO} sent a category list of an unexpected shape.`);
  const out: CategoryMarket[] = [];
  for (const item of body.slice(0, COINS_PER_REQUEST)) {
    const parsed = MarketSchema.safeParse(item);
    if (!parsed.success || !parsed.data.symbol || !parsed.data.name) continue;
    out.push({ coinId: parsed.data.id, symbol: parsed.data.symbol, name: parsed.data.name, marketCap: finite(parsed.data.market_cap) });
  }
  return out;
}

const SearchSchema = z.object({
  coins: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      symbol: z.string(),
      market_cap_rank: z.nullish(z.number()),
    }),
  ),
});

export interface SearchHit {
  coinId: string;
  symbol: string;
  name: string;
  rank: number | null;
}

export function parseSearch(body: unknown, limit = 25): SearchHit[] {
  // Only the first entries are read: a huge answer cannot make the worker validate thousands.
  const coins = (body as { coins?: unknown } | null)?.coins;
  const parsed = SearchSchema.safeParse({ coins: Array.isArray(coins) ? coins.slice(0, SEARCH_RESULTS_MAX) : coins });
  if (!parsed.success) throw new PriceFetchError('malformed', `${COINGECKO} sent a search answer of an unexpected shape.`);
  return parsed.data.coins
    .filter((c) => c.id && c.name && c.symbol && c.id.length <= 200 && c.name.length <= 200 && c.symbol.length <= 40)
    .slice(0, limit)
    .map((c) => ({
      coinId: c.id,
      symbol: c.symbol.toUpperCase(),
      name: c.name,
      rank: typeof c.market_cap_rank === 'number' ? Math.round(c.market_cap_rank) : null,
    }));
}

export class CoinGeckoProvider implements PriceProvider {
  readonly name = COINGECKO;
  readonly host: string;
  private readonly base: string;
  private readonly headers: Record<string, string>;

  constructor(
    private config: CoinGeckoConfig,
    private now: () => number = Date.now,
  ) {
    this.base = effectiveBaseUrl(config.baseUrl, config.plan);
    this.host = hostOf(this.base);
    this.headers = authHeaders(config.plan, config.apiKey);
  }

  private checkAccess(): void {
    if (this.config.accessProblem) throw new PriceFetchError('bad-config', this.config.accessProblem);
  }

  async fetchQuotes(coins: readonly CoinRef[], currency: string, signal?: AbortSignal): Promise<Quote[]> {
    if (coins.length === 0) return [];
    this.checkAccess();
    const body = await getJson(marketsUrl(this.base, coins.map((c) => c.coinId), currency), {
      fetch: this.config.fetch,
      headers: this.headers,
      timeoutMs: this.config.timeoutMs,
      signal,
      source: COINGECKO,
    });
    return parseMarkets(body, currency.toLowerCase(), this.now(), coins);
  }

  /** One page of a category's coins (the same base URL, key and plan as prices). */
  async fetchCategory(category: string, page: number, signal?: AbortSignal): Promise<CategoryMarket[]> {
    this.checkAccess();
    const body = await getJson(categoryUrl(this.base, category, page), {
      fetch: this.config.fetch,
      headers: this.headers,
      timeoutMs: this.config.timeoutMs,
      signal,
      source: COINGECKO,
    });
    return parseCategoryMarkets(body);
  }

  async search(query: string, signal?: AbortSignal): Promise<SearchHit[]> {
    this.checkAccess();
    const body = await getJson(`${this.base}/search?${new URLSearchParams({ query })}`, {
      fetch: this.config.fetch,
      headers: this.headers,
      timeoutMs: this.config.timeoutMs,
      signal,
      source: COINGECKO,
    });
    return parseSearch(body);
  }
}
