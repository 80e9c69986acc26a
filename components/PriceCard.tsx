/**
 * STAND-IN (foundation): the card a hovered mention opens, showing the coin's
 * name and symbol. The prices capability replaces its content with the full
 * price card; its props stay the same.
 */
export interface CardCoin {
  coinId: string;
  symbol: string;
  name: string;
}

interface Props {
  coin: CardCoin;
}

export function PriceCard({ coin }: Props) {
  return (
    <div class="price-card" data-testid="price-card" data-symbol={coin.symbol} role="dialog" aria-label={`${coin.name} (${coin.symbol})`}>
      <strong>{coin.name}</strong> <span>{coin.symbol}</span>
    </div>
  );
}
