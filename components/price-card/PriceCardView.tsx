/**
 * The hover card's content (presentational): name, symbol, rank, ★, price in
 * the user's currency, 24 h change (arrow + sign + colour), 7-day sparkline,
 * market cap and volume, freshness, source and a link to CoinGecko, and for
 * merged coins a line about the merger. Loading and error states included.
 * Everything from the API is rendered as text, never as HTML.
 */
import type { Quote, QuoteError } from '@/utils/model/quote';
import { changeDirection, formatChange, formatCompact, formatPrice } from '@/utils/format';
import { describeFreshness, sparklineChange } from '@/utils/format/freshness';
import { Sparkline } from '@/components/ui/Sparkline';
import type { CoinRef } from '@/utils/model/coin';
import type { QuoteState } from './useQuote';
import type { StarState } from './useWatchlistStar';

type Translate = (key: string, subs?: string | string[]) => string;

/** Coins merged into FET (ASI Alliance) in 2024: their i18n note key. */
export const MERGER_NOTES: Record<string, string> = {
  singularitynet: 'card_merger_agix',
  'ocean-protocol': 'card_merger_ocean',
};

const ARROWS = { up: '▲', down: '▼', flat: '▶', unknown: '' } as const;

interface Props {
  coin: CoinRef;
  /** Other coins with the same ticker, largest market cap first: buttons that switch the card to them. */
  also?: readonly CoinRef[];
  onChoose?(coin: CoinRef): void;
  state: QuoteState;
  star: Pick<StarState, 'watched' | 'busy' | 'failed' | 'toggle'>;
  now: number;
  locale: string;
  t: Translate;
  onRetry(): void;
}

export function coinGeckoUrl(coinId: string): string {
  return `https://www.coingecko.com/en/coins/${encodeURIComponent(coinId)}`;
}

export function PriceCardView({ coin, also = [], onChoose, state, star, now, locale, t, onRetry }: Props) {
  const quote = state.status === 'ready' ? state.quote : null;
  const name = quote?.name ?? coin.name;
  const symbol = coin.symbol;
  const merger = MERGER_NOTES[coin.coinId];
  return (
    <div
      class="price-card"
      data-testid="price-card"
      data-symbol={symbol}
      data-state={state.status}
      role="dialog"
      aria-label={t('card_label', [name, symbol])}
    >
      <div class="price-card__head">
        <span class="price-card__name" title={name}>
          {name}
        </span>
        <span class="price-card__symbol">{symbol}</span>
        {quote?.rank != null && <span class="price-card__rank">{t('card_rank', [String(quote.rank)])}</span>}
        <button
          type="button"
          class="price-card__star"
          data-testid="watch-toggle"
          aria-pressed={star.watched === true}
          disabled={star.watched === null || star.busy}
          title={star.failed ? t('card_watch_failed') : star.watched ? t('card_watch_remove') : t('card_watch_add')}
          aria-label={star.watched ? t('card_watch_remove') : t('card_watch_add')}
          onClick={star.toggle}
        >
          {star.watched ? '★' : '☆'}
        </button>
      </div>

      {state.status === 'loading' && (
        <div role="status" aria-busy="true" class="price-card__loading">
          <div class="price-card__skeleton" />
          <span class="price-card__meta">{t('card_loading')}</span>
        </div>
      )}

      {state.status === 'error' && (
        <div class="price-card__error" role="alert" data-testid="price-error" data-code={state.error.code}>
          <p>{t('card_error', [state.error.message])}</p>
          <RetryButton retryAt={state.error.retryAt} now={now} t={t} onRetry={onRetry} />
        </div>
      )}

      {quote && state.status === 'ready' && <QuoteBody quote={quote} state={state} now={now} locale={locale} t={t} onRetry={onRetry} />}

      {merger && <p class="price-card__note" data-testid="merger-note">{t(merger)}</p>}

      {also.length > 0 && (
        <p class="price-card__also" data-testid="card-also">
          <span>{t('card_also')}</span>{' '}
          {also.map((c, i) => (
            <>
              {i > 0 && ', '}
              <button
                type="button"
                class="price-card__also-coin"
                data-testid="card-also-coin"
                data-coin-id={c.coinId}
                aria-label={t('card_also_switch', [c.name, c.symbol])}
                onClick={() => onChoose?.(c)}
              >
                {c.name}
              </button>
            </>
          ))}
        </p>
      )}

      <div class="price-card__foot">
        <span class="price-card__meta" data-testid="price-source">
          {quote ? t('card_source', [quote.source]) : ''}
        </span>
        <a href={coinGeckoUrl(coin.coinId)} target="_blank" rel="noopener noreferrer">
          {t('card_view_on_coingecko')}
        </a>
      </div>
    </div>
  );
}

function QuoteBody({
  quote,
  state,
  now,
  locale,
  t,
  onRetry,
}: {
  quote: Quote;
  state: { stale: boolean; refreshing: boolean; error: QuoteError | null };
  now: number;
  locale: string;
  t: Translate;
  onRetry(): void;
}) {
  const direction = changeDirection(quote.change24h);
  const fresh = describeFreshness(
    { fetchedAt: quote.fetchedAt, stale: state.stale, refreshing: state.refreshing, error: state.error, now, locale },
    (k, s) => t(k, s),
  );
  const week = sparklineChange(quote.sparkline7d);
  return (
    <>
      <div class="price-card__row">
        <span class="price-card__price" data-testid="price" data-value={quote.price ?? ''} data-currency={quote.currency}>
          {quote.price === null ? t('card_no_price') : formatPrice(quote.price, quote.currency, locale)}
        </span>
        <span
          class={`price-card__change price-card__change--${direction}`}
          data-testid="change"
          title={t('card_change_24h')}
          aria-label={`${t('card_change_24h')}: ${formatChange(quote.change24h, locale)}`}
        >
          {ARROWS[direction]} {formatChange(quote.change24h, locale)}
        </span>
      </div>
      {quote.sparkline7d.length >= 2 && (
        <Sparkline prices={quote.sparkline7d} width={260} height={36} label={t('card_sparkline_label', [formatChange(week, locale)])} />
      )}
      <dl class="price-card__stats">
        <dt>{t('card_market_cap')}</dt>
        <dd data-testid="market-cap">{formatCompact(quote.marketCap, quote.currency, locale)}</dd>
        <dt>{t('card_volume_24h')}</dt>
        <dd data-testid="volume">{formatCompact(quote.volume24h, quote.currency, locale)}</dd>
      </dl>
      <div class="price-card__row">
        <span class="price-card__freshness" data-testid="freshness" data-kind={fresh.kind} aria-live="polite">
          {fresh.text}
        </span>
        {state.error && !state.refreshing && <RetryButton retryAt={state.error.retryAt} now={now} t={t} onRetry={onRetry} />}
      </div>
    </>
  );
}

/** Retry, disabled with a countdown while the price service asked us to wait (429 / backoff). */
function RetryButton({ retryAt, now, t, onRetry }: { retryAt: number | null; now: number; t: Translate; onRetry(): void }) {
  const wait = retryAt !== null && retryAt > now ? Math.ceil((retryAt - now) / 1000) : 0;
  return (
    <button
      type="button"
      class="price-card__retry"
      data-testid="price-retry"
      disabled={wait > 0}
      title={wait > 0 ? t('card_retry_in', [String(wait)]) : undefined}
      onClick={onRetry}
    >
      {wait > 0 ? t('card_retry_in', [String(wait)]) : t('retry')}
    </button>
  );
}
