import { listenInContent } from '@/utils/message-bus';
import { startMentions } from '@/utils/page/start-mentions';
import { startSelectionBadge } from '@/utils/page/start-selection-badge';

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
