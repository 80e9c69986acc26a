/** Whether a coin is on the watchlist, and a toggle for the card's ★ (through the background). */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sendToBackground } from '@/utils/protocol/bus';

export interface StarState {
  /** null while unknown. */
  watched: boolean | null;
  busy: boolean;
  failed: boolean;
  toggle(): void;
}

export function useWatchlistStar(coin: { coinId: string; symbol: string; name: string }): StarState {
  const [watched, setWatched] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    sendToBackground('watchlist.list', {})
      .then((list) => alive && setWatched(list.some((w) => w.coinId === coin.coinId)))
      .catch(() => alive && setWatched(false));
    return () => {
      alive = false;
    };
  }, [coin.coinId]);

  const toggle = useCallback(() => {
    if (busy || watched === null) return;
    setBusy(true);
    setFailed(false);
    const request = watched
      ? sendToBackground('watchlist.remove', { coinId: coin.coinId })
      : sendToBackground('watchlist.add', { coinId: coin.coinId, symbol: coin.symbol, name: coin.name });
    request
      .then((list) => setWatched(list.some((w) => w.coinId === coin.coinId)))
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  }, [busy, watched, coin.coinId, coin.symbol, coin.name]);

  return { watched, busy, failed, toggle };
}
