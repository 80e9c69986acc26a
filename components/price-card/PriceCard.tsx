/**
 * The hover card for one coin (in the page's shadow-root card host): loads
 * its quote through the background and renders PriceCardView. Its styles
 * come with it, so the host needs to know nothing about prices.
 */
import { useNow } from '@/components/ui/useNow';
import { t, uiLocale } from '@/utils/i18n';
import type { CoinRef } from '@/utils/model/coin';
import cardCss from './price-card.css?inline';
import { PriceCardView } from './PriceCardView';
import { useQuote } from './useQuote';
import { useWatchlistStar } from './useWatchlistStar';

interface Props {
  coin: CoinRef;
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
