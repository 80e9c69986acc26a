/**
 * The background's counting service: exact counts for every requested
 * encoding, one running count per tab (a new selection cancels the old
 * count), progress pushed to the tab for long texts.
 */
import { countTokensProgressive } from './tokens';
import { ProtocolError, type Handlers, type backgroundRequests } from './messages';

type TokenHandlers = Pick<Handlers<typeof backgroundRequests>, 'tokens.count' | 'tokens.cancel'>;

export type ProgressSink = (tabId: number, requestId: string, done: number, total: number) => void;

/** Texts shorter than this finish fast enough that progress is not worth a message. */
const PROGRESS_MIN_CHARS = 200_000;

export function createTokenService(sendProgress: ProgressSink): TokenHandlers {
  const running = new Map<string, AbortController>();
  const latestByTab = new Map<number, string>();

  return {
    'tokens.count': async ({ requestId, text, encodings }, ctx) => {
      const tabKey = ctx.tabId ?? -1;
      const previous = latestByTab.get(tabKey);
      if (previous) running.get(previous)?.abort();
      const controller = new AbortController();
      running.set(requestId, controller);
      latestByTab.set(tabKey, requestId);
      try {
        const counts: Partial<Record<(typeof encodings)[number], number>> = {};
        const total = text.length * encodings.length;
        for (const [i, encoding] of encodings.entries()) {
          counts[encoding] = await countTokensProgressive(text, encoding, {
            signal: controller.signal,
            onProgress:
              ctx.tabId !== null && text.length >= PROGRESS_MIN_CHARS
                ? (done) => sendProgress(ctx.tabId!, requestId, i * text.length + done, total)
                : undefined,
          });
        }
        return { requestId, counts, chars: text.length };
      } catch (error) {
        if (controller.signal.aborted) throw new ProtocolError('cancelled', 'The count was cancelled.');
        throw error;
      } finally {
        running.delete(requestId);
        if (latestByTab.get(tabKey) === requestId) latestByTab.delete(tabKey);
      }
    },
    'tokens.cancel': ({ requestId }) => {
      const controller = running.get(requestId);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },
  };
}
