import { listenInContent } from '@/utils/message-bus';

export default defineContentScript({
  matches: ['<all_urls>'],
  runAt: 'document_idle',
  main() {
    listenInContent({
      ping: ({ nonce }) => ({ nonce, url: location.href }),
    });
  },
});
