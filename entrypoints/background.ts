import { listenInBackground } from '@/utils/message-bus';
import { backgroundHandlers, priceService } from '@/utils/background-handlers';
import { startPriceAlarms } from '@/utils/prices/alarms';
import { seedWatchlist } from '@/utils/watchlist-store';
import { listenForSelectionCommands } from '@/utils/selection-commands';
import { setRankSource } from '@/utils/tokens';
import { extensionRankSource } from '@/utils/tokenizer/extension-rank-source';

export default defineBackground(() => {
  // Token counts read their rank tables from files in the extension, on the first count.
  setRankSource(extensionRankSource);
  listenInBackground(backgroundHandlers);
  listenForSelectionCommands();
  startPriceAlarms(priceService);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') {
      seedWatchlist().catch((error: unknown) => console.error('Token Insight: could not seed the watchlist', error));
    }
  });
});
