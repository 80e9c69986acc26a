/**
 * Coins beyond the built-in registry (the watchlist's) that a page's quick
 * trigger test must know, so a page naming only such a coin still loads the
 * detector. The background keeps them in `storage.local` under
 * MENTION_TRIGGERS_KEY (not secret: coin names); the content script reads them
 * with the page's settings. Pure.
 */
import type { CoinRef } from '@/utils/model/coin';
import { COIN_NAME_MAX, SYMBOL_MAX, WATCHLIST_MAX } from '@/utils/model/limits';

export const MENTION_TRIGGERS_KEY = 'mentions.extraCoins';

/** What the background stores: symbol and name of each extra coin, capped. */
export function extraTriggers(coins: readonly CoinRef[]): { symbol: string; name: string }[] {
  return coins.slice(0, WATCHLIST_MAX).map((c) => ({ symbol: c.symbol, name: c.name }));
}

/** Reads the stored list, dropping anything malformed. */
export function parseExtraTriggers(raw: unknown): CoinRef[] {
  if (!Array.isArray(raw)) return [];
  const out: CoinRef[] = [];
  for (const item of raw.slice(0, WATCHLIST_MAX)) {
    const { symbol, name } = (item ?? {}) as { symbol?: unknown; name?: unknown };
    if (typeof symbol !== 'string' || typeof name !== 'string') continue;
    if (!symbol || symbol.length > SYMBOL_MAX || !name || name.length > COIN_NAME_MAX) continue;
    out.push({ coinId: '', symbol, name });
  }
  return out;
}
