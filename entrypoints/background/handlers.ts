/** The background's answers to each request of the protocol. */
import type { Handlers } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { addToWatchlist, listWatchlist, moveInWatchlist, removeFromWatchlist } from './storage/watchlist-store';
import { exportData, importData, previewImport } from './storage/data-transfer';
import { thenPublish } from './storage/mention-triggers';
import { clearCounts, clearSightings, listCounts, listSightings, recordSightings } from './storage/history-store';
import { getSettings } from '@/utils/settings';
import { historyPageUrl } from '@/utils/model/history';
import { createTokenService } from './tokens/token-service';
import { createLiveCountService } from './tokens/live-count-service';
import { sendToTab } from '@/utils/protocol/bus';
import { recordCount } from './tokens/count-recorder';
import { createTokenViewService, type TokenViewService } from './tokens/token-view-service';
import { TextUploads } from './tokens/uploads';
import type { PriceService } from './prices/price-service';

/** The counting side's shared parts: the uploaded slices of long texts, and the token view's service that reads them too. */
export interface TokenParts {
  uploads: TextUploads;
  views: TokenViewService;
}

export function createTokenParts(): TokenParts {
  const uploads = new TextUploads();
  return { uploads, views: createTokenViewService(uploads) };
}

const pickLive = ({ 'live.edit': edit, 'live.end': end }: ReturnType<typeof createLiveCountService>) => ({ 'live.edit': edit, 'live.end': end });

/**
 * The request table's handlers, built by the composition root (index.ts) with
 * the price service it owns (the price alarm refreshes through the same one)
 * and the token parts (the context menu and tab events reach the token view's service too).
 */
export function createBackgroundHandlers(
  priceService: PriceService,
  tokens: TokenParts = createTokenParts(),
): Partial<Handlers<typeof backgroundRequests>> {
  const { views } = tokens;
  return {
    ping: ({ nonce }, ctx) => ({ nonce, sender: ctx.sender, tabId: ctx.tabId, receivedAt: Date.now() }),

    'watchlist.list': () => listWatchlist(),
    'watchlist.add': (coin) => thenPublish(addToWatchlist(coin)),
    'watchlist.remove': ({ coinId }) => thenPublish(removeFromWatchlist(coinId)),
    'watchlist.move': ({ coinId, index }) => moveInWatchlist(coinId, index),

    'data.export': () => exportData(),
    'data.preview': (data) => previewImport(data),
    'data.import': ({ applyPriceApi, ...data }) => thenPublish(importData(data, { applyPriceApi })),

    'quotes.get': priceService['quotes.get'],
    'coins.search': priceService['coins.search'],
    'prices.reset': priceService['prices.reset'],
    'apiKey.status': priceService['apiKey.status'],
    'apiKey.set': priceService['apiKey.set'],
    'apiKey.confirm': priceService['apiKey.confirm'],
    'registry.coins': priceService['registry.coins'],
    'registry.status': priceService['registry.status'],
    'registry.refresh': priceService['registry.refresh'],

    'history.counts': ({ limit }) => listCounts(limit),
    'history.sightings': ({ since }) => listSightings(since),
    'history.clear': async ({ what }) => {
      if (what !== 'sightings') await clearCounts();
      if (what !== 'counts') await clearSightings();
      return { cleared: true };
    },

    ...createTokenService((tabId, requestId, done, total) => {
      sendToTab(tabId, 'tokens.progress', { requestId, done, total }).catch(() => {
        // The tab went away or navigated: nothing to tell.
      });
    }, recordCount, tokens.uploads),
    // The text of the box being typed in: in memory while it has focus, never stored or recorded.
    ...pickLive(createLiveCountService()),

    'tokenView.open': views['tokenView.open'],
    'tokenView.get': views['tokenView.get'],
    'tokenView.split': views['tokenView.split'],
    'page.count': views['page.count'],
    'page.view': views['page.view'],

    'sightings.record': async ({ title, coins }, ctx) => {
      // Nothing from private windows; the page address comes from the browser (the sender), never from the page.
      if (ctx.incognito || coins.length === 0) return { recorded: false };
      const url = ctx.url ? historyPageUrl(ctx.url) : null;
      if (!url || !(await getSettings()).historyEnabled) return { recorded: false };
      await recordSightings({ url, title }, coins);
      return { recorded: true };
    },
  };
}
