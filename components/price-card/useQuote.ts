/**
 * The hover card's data: the cached quote at once, then a refresh if it is
 * missing or stale. Every path ends in "ready" or "error" (a client-side
 * timeout covers a background that never answers): never a spinner forever.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Quote, QuoteError } from '@/utils/model/quote';
import { sendToBackground } from '@/utils/protocol/bus';

/** Longer than the background's primary + fallback timeouts. */
export const CARD_WAIT_MS = 15_000;
/** For the first, cache-only answer. */
export const CACHE_WAIT_MS = 5_000;

export type QuoteState =
  | { status: 'loading' }
  | { status: 'ready'; quote: Quote; stale: boolean; refreshing: boolean; error: QuoteError | null }
  | { status: 'error'; error: QuoteError };

function asQuoteError(e: unknown): QuoteError {
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'server', message: message.slice(0, 500), retryAt: null };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error('The price service did not answer in time.'), { code: 'timeout' })),
      ms,
    );
    p.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

export function useQuote(coinId: string): { state: QuoteState; retry(): void } {
  const [state, setState] = useState<QuoteState>({ status: 'loading' });
  const current = useRef(state);
  current.current = state;
  const generation = useRef(0);

  const refresh = useCallback(
    (gen: number) => {
      withTimeout(sendToBackground('quotes.get', { coinIds: [coinId], wait: true }), CARD_WAIT_MS)
        .then((answer) => {
          if (gen !== generation.current) return;
          const entry = answer.quotes[0];
          if (entry?.quote) {
            setState({ status: 'ready', quote: entry.quote, stale: entry.stale, refreshing: false, error: answer.error });
          } else {
            setState({
              status: 'error',
              error: answer.error ?? { code: 'not-found', message: 'No price for this coin.', retryAt: null },
            });
          }
        })
        .catch((e: unknown) => {
          if (gen !== generation.current) return;
          const error =
            (e as { code?: string }).code === 'timeout'
              ? { code: 'timeout' as const, message: (e as Error).message, retryAt: null }
              : asQuoteError(e);
          const prev = current.current;
          if (prev.status === 'ready') setState({ ...prev, refreshing: false, error });
          else setState({ status: 'error', error });
        });
    },
    [coinId],
  );

  const load = useCallback(() => {
    const gen = ++generation.current;
    // The cache answers in milliseconds; a worker that is waking up gets a few seconds.
    withTimeout(sendToBackground('quotes.get', { coinIds: [coinId] }), CACHE_WAIT_MS)
      .then((answer) => {
        if (gen !== generation.current) return;
        const entry = answer.quotes[0];
        if (entry?.quote) {
          setState({ status: 'ready', quote: entry.quote, stale: entry.stale, refreshing: entry.stale, error: entry.stale ? answer.error : null });
          if (!entry.stale) return;
        }
        refresh(gen);
      })
      .catch(() => {
        if (gen === generation.current) refresh(gen);
      });
  }, [coinId, refresh]);

  useEffect(() => {
    setState({ status: 'loading' });
    load();
    return () => {
      generation.current++;
    };
  }, [load]);

  const retry = useCallback(() => {
    const prev = current.current;
    if (prev.status === 'ready') setState({ ...prev, refreshing: true, error: null });
    else setState({ status: 'loading' });
    const gen = ++generation.current;
    refresh(gen);
  }, [refresh]);

  return { state, retry };
}
