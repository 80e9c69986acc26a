/**
 * The popup's watchlist state: the list from IndexedDB (through the
 * background), cached quotes first, then a refresh; add, remove and move.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '@/utils/protocol/bus';
import type { WatchlistEntry } from '@/utils/model/watchlist';
import type { Quote, QuoteError } from '@/utils/model/quote';

export interface QuoteState {
  quote: Quote | null;
  stale: boolean;
}

export type PriceStatus =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'refreshing' }
  | { kind: 'ready' }
  | { kind: 'failed'; error: QuoteError | null; message: string };

export interface WatchlistState {
  entries: WatchlistEntry[] | null;
  listError: string | null;
  quotes: Record<string, QuoteState>;
  currency: string | null;
  prices: PriceStatus;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useWatchlist() {
  const [state, setState] = useState<WatchlistState>({
    entries: null,
    listError: null,
    quotes: {},
    currency: null,
    prices: { kind: 'idle' },
  });
  const applyQuotes = (answer: Awaited<ReturnType<typeof sendToBackground<'quotes.get'>>>) =>
    setState((s) => {
      const quotes = { ...s.quotes };
      for (const q of answer.quotes) {
        // Keep a last known quote when the refresh brought none.
        if (q.quote || !quotes[q.coinId]?.quote) quotes[q.coinId] = { quote: q.quote, stale: q.stale };
      }
      return { ...s, quotes, currency: answer.currency };
    });

  /** Cached quotes at once, then waits for fresh ones where the cache is stale or empty. */
  const refreshQuotes = useCallback(async (coinIds: string[]) => {
    if (coinIds.length === 0) return;
    setState((s) => ({ ...s, prices: { kind: Object.keys(s.quotes).length ? 'refreshing' : 'loading' } }));
    try {
      const cached = await sendToBackground('quotes.get', { coinIds });
      applyQuotes(cached);
      let last = cached;
      if (cached.quotes.some((q) => !q.quote || q.stale)) {
        setState((s) => ({ ...s, prices: { kind: 'refreshing' } }));
        last = await sendToBackground('quotes.get', { coinIds, wait: true });
          applyQuotes(last);
      }
      setState((s) => ({
        ...s,
        prices: last.error ? { kind: 'failed', error: last.error, message: last.error.message } : { kind: 'ready' },
      }));
    } catch (error) {
      setState((s) => ({ ...s, prices: { kind: 'failed', error: null, message: message(error) } }));
    }
  }, []);

  const load = useCallback(async () => {
    setState((s) => ({ ...s, entries: null, listError: null }));
    try {
      const entries = await sendToBackground('watchlist.list', {});
      setState((s) => ({ ...s, entries }));
      await refreshQuotes(entries.map((e) => e.coinId));
    } catch (error) {
      setState((s) => ({ ...s, listError: message(error) }));
    }
  }, [refreshQuotes]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs an edit; the background answers with the new list. Errors are rethrown for the caller to announce. */
  const edit = useCallback(async (run: () => Promise<WatchlistEntry[]>) => {
    const entries = await run();
    setState((s) => ({ ...s, entries }));
    return entries;
  }, []);

  const add = useCallback(
    async (coin: { coinId: string; symbol: string; name: string }) => {
      await edit(() => sendToBackground('watchlist.add', coin));
      await refreshQuotes([coin.coinId]);
    },
    [edit, refreshQuotes],
  );
  const remove = useCallback((coinId: string) => edit(() => sendToBackground('watchlist.remove', { coinId })), [edit]);
  const move = useCallback(
    (coinId: string, index: number) => edit(() => sendToBackground('watchlist.move', { coinId, index })),
    [edit],
  );
  const retryPrices = useCallback(
    () => refreshQuotes((state.entries ?? []).map((e) => e.coinId)),
    [refreshQuotes, state.entries],
  );

  return { state, load, add, remove, move, retryPrices };
}
