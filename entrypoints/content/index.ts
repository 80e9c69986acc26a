/**
 * The content script every page runs. It is small on purpose: it follows the
 * settings, watches for a finished selection, checks in idle time whether
 * the page could mention a token, and on a live-count site waits for a text
 * box to get the focus; the features themselves (the badge, the mention
 * detector and its card, the live count) load on first use (chunks.ts). See README
 * "Performance" for what this costs a page.
 */
import { browser } from 'wxt/browser';
import { isProtocolMessage } from '@/utils/protocol/channel';
import { installE2eHooks } from './e2e-hooks';
import { startMentions } from './mentions/start';
import { startSelectionBadge } from './selection-badge/start';
import { startLiveCount } from './live-count/start';
import { ignoreStopWhileConnected } from './stop-guard';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  // No start-up message carrying the extension's id is posted to the page (./stop-guard.ts).
  noScriptStartedPostMessage: true,
  main(ctx) {
    ignoreStopWhileConnected(ctx);
    const badge = startSelectionBadge(ctx);
    const onMessage = (message: unknown, sender: Parameters<typeof badge.answer>[1]) =>
      // Other extensions' and the browser's messages are left alone; ours are validated in the badge chunk.
      isProtocolMessage(message) ? badge.answer(message, sender) : undefined;
    browser.runtime.onMessage.addListener(onMessage as never);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage as never));
    const mentions = startMentions(ctx);
    const live = startLiveCount(ctx);
    // Replaced by a constant at build time: only `npm run build:e2e` keeps the test hooks.
    if (import.meta.env.MODE === 'e2e') installE2eHooks({ mentions, badge, live });
  },
});
