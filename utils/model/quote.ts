import * as z from 'zod/mini';
import { CoinId, CoinName, NonEmpty, NullableNumber, Str, Symbol } from './fields';

/** A price quote in the user's currency, provider-neutral. */
export const QuoteSchema = z.object({
  coinId: CoinId,
  symbol: Symbol,
  name: CoinName,
  currency: NonEmpty(10),
  price: NullableNumber,
  change24h: NullableNumber,
  marketCap: NullableNumber,
  volume24h: NullableNumber,
  rank: z.nullable(z.int()),
  /** 7 days of prices, oldest first (empty when unknown). */
  sparkline7d: z.array(z.number()).check(z.maxLength(2000)),
  /** When the provider last updated the price (ms), if it says. */
  lastUpdated: NullableNumber,
  /** Which provider answered, shown on the card: "CoinGecko", "Coinbase". */
  source: NonEmpty(40),
  /** When Token Insight fetched it (ms). */
  fetchedAt: z.number(),
});
export type Quote = z.infer<typeof QuoteSchema>;

/** Why prices could not be fetched, in words the card and popup can show. */
export const QuoteErrorSchema = z.object({
  code: z.enum(['offline', 'rate-limited', 'server', 'malformed', 'timeout', 'not-found', 'bad-config']),
  message: Str(500),
  /** When the next request may be made (ms), after a 429 or backoff. */
  retryAt: NullableNumber,
});
export type QuoteError = z.infer<typeof QuoteErrorSchema>;
export type QuoteErrorCode = QuoteError['code'];

/** The last quote fetched for a coin in a currency, as the background caches it. */
export interface CachedQuote {
  coinId: string;
  currency: string;
  /** Provider name shown on the card, e.g. "CoinGecko". */
  source: string;
  /** When we fetched it (ms since epoch). */
  fetchedAt: number;
  /** The quote; read back through QuoteSchema, so a damaged row is skipped, not trusted. */
  quote: Record<string, unknown>;
}
