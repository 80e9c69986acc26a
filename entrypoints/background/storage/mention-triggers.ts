/**
 * Keeps the content script's list of extra coins to look for (the
 * watchlist's coins beyond the built-in registry) in `storage.local`, where a
 * page's quick trigger test reads it (utils/mentions/extra-triggers.ts).
 * Called when the worker starts and after every watchlist change.
 */
import { browser } from 'wxt/browser';
import { registryToken } from '@/utils/mentions/registry';
import { extraTriggers, MENTION_TRIGGERS_KEY } from '@/utils/mentions/extra-triggers';
import { listWatchlist } from './watchlist-store';

export async function publishMentionTriggers(): Promise<void> {
  const extra = (await listWatchlist()).filter((c) => !registryToken(c.coinId));
  await browser.storage.local.set({ [MENTION_TRIGGERS_KEY]: extraTriggers(extra) });
}

/** Runs `change`, then republishes (a failure to publish never fails the change). */
export async function thenPublish<T>(change: Promise<T>): Promise<T> {
  const result = await change;
  await publishMentionTriggers().catch((error: unknown) => console.warn('Token Insight: could not update the mention triggers', error));
  return result;
}
