import { listenInBackground } from '@/utils/message-bus';
import { backgroundHandlers, priceService } from '@/utils/background-handlers';
import { startPriceAlarms } from '@/utils/prices/alarms';
import { seedWatchlist } from '@/utils/watchlist-store';

export default defineBackground(() => {
  listenInBackground(backgroundHandlers);
  startPriceAlarms(priceService);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') {
      seedWatchlist().catch((error: unknown) => console.error('Token Insight: could not seed the watchlist', error));
    }
  });
});
