/**
 * The background's composition root: it creates the services and wires them
 * to the browser (messages, commands, alarms, install). Nothing here runs on
 * import elsewhere; every module below exports factories and functions.
 */
import { listenInBackground } from '@/utils/protocol/bus';
import { hasSiteAccess } from '@/utils/permissions/site-access';
import { setRankSource } from '@/utils/tokens';
import { createBackgroundHandlers, createTokenParts } from './handlers';
import { startPriceAlarms, startRegistryAlarm } from './prices/alarms';
import { createPriceService } from './prices/price-service';
import { publishMentionTriggers, setCategoryCoinsSource, thenPublish } from './storage/mention-triggers';
import { watchSettings } from '@/utils/settings';
import { seedWatchlist } from './storage/watchlist-store';
import { extensionRankSource } from './tokens/extension-rank-source';
import { listenForSelectionCommands } from './tokens/selection-commands';

export default defineBackground(() => {
  // Token counts read their rank tables from files in the extension, on the first count.
  setRankSource(extensionRankSource);
  const priceService = createPriceService();
  const tokens = createTokenParts();
  listenInBackground(createBackgroundHandlers(priceService, tokens));
  listenForSelectionCommands(tokens.views);
  // A token view's text is forgotten when its tab closes. (This fails only while the browser shuts
  // down, which empties the session storage anyway.)
  browser.tabs.onRemoved.addListener((tabId) => {
    tokens.views.forgetTab(tabId).catch(() => {});
  });
  startPriceAlarms(priceService);
  // The living registry: the AI categories' coins, fetched on install, on a new base URL or categories, and daily.
  const { registry } = priceService;
  startRegistryAlarm(registry);
  setCategoryCoinsSource(() => registry.coins());
  const freshen = () => {
    registry
      .ensureFresh()
      .then(() => publishMentionTriggers())
      .catch((error: unknown) => console.warn('Token Insight: could not refresh the category list', error));
  };
  freshen();
  watchSettings(freshen);
  // Settings move to one item each on first read; the API key leaves storage.local at once, not at the first price fetch.
  priceService.migrateKey().catch((error: unknown) => console.error('Token Insight: could not move the API key', error));

  // Pages look for the watchlist's coins too before loading the mention detector.
  publishMentionTriggers().catch((error: unknown) => console.warn('Token Insight: could not publish the mention triggers', error));

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') {
      thenPublish(seedWatchlist()).catch((error: unknown) => console.error('Token Insight: could not seed the watchlist', error));
      registry
        .refresh('install')
        .then(() => publishMentionTriggers())
        .catch((error: unknown) => console.warn('Token Insight: could not fetch the category list', error));
      // Without site access (Firefox MV3 leaves it to the user) the options page says why and asks for it.
      hasSiteAccess()
        .then(async (granted) => {
          if (!granted) await browser.runtime.openOptionsPage();
        })
        .catch((error: unknown) => console.warn('Token Insight: could not open the settings to ask for site access', error));
    }
  });
});
