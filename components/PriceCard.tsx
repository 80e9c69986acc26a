/**
 * The hover card for one coin (in the page's shadow-root card host): loads
 * its quote through the background and renders PriceCardView. Its styles
 * come with it, so the host needs to know nothing about prices.
 */
import { useEffect, useState } from 'preact/hooks';
import { t, uiLocale } from '@/utils/i18n';
import cardCss from './price-card.css?inline';
import { PriceCardView } from './PriceCardView';
import { useQuote } from './useQuote';
import { useWatchlistStar } from './useWatchlistStar';

/** The coin a card is for (from the page's mention). */
export interface CardCoin {
  coinId: string;
  symbol: string;
  name: string;
}

interface Props {
  coin: CardCoin;
}

/** Re-renders every second so "updated N s ago" stays true. */
function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function PriceCard({ coin }: Props) {
  const { state, retry } = useQuote(coin.coinId);
  const star = useWatchlistStar(coin);
  const now = useNow();
  return (
    <>
      <style>{cardCss}</style>
      <PriceCardView coin={coin} state={state} star={star} now={Math.max(now, Date.now())} locale={uiLocale()} t={t} onRetry={retry} />
    </>
  );
}
