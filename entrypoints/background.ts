import { listenInBackground } from '@/utils/message-bus';
import { backgroundHandlers } from '@/utils/background-handlers';
import { seedWatchlist } from '@/utils/watchlist-store';
import { createSelectionMenu, listenForSelectionCommands } from '@/utils/selection-commands';

export default defineBackground(() => {
  listenInBackground(backgroundHandlers);
  listenForSelectionCommands();

  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') {
      seedWatchlist().catch((error: unknown) => console.error('Token Insight: could not seed the watchlist', error));
    }
    createSelectionMenu().catch((error: unknown) => console.error('Token Insight: could not add the menu item', error));
  });
});
