/**
 * The hover card for one coin (in the page's shadow-root card host): loads
 * its quote through the background and renders PriceCardView. Its stylesheet,
 * ./price-card.css, is put in the shadow root by the card host with the
 * frame's (entrypoints/content/price-card/card-host.ts): a <style> rendered
 * here by Preact is blocked by a strict page CSP in Firefox.
 */
import { useNow } from '@/components/ui/useNow';
import { t, uiLocale } from '@/utils/i18n';
import type { CoinRef } from '@/utils/model/coin';
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
    <PriceCardView coin={coin} state={state} star={star} now={Math.max(now, Date.now())} locale={uiLocale()} t={t} onRetry={retry} />
  );
}
