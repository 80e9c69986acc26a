/**
 * The background's quote service: answers `quotes.get` from the cache, and
 * fetches what is missing or stale with as few API calls as possible.
 *
 * - Cache: quotes per (coin, currency) with a TTL (60 s by default; CoinGecko's
 *   free API refreshes no faster). Cached quotes are answered at once; stale
 *   ones are refreshed in the background.
 * - Coalescing: asks arriving within a short batching window (from any tab or
 *   the popup) become one request for all their coins; a coin already being
 *   fetched joins that fetch (single-flight) instead of starting another.
 * - Faults: each source has a persisted backoff (see backoff.ts); when the
 *   primary fails or waits, the fallback is asked; when both fail, the last
 *   known quotes are answered with the error.
 */
import type { Quote, QuoteError } from '@/utils/model/quote';
import { afterFailure, isBackingOff, NO_BACKOFF, type BackoffStore } from './backoff';
import { backoffKey, PriceFetchError, type PriceProvider } from './provider';
import type { CoinRef } from '@/utils/model/coin';

export const QUOTE_TTL_MS = 60_000;
export const BATCH_WINDOW_MS = 100;

export interface QuoteStore {
  /** Cached quotes for these coins in `currency` (missing coins are absent). */
  read(coinIds: readonly string[], currency: string): Promise<Map<string, Quote>>;
  write(quotes: readonly Quote[]): Promise<void>;
}

export interface PriceSources {
  currency: string;
  primary: PriceProvider;
  fallback: PriceProvider | null;
}

export interface QuoteServiceDeps {
  store: QuoteStore;
  backoff: BackoffStore;
  /** Current settings turned into providers (read per batch, so changes apply at once). */
  sources(): Promise<PriceSources>;
  /** Tickers and names for coin ids (the fallback matches by ticker). */
  coinRefs(coinIds: readonly string[]): Promise<CoinRef[]>;
  /**
   * The ids among these that Token Insight knows (registry, watchlist, recent
   * searches): only they are fetched, so random ids sent by a page cannot
   * spend the user's API quota. Everything is known when absent.
   */
  knownIds?(coinIds: readonly string[]): Promise<Set<string>>;
  now?: () => number;
  ttlMs?: number;
  batchWindowMs?: number;
}

export interface QuoteAnswer {
  currency: string;
  quotes: { coinId: string; quote: Quote | null; stale: boolean }[];
  error: QuoteError | null;
}

interface Outcome {
  quotes: Map<string, Quote>;
  error: QuoteError | null;
}

interface Batch {
  currency: string;
  ids: Set<string>;
  promise: Promise<Outcome>;
  resolve(outcome: Outcome): void;
  timer: ReturnType<typeof setTimeout>;
}

export function toQuoteError(error: unknown, retryAt: number | null = null): QuoteError {
  if (error instanceof PriceFetchError) return { code: error.code, message: error.message.slice(0, 500), retryAt };
  return { code: 'server', message: 'The price service failed unexpectedly.', retryAt };
}

export class QuoteService {
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly windowMs: number;
  private batch: Batch | null = null;
  private readonly inflight = new Map<string, Promise<Outcome>>();
  /** The last fetch's error per currency, until a fetch succeeds. */
  private readonly lastError = new Map<string, QuoteError>();
  /** Coins a source answered without (unknown ids): not asked for again until this time. */
  private readonly unknownUntil = new Map<string, number>();
  /**
   * Fetches ended so far (their quotes written to the cache first). An ask
   * that read the cache while one ended reads it again before asking, so it
   * does not fetch what that fetch just brought.
   */
  private fetchesEnded = 0;

  constructor(private deps: QuoteServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.ttlMs = deps.ttlMs ?? QUOTE_TTL_MS;
    this.windowMs = deps.batchWindowMs ?? BATCH_WINDOW_MS;
  }

  isStale(quote: Quote): boolean {
    return this.now() - quote.fetchedAt >= this.ttlMs;
  }

  /**
   * Quotes for `coinIds` in the user's currency. Without `wait` it answers
   * from the cache at once and refreshes missing/stale coins behind; with
   * `wait` it answers after that refresh (or its failure).
   */
  async get(coinIds: readonly string[], options: { wait?: boolean } = {}): Promise<QuoteAnswer> {
    const ids = [...new Set(coinIds)];
    let ended = this.fetchesEnded;
    const { currency } = await this.deps.sources();
    const read = (list: readonly string[]) => this.deps.store.read(list, currency).catch(() => new Map<string, Quote>());
    const cached = await read(ids);
    const known = this.deps.knownIds ? await this.deps.knownIds(ids).catch(() => new Set<string>()) : null;
    const stillNeeded = () => {
      const now = this.now();
      return ids.filter((id) => {
        if (known && !known.has(id)) return false;
        const q = cached.get(id);
        if ((this.unknownUntil.get(`${currency}:${id}`) ?? 0) > now) return false;
        return !q || this.isStale(q);
      });
    };
    let needed = stillNeeded();
    // A fetch that ended while the cache was being read may have brought these: read them again.
    for (let tries = 0; needed.length > 0 && ended !== this.fetchesEnded && tries < 3; tries++) {
      ended = this.fetchesEnded;
      for (const [id, q] of await read(needed)) cached.set(id, q);
      needed = stillNeeded();
    }
    // No await from here to request(): an ask sees either a fetch still in flight or the cache it wrote.
    let fresh: Outcome = { quotes: new Map(), error: null };
    if (needed.length > 0) {
      const pending = this.request(needed, currency);
      if (options.wait) fresh = await pending;
      else {
        pending.catch(() => {});
        fresh.error = this.lastError.get(currency) ?? null;
      }
    }
    const quotes = ids.map((coinId) => {
      const quote = fresh.quotes.get(coinId) ?? cached.get(coinId) ?? null;
      return { coinId, quote, stale: quote ? this.isStale(quote) : false };
    });
    // An error matters only when it left some asked-for quote missing or old.
    let error = quotes.every((q) => q.quote && !q.stale) ? null : fresh.error;
    if (!error && options.wait && quotes.every((q) => q.quote === null)) {
      error = { code: 'not-found', message: 'The price service has no price for this coin.', retryAt: null };
    }
    return { currency, quotes, error };
  }

  /** Joins coins to the current batch, or to their in-flight fetch. */
  private request(ids: readonly string[], currency: string): Promise<Outcome> {
    const waits: Promise<Outcome>[] = [];
    const newIds: string[] = [];
    for (const id of ids) {
      const running = this.inflight.get(`${currency}:${id}`);
      if (running) waits.push(running);
      else newIds.push(id);
    }
    if (newIds.length > 0) {
      if (this.batch && this.batch.currency !== currency) this.flush(this.batch);
      const batch = (this.batch ??= this.newBatch(currency));
      for (const id of newIds) {
        batch.ids.add(id);
        this.inflight.set(`${currency}:${id}`, batch.promise);
      }
      waits.push(batch.promise);
    }
    return Promise.all([...new Set(waits)]).then((outcomes) => {
      const quotes = new Map<string, Quote>();
      let error: QuoteError | null = null;
      for (const o of outcomes) {
        for (const [id, q] of o.quotes) quotes.set(id, q);
        error ??= o.error;
      }
      return { quotes, error };
    });
  }

  private newBatch(currency: string): Batch {
    let resolve!: (o: Outcome) => void;
    const promise = new Promise<Outcome>((r) => (resolve = r));
    const batch: Batch = { currency, ids: new Set(), promise, resolve, timer: undefined as never };
    batch.timer = setTimeout(() => this.flush(batch), this.windowMs);
    return batch;
  }

  private flush(batch: Batch): void {
    clearTimeout(batch.timer);
    if (this.batch === batch) this.batch = null;
    const ids = [...batch.ids];
    this.fetchBatch(ids, batch.currency)
      .catch((e: unknown): Outcome => ({ quotes: new Map(), error: toQuoteError(e) }))
      .then((outcome) => {
        this.fetchesEnded++;
        for (const id of ids) {
          const key = `${batch.currency}:${id}`;
          if (this.inflight.get(key) === batch.promise) this.inflight.delete(key);
        }
        batch.resolve(outcome);
      });
  }

  private async fetchBatch(ids: string[], currency: string): Promise<Outcome> {
    const sources = await this.deps.sources();
    const refs = await this.deps.coinRefs(ids);
    let firstError: QuoteError | null = null;
    for (const provider of [sources.primary, sources.fallback]) {
      if (!provider) continue;
      const result = await this.tryProvider(provider, refs, currency);
      if ('error' in result) {
        firstError ??= result.error;
        continue;
      }
      const quotes = new Map(result.quotes.map((q) => [q.coinId, q]));
      // An id the main source does not know stays unknown for a TTL, so asking again cannot flood it.
      for (const id of provider === sources.primary ? ids : []) {
        if (!quotes.has(id)) this.unknownUntil.set(`${currency}:${id}`, this.now() + this.ttlMs);
        else this.unknownUntil.delete(`${currency}:${id}`);
      }
      await this.deps.store.write(result.quotes).catch(() => {});
      const missing = ids.some((id) => !quotes.has(id));
      // A fallback that answered for only some coins still reports why the rest are old.
      const error = missing && provider !== sources.primary ? firstError : null;
      if (error) this.lastError.set(currency, error);
      else this.lastError.delete(currency);
      return { quotes, error };
    }
    const error = firstError ?? { code: 'server' as const, message: 'No price source is available.', retryAt: null };
    this.lastError.set(currency, error);
    return { quotes: new Map(), error };
  }

  private async tryProvider(
    provider: PriceProvider,
    refs: CoinRef[],
    currency: string,
  ): Promise<{ quotes: Quote[] } | { error: QuoteError }> {
    const key = backoffKey(provider);
    const state = await this.deps.backoff.load(key);
    const now = this.now();
    if (isBackingOff(state, now)) {
      const message = state.message ?? `${provider.name} is paused after errors.`;
      return { error: { code: state.reason ?? 'server', message: message.slice(0, 500), retryAt: state.until } };
    }
    try {
      const quotes = await provider.fetchQuotes(refs, currency);
      if (state.failures > 0) await this.deps.backoff.save(key, NO_BACKOFF);
      return { quotes };
    } catch (e) {
      const error = e instanceof PriceFetchError ? e : new PriceFetchError('server', `${provider.name} failed.`);
      const next = afterFailure(state, error, this.now());
      await this.deps.backoff.save(key, next).catch(() => {});
      return { error: toQuoteError(error, next.until > this.now() ? next.until : null) };
    }
  }

  /** Honours the primary's backoff for other calls to it (search). */
  async guard<T>(provider: Pick<PriceProvider, 'name' | 'host'>, call: () => Promise<T>): Promise<T> {
    const key = backoffKey(provider);
    const state = await this.deps.backoff.load(key);
    if (isBackingOff(state, this.now())) {
      throw new PriceFetchError(state.reason ?? 'server', state.message ?? `${provider.name} is paused after errors.`);
    }
    try {
      const result = await call();
      if (state.failures > 0) await this.deps.backoff.save(key, NO_BACKOFF);
      return result;
    } catch (e) {
      const error = e instanceof PriceFetchError ? e : new PriceFetchError('server', `${provider.name} failed.`);
      await this.deps.backoff.save(key, afterFailure(state, error, this.now())).catch(() => {});
      throw error;
    }
  }

  /** Forgets every pause and remembered failure, so the next ask goes out at once (settings' reset, new base URL). */
  async resetBackoff(): Promise<void> {
    this.lastError.clear();
    this.unknownUntil.clear();
    await this.deps.backoff.clear();
  }
}

