/**
 * The card's Preact rendering, loaded when the first card opens (card-host.tsx
 * imports it then), so a page that never shows a card never loads Preact.
 */
import { render } from 'preact';
import { PriceCard } from '@/components/price-card/PriceCard';
import type { CardCoin, CoinRef } from '@/utils/model/coin';

export function renderCard(container: HTMLElement, coin: CardCoin, dark: boolean, onChoose?: (coin: CoinRef) => void): void {
  render(
    <div class="ti-card-frame" data-theme={dark ? 'dark' : 'light'} key={coin.coinId}>
      <PriceCard coin={coin} onChoose={onChoose} />
    </div>,
    container,
  );
}

export function clearCard(container: HTMLElement): void {
  render(null, container);
}
