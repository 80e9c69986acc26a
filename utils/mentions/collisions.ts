/**
 * Coins that share a ticker (the card's "Also: …"): the curated coin first,
 * then the category coins by market cap, largest first — the order in which
 * the detector gives a ticker to a coin. Pure.
 */
import type { CardCoin, CoinRef } from '@/utils/model/coin';
import type { CategoryCoin } from '@/utils/model/registry';
import type { RegistryToken } from './registry';

export function coinsByTicker(curated: readonly Pick<RegistryToken, 'coinId' | 'symbol' | 'name'>[], category: readonly CategoryCoin[]): Map<string, CoinRef[]> {
  const out = new Map<string, CoinRef[]>();
  const add = (c: CoinRef) => {
    const list = out.get(c.symbol);
    if (!list) out.set(c.symbol, [c]);
    else if (!list.some((x) => x.coinId === c.coinId)) list.push(c);
  };
  for (const t of curated) add({ coinId: t.coinId, symbol: t.symbol, name: t.name });
  for (const c of [...category].sort((a, b) => (b.marketCap ?? -1) - (a.marketCap ?? -1))) add({ coinId: c.coinId, symbol: c.symbol, name: c.name });
  return out;
}

/**
 * The card's coin for a mention: a name says which coin; a ticker follows the
 * reader's choice on this page (`chosen`: ticker → coin id), else the
 * detector's. The others sharing the ticker come along as `also`.
 */
export function cardCoinFor(
  mention: { coinId: string; symbol: string; kind: string },
  byTicker: ReadonlyMap<string, readonly CoinRef[]>,
  chosen: ReadonlyMap<string, string>,
  known: (coinId: string) => CoinRef | undefined = () => undefined,
): CardCoin {
  const sharing = byTicker.get(mention.symbol) ?? [];
  const byName = mention.kind === 'name' || mention.kind === 'name-symbol';
  const pick = byName ? mention.coinId : (chosen.get(mention.symbol) ?? mention.coinId);
  const id = sharing.some((c) => c.coinId === pick) || pick === mention.coinId ? pick : mention.coinId;
  const ref = known(id) ?? sharing.find((c) => c.coinId === id) ?? { coinId: id, symbol: mention.symbol, name: mention.symbol };
  const also = sharing.filter((c) => c.coinId !== id);
  return also.length ? { ...ref, also: [...also] } : ref;
}
