/** The background's answers to each request of the protocol. */
import type { Handlers, backgroundRequests } from './messages';
import { listWatchlist } from './watchlist-store';

export const backgroundHandlers: Partial<Handlers<typeof backgroundRequests>> = {
  ping: ({ nonce }, ctx) => ({ nonce, sender: ctx.sender, tabId: ctx.tabId, receivedAt: Date.now() }),
  'watchlist.list': () => listWatchlist(),
};
