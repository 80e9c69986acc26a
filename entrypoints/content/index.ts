import { listenInContent } from '@/utils/protocol/bus';
import { installE2eHooks } from './e2e-hooks';
import { startMentions } from './mentions/start';
import { startSelectionBadge } from './selection-badge/start';
import { ignoreStopWhileConnected } from './stop-guard';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // No start-up message carrying the extension's id is posted to the page (./stop-guard.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    ignoreStopWhileConnected(ctx);
    const badge = startSelectionBadge(ctx);
    listenInContent({
      ping: ({ nonce }) => ({ nonce, url: location.href }),
      ...badge.handlers,
    });
    const mentions = startMentions(ctx);
    // Replaced by a constant at build time: only `npm run build:e2e` keeps the test hooks.
    if (import.meta.env.MODE === 'e2e') installE2eHooks({ mentions, badge });
  },
});
