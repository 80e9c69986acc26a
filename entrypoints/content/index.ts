import { listenInContent } from '@/utils/message-bus';
import { startMentions } from '@/utils/page/start-mentions';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main(ctx) {
    listenInContent({
      ping: ({ nonce }) => ({ nonce, url: location.href }),
    });
    startMentions(ctx);
  },
});
