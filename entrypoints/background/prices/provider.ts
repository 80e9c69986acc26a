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
   * The host it asks (`api.coingecko.com`, `127.0.0.1:8080`): backoff is kept
   * per host, so pointing the base URL elsewhere is not held back by the old
   * host's pause. Falls back to `name` when absent.
   */
  readonly host?: string;
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

/** Where a provider's backoff is kept: its host, else its name. */
export function backoffKey(provider: Pick<PriceProvider, 'name' | 'host'>): string {
  return provider.host || provider.name;
}

/** The `host` of an address (with its port), or '' when it is not one. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
