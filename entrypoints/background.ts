import { listenInBackground } from '@/utils/message-bus';
import { backgroundHandlers } from '@/utils/background-handlers';
import { seedWatchlist } from '@/utils/watchlist-store';

export default defineBackground(() => {
  listenInBackground(backgroundHandlers);

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') {
      seedWatchlist().catch((error: unknown) => console.error('Token Insight: could not seed the watchlist', error));
    }
  });
});
