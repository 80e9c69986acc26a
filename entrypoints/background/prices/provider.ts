/**
 * The one interface every price source implements, and the error they throw.
 * The background's quote service talks only to this interface, so a provider
 * that shuts down (as CoinCap v2 did) is replaced in one file.
 */
import type { CoinRef } from '@/utils/model/coin';
import type { Quote, QuoteError } from '@/utils/model/quote';


export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface PriceProvider {
  /** Shown on the card: "CoinGecko", "Coinbase". */
  readonly name: string;
  /**
   * Quotes for `coins` in `currency` (lower-case: usd, inr, btc…), in one
   * request. Coins the provider does not know are left out of the result.
   * Throws a PriceFetchError on any failure.
   */
  fetchQuotes(coins: readonly CoinRef[], currency: string, signal?: AbortSignal): Promise<Quote[]>;
}

export type PriceErrorCode = QuoteError['code'];

/** A failed price request, with what the user and the backoff need to know. */
export class PriceFetchError extends Error {
  constructor(
    readonly code: PriceErrorCode,
    message: string,
    /** From a 429's Retry-After header, in ms. */
    readonly retryAfterMs: number | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'PriceFetchError';
  }
}
