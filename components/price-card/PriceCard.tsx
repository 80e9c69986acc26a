/**
 * The hover card for one coin (in the page's shadow-root card host): loads
 * its quote through the background and renders PriceCardView. Its stylesheet,
 * ./price-card.css, is put in the shadow root by the card host with the
 * frame's (entrypoints/content/price-card/card-host.ts): a <style> rendered
 * here by Preact is blocked by a strict page CSP in Firefox.
 */
import { useState } from 'preact/hooks';
import { useNow } from '@/components/ui/useNow';
import { t, uiLocale } from '@/utils/i18n';
import type { CardCoin, CoinRef } from '@/utils/model/coin';
import { PriceCardView } from './PriceCardView';
import { useQuote } from './useQuote';
import { useWatchlistStar } from './useWatchlistStar';

interface Props {
  coin: CardCoin;
  /** Another coin of the same ticker was picked ("Also: …"). */
  onChoose?(coin: CoinRef): void;
}

export function PriceCard({ coin: opened, onChoose }: Props) {
  // Coins sharing a ticker: the card switches between them in place.
  const [shown, setShown] = useState<{ coin: CoinRef; also: CoinRef[] }>({ coin: opened, also: opened.also ?? [] });
  const coin = shown.coin;
  const choose = (next: CoinRef) => {
    setShown({ coin: next, also: [shown.coin, ...shown.also.filter((c) => c.coinId !== next.coinId)] });
    onChoose?.(next);
  };
  const { state, retry } = useQuote(coin.coinId);
  const star = useWatchlistStar(coin);
  const now = useNow();
  return (
    <PriceCardView coin={coin} also={shown.also} onChoose={choose} state={state} star={star} now={Math.max(now, Date.now())} locale={uiLocale()} t={t} onRetry={retry} />
  );
}
