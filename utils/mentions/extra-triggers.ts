/**
 * Coins beyond the built-in registry that a page's quick trigger test must
 * know, so a page naming only such a coin still loads the detector: the
 * watchlist's (symbol and name) and the AI categories' (the living registry:
 * tickers, the quotes of their pairs, and the names that count on their own).
 * The background keeps them in `storage.local` under MENTION_TRIGGERS_KEY and
 * CATEGORY_TRIGGERS_KEY (not secret: coin names); the content script reads
 * them with the page's settings. Pure.
 */
import type { CoinRef } from '@/utils/model/coin';
import { CATEGORY_COINS_MAX, COIN_NAME_MAX, SYMBOL_MAX, WATCHLIST_MAX } from '@/utils/model/limits';

export const MENTION_TRIGGERS_KEY = 'mentions.extraCoins';
export const CATEGORY_TRIGGERS_KEY = 'mentions.categoryTriggers';

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

/** The category coins' part of a page's trigger test. */
export interface CategoryTriggers {
  /** Every ticker (found only as "SYM token", in a pair or glued to a quote). */
  symbols: string[];
  /** The quote currencies of pairs. */
  quotes: string[];
  /** The forms of the names that count on their own (distinctive names). */
  names: string[];
}

const strings = (raw: unknown, max: number, long: number): string[] =>
  Array.isArray(raw) ? raw.slice(0, max).filter((s): s is string => typeof s === 'string' && s.length > 0 && s.length <= long) : [];

/** Reads the stored category triggers, dropping anything malformed; null when there are none. */
export function parseCategoryTriggers(raw: unknown): CategoryTriggers | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const out = {
    symbols: strings(r.symbols, CATEGORY_COINS_MAX, SYMBOL_MAX),
    quotes: strings(r.quotes, 50, 12),
    names: strings(r.names, CATEGORY_COINS_MAX * 4, COIN_NAME_MAX),
  };
  return out.symbols.length || out.names.length ? out : null;
}
