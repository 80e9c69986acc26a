/**
 * The keyless fallback: Coinbase's public exchange rates
 * (`GET https://api.coinbase.com/v2/exchange-rates?currency=USD`), one request
 * for every coin. It gives the price only: change, market cap, volume, rank
 * and sparkline stay null/empty, and the card says the source is Coinbase.
 * Coins are matched by ticker, so only the tickers we know are asked for.
 */
import * as z from 'zod/mini';
import type { Quote } from '@/utils/model/quote';
import { getJson } from './http';
import { hostOf, PriceFetchError, type FetchLike, type PriceProvider } from './provider';
import type { CoinRef } from '@/utils/model/coin';

export const COINBASE = 'Coinbase';
export const COINBASE_BASE_URL = 'https://api.coinbase.com/v2';

const RatesSchema = z.object({
  data: z.object({
    currency: z.string(),
    rates: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});

/** Tickers that changed: Coinbase lists some coins under another symbol. */
const COINBASE_TICKER: Record<string, string> = { 'render-token': 'RENDER' };

/** Turns the rates of one unit of `currency` into prices of each coin in that currency. */
export function parseRates(body: unknown, coins: readonly CoinRef[], currency: string, fetchedAt: number): Quote[] {
  const parsed = RatesSchema.safeParse(body);
  if (!parsed.success) throw new PriceFetchError('malformed', `${COINBASE} sent an answer of an unexpected shape.`);
  const rates = parsed.data.data.rates;
  const cur = currency.toLowerCase();
  const quotes: Quote[] = [];
  for (const coin of coins) {
    const ticker = (COINBASE_TICKER[coin.coinId] ?? coin.symbol).toUpperCase();
    if (!Object.hasOwn(rates, ticker)) continue;
    const rate = Number(rates[ticker]);
    // rate = how many coins one unit of the currency buys.
    const price = Number.isFinite(rate) && rate > 0 ? 1 / rate : null;
    quotes.push({
      coinId: coin.coinId,
      symbol: coin.symbol.toUpperCase().slice(0, 40),
      name: coin.name.slice(0, 200),
      currency: cur,
      price,
      change24h: null,
      marketCap: null,
      volume24h: null,
      rank: null,
      sparkline7d: [],
      lastUpdated: null,
      source: COINBASE,
      fetchedAt,
    });
  }
  return quotes;
}

export class CoinbaseProvider implements PriceProvider {
  readonly name = COINBASE;
  readonly host: string;

  constructor(
    private fetch: FetchLike,
    private baseUrl = COINBASE_BASE_URL,
    private now: () => number = Date.now,
    private timeoutMs?: number,
  ) {
    this.host = hostOf(baseUrl);
  }

  async fetchQuotes(coins: readonly CoinRef[], currency: string, signal?: AbortSignal): Promise<Quote[]> {
    if (coins.length === 0) return [];
    const url = `${this.baseUrl}/exchange-rates?${new URLSearchParams({ currency: currency.toUpperCase() })}`;
    const body = await getJson(url, { fetch: this.fetch, signal, timeoutMs: this.timeoutMs, source: COINBASE });
    return parseRates(body, coins, currency, this.now());
  }
}
