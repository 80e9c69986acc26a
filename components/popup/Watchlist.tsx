import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { StatusMessage } from '@/components/ui/StatusMessage';
import { t } from '@/utils/i18n';
import { useOnline } from './useOnline';
import { useNow } from '@/components/ui/useNow';
import { useWatchlist } from './useWatchlist';
import { CoinSearch } from './CoinSearch';
import { WatchlistRow } from './WatchlistRow';
import { priceErrorText } from './price-error-text';

/** The watchlist tab: search to add, the coins with their prices, and what is going on with prices. */
export function Watchlist() {
  const { state, load, add, remove, move, retryPrices } = useWatchlist();
  const online = useOnline();
  const now = useNow(15_000);
  const [announcement, setAnnouncement] = useState('');
  const list = useRef<HTMLUListElement>(null);
  const pendingFocus = useRef<{ coinId: string; action: string } | null>(null);
  const entries = state.entries;
  const followed = useMemo(() => new Set((entries ?? []).map((e) => e.coinId)), [entries]);

  // After a move or removal, keep keyboard focus where the user is working.
  useEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    pendingFocus.current = null;
    const row = list.current?.querySelector<HTMLElement>(`[data-coin="${CSS.escape(want.coinId)}"]`);
    const buttons = row ? [...row.querySelectorAll<HTMLButtonElement>('button')] : [];
    const target =
      buttons.find((b) => b.dataset.action === want.action && !b.disabled) ?? buttons.find((b) => !b.disabled);
    (target ?? document.getElementById('coin-search'))?.focus();
  }, [entries]);

  const fail = (error: unknown) =>
    setAnnouncement(t('popup_editFailed', error instanceof Error ? error.message : String(error)));

  const onMove = (coinId: string, symbol: string, index: number, action: 'up' | 'down') => {
    pendingFocus.current = { coinId, action };
    move(coinId, index).then(
      () => setAnnouncement(t('popup_moved', [symbol, String(index + 1)])),
      fail,
    );
  };
  const onRemove = (coinId: string, symbol: string, index: number) => {
    const next = entries?.[index + 1] ?? entries?.[index - 1];
    // The next row's remove button, or the search field when the list becomes empty.
    pendingFocus.current = { coinId: next?.coinId ?? '', action: 'remove' };
    remove(coinId).then(() => setAnnouncement(t('popup_removed', symbol)), fail);
  };

  const prices = state.prices;
  const offline = !online || (prices.kind === 'failed' && prices.error?.code === 'offline');

  return (
    <section class="watchlist" aria-labelledby="tab-watchlist">
      <CoinSearch
        followed={followed}
        onAdd={async (coin) => {
          await add(coin);
          setAnnouncement(t('popup_added', coin.symbol.toUpperCase()));
        }}
      />
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {state.listError ? (
        <StatusMessage kind="error" onRetry={() => void load()}>
          {t('popup_watchlistError', state.listError)}
        </StatusMessage>
      ) : entries === null ? (
        <StatusMessage kind="loading">{t('popup_watchlistLoading')}</StatusMessage>
      ) : entries.length === 0 ? (
        <StatusMessage kind="empty">{t('popup_watchlistEmpty')}</StatusMessage>
      ) : (
        <>
          {offline ? (
            <StatusMessage kind="offline" onRetry={() => void retryPrices()}>
              {t('popup_offline')}
            </StatusMessage>
          ) : prices.kind === 'failed' ? (
            <StatusMessage kind="error" onRetry={() => void retryPrices()}>
              {priceErrorText(prices.error, prices.message)}
            </StatusMessage>
          ) : prices.kind === 'loading' || prices.kind === 'refreshing' ? (
            <StatusMessage kind="loading">
              {prices.kind === 'loading' ? t('popup_pricesLoading') : t('popup_pricesRefreshing')}
            </StatusMessage>
          ) : null}
          <ul class="coins" ref={list} aria-label={t('popup_tabWatchlist')} aria-describedby="reorder-hint">
            {entries.map((entry, index) => (
              <WatchlistRow
                key={entry.coinId}
                entry={entry}
                index={index}
                total={entries.length}
                quote={state.quotes[entry.coinId]}
                currency={state.currency}
                now={now}
                onMove={(to, action) => onMove(entry.coinId, entry.symbol, to, action)}
                onRemove={() => onRemove(entry.coinId, entry.symbol, index)}
              />
            ))}
          </ul>
          <p id="reorder-hint" class="hint">
            {t('popup_reorderHint')}
          </p>
        </>
      )}
    </section>
  );
}
