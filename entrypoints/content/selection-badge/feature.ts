/**
 * The selection badge's heavy part, loaded on the page's first selection as a
 * chunk of its own (scripts/content-chunks.ts): the badge (Preact), its count
 * in the background, and the validation of the background's requests to this
 * tab (which loads the `page` chunk when the background asks for the page's
 * text). The light part that every page runs is start.ts.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { contentRequests } from '@/utils/protocol/requests';
import { handleRequest, type Handlers, type SenderInfo } from '@/utils/protocol/validate';
import { extensionSelf } from '@/utils/protocol/bus';
import type { PageSettings } from '@/utils/settings/page';
import { SelectionBadge } from './selection-badge';
import { dispatchProgress } from './selection-counter';
import { loadChunk } from '../chunks';

export { SelectionBadge };

export function createSelectionBadge(ctx: ContentScriptContext, settings: () => PageSettings): SelectionBadge {
  return new SelectionBadge(ctx, settings);
}

/** Answers a request of the background to this tab (validated, sender-checked: fail closed). */
export function answerContentRequest(message: unknown, sender: SenderInfo, badge: SelectionBadge): Promise<unknown> {
  const handlers: Handlers<typeof contentRequests> = {
    ping: ({ nonce }) => ({ nonce, url: location.href }),
    'tokens.progress': ({ requestId, done, total }) => {
      dispatchProgress(requestId, done, total);
      return {};
    },
    'selection.count': () => ({ shown: badge.countCurrentSelection() }),
    // Read only now, on the user's request (the page's context menu, the popup's "This page").
    'page.text': async () => (await loadChunk('page')).extractPageText(document),
  };
  return handleRequest(contentRequests, handlers, message, sender, extensionSelf());
}
