/**
 * Keeps the content script's lists of extra coins to look for in
 * `storage.local`, where a page's quick trigger test reads them
 * (utils/mentions/extra-triggers.ts): the watchlist's coins beyond the
 * built-in registry, and the AI categories' coins (the living registry:
 * tickers, pair quotes and the names that count on their own).
 * Called when the worker starts, after every watchlist change and after a
 * new category list.
 */
import { browser } from 'wxt/browser';
import { CONTEXT_CUES, registryToken } from '@/utils/mentions/registry';
import { categoryNameForms } from '@/utils/mentions/distinctive';
import { CATEGORY_TRIGGERS_KEY, extraTriggers, MENTION_TRIGGERS_KEY, type CategoryTriggers } from '@/utils/mentions/extra-triggers';
import type { CategoryCoin } from '@/utils/model/registry';
import { CATEGORY_COINS_MAX } from '@/utils/model/limits';
import { listWatchlist } from './watchlist-store';

/** The category coins' part of the pages' trigger test. */
export function categoryTriggers(coins: readonly CategoryCoin[], quotes: readonly string[] = CONTEXT_CUES.quoteCurrencies): CategoryTriggers {
  const symbols = new Set<string>();
  const names = new Set<string>();
  for (const c of coins.slice(0, CATEGORY_COINS_MAX)) {
    if (registryToken(c.coinId)) continue;
    symbols.add(c.symbol);
    for (const form of categoryNameForms(c.name, c.distinctiveName).bare) names.add(form);
  }
  return { symbols: [...symbols].sort(), quotes: [...quotes], names: [...names].sort() };
}

let categoryCoins: () => Promise<CategoryCoin[]> = async () => [];

/** Where the category coins come from (the registry service, set by the composition root). */
export function setCategoryCoinsSource(source: () => Promise<CategoryCoin[]>): void {
  categoryCoins = source;
}

export async function publishMentionTriggers(): Promise<void> {
  const extra = (await listWatchlist()).filter((c) => !registryToken(c.coinId));
  const category = await categoryCoins().catch(() => []);
  await browser.storage.local.set({
    [MENTION_TRIGGERS_KEY]: extraTriggers(extra),
    [CATEGORY_TRIGGERS_KEY]: categoryTriggers(category),
  });
}

/** Runs `change`, then republishes (a failure to publish never fails the change). */
export async function thenPublish<T>(change: Promise<T>): Promise<T> {
  const result = await change;
  await publishMentionTriggers().catch((error: unknown) => console.warn('Token Insight: could not update the mention triggers', error));
  return result;
}
