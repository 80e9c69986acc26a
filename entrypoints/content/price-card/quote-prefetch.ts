/**
 * Warms the quote cache for the coins found on a page, so their cards open
 * on a price at once. Only coin ids are sent (to the background, which
 * batches every tab's asks into one API call); never page text.
 */
import { sendToBackground } from '@/utils/protocol/bus';
import { COINS_PER_REQUEST } from '@/utils/model/limits';

export function prefetchQuotes(coinIds: Iterable<string>): void {
  const ids = [...new Set(coinIds)].slice(0, COINS_PER_REQUEST);
  if (ids.length === 0) return;
  sendToBackground('quotes.get', { coinIds: ids }).catch(() => {
    // The card asks again when opened and shows any failure there.
  });
}
