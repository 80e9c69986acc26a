import { listenInContent } from '@/utils/protocol/bus';
import { startMentions } from './mentions/start';
import { startSelectionBadge } from './selection-badge/start';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    const badgeHandlers = startSelectionBadge(ctx);
    listenInContent({
      ping: ({ nonce }) => ({ nonce, url: location.href }),
      ...badgeHandlers,
    });
    startMentions(ctx);
  },
});
