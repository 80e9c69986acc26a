import type { WatchlistEntry } from '@/utils/model/watchlist';
import { changeDirection, formatAge, formatChange, formatPrice } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import { Sparkline } from '@/components/ui/Sparkline';
import type { QuoteState } from './useWatchlist';

interface Props {
  entry: WatchlistEntry;
  index: number;
  total: number;
  quote: QuoteState | undefined;
  /** The currency of the quotes (from the background's answer). */
  currency: string | null;
  now: number;
  onMove: (index: number, focus: 'up' | 'down') => void;
  onRemove: () => void;
}

const ARROW = { up: '▲', down: '▼', flat: '■', unknown: '' } as const;

/** One coin: name, symbol, price, 24 h change, 7-day sparkline, freshness, and move / remove buttons. */
/** The row's two move buttons. */
const MOVES = [
  { direction: 'up', step: -1, label: 'popup_moveUp', arrow: '↑' },
  { direction: 'down', step: 1, label: 'popup_moveDown', arrow: '↓' },
] as const;

export function WatchlistRow({ entry, index, total, quote, currency, now, onMove, onRemove }: Props) {
  const locale = uiLocale();
  const q = quote?.quote ?? null;
  const direction = changeDirection(q?.change24h);
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.altKey) return;
    if (e.key === 'ArrowUp' && index > 0) onMove(index - 1, 'up');
    else if (e.key === 'ArrowDown' && index < total - 1) onMove(index + 1, 'down');
    else return;
    e.preventDefault();
  };
  return (
    <li class="coin" data-testid="watchlist-row" data-symbol={entry.symbol} data-coin={entry.coinId} onKeyDown={onKeyDown}>
      <div class="coin__id">
        <span class="coin__symbol">{entry.symbol}</span>
        <span class="coin__name" title={entry.name}>
          {entry.name}
        </span>
      </div>
      <div class="coin__trend">
        {q && q.sparkline7d.length > 1 ? (
          <Sparkline prices={q.sparkline7d} width={64} height={24} label={t('popup_sparklineLabel', entry.symbol)} />
        ) : null}
      </div>
      <div class="coin__price">
        <span data-testid="price">{q ? formatPrice(q.price, q.currency || currency || 'usd', locale) : '—'}</span>
        <span class={`coin__change coin__change--${direction}`} data-testid="change">
          {q && direction !== 'unknown' ? (
            <>
              <span aria-hidden="true">{ARROW[direction]} </span>
              {formatChange(q.change24h, locale)}
            </>
          ) : (
            <span class="visually-hidden">{t('popup_changeUnknown')}</span>
          )}
        </span>
        <span class={`coin__age${quote?.stale ? ' coin__age--stale' : ''}`} data-testid="freshness">
          {q
            ? t(quote?.stale ? 'popup_freshnessStale' : 'popup_freshness', formatAge(now - q.fetchedAt, locale))
            : t('popup_noPrice')}
        </span>
      </div>
      <div class="coin__actions">
        {MOVES.map(({ direction, step, label, arrow }) => (
          <button
            key={direction}
            type="button"
            class="icon-button"
            data-action={direction}
            aria-label={t(label, entry.symbol)}
            title={t(label, entry.symbol)}
            disabled={index + step < 0 || index + step >= total}
            onClick={() => onMove(index + step, direction)}
          >
            {arrow}
          </button>
        ))}
        <button
          type="button"
          class="icon-button"
          data-action="remove"
          data-testid="remove"
          aria-label={t('popup_remove', entry.symbol)}
          title={t('popup_remove', entry.symbol)}
          onClick={onRemove}
        >
          ×
        </button>
      </div>
    </li>
  );
}
