/**
 * The background's counting service: exact counts for every requested
 * encoding plus characters and words, one running count per tab (a new
 * selection cancels the old count), progress pushed to the tab for long
 * texts. Long texts arrive in slices (`tokens.upload`) before the
 * `tokens.count` that finishes them. A finished count from a page can be
 * handed to a recorder (the history), at most
 * HISTORY_WRITES_PER_TAB_PER_MINUTE times a minute per tab, so a page that
 * somehow gets counts started cannot flood the history. Sizes are checked
 * before anything is joined; slices waiting from all tabs together are
 * capped too.
 */
import { countTokensProgressive, type Encoding } from '@/utils/tokens';
import { countChars, countWordsProgressive } from '@/utils/tokens/text-stats';
import { ProtocolError, type Handlers } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { HISTORY_WRITES_PER_TAB_PER_MINUTE } from '@/utils/model/limits';
import { TextUploads } from './uploads';

type TokenHandlers = Pick<Handlers<typeof backgroundRequests>, 'tokens.count' | 'tokens.cancel' | 'tokens.upload'>;

export type ProgressSink = (tabId: number, requestId: string, done: number, total: number) => void;

/** What the history keeps of one count (before the user's excerpt and history settings apply). */
export interface CountedSelection {
  url: string;
  title: string;
  text: string;
  encoding: Encoding;
  counts: Partial<Record<Encoding, number>>;
  chars: number;
  words: number;
}
export type CountRecorder = (counted: CountedSelection) => Promise<unknown> | void;

/** Texts shorter than this finish fast enough that progress is not worth a message. */
const PROGRESS_MIN_CHARS = 200_000;
/** Shortest time between two progress reports to a tab. */
export const PROGRESS_INTERVAL_MS = 100;
export { MAX_UPLOAD_CHARS, MAX_UPLOADS_TOTAL_CHARS } from './uploads';

/** `uploads` holds the slices of long texts; the token view's service reads the same ones. */
export function createTokenService(sendProgress: ProgressSink, record?: CountRecorder, uploads = new TextUploads()): TokenHandlers {
  const running = new Map<string, AbortController>();
  const latestByTab = new Map<number, string>();
  /** Times of each tab's recent history writes (the last minute's). */
  const writesByTab = new Map<number, number[]>();
  const mayRecord = (tabKey: number): boolean => {
    const now = Date.now();
    const recent = (writesByTab.get(tabKey) ?? []).filter((t) => now - t < 60_000);
    // Forget tabs with nothing recent, so the map stays as small as the set of busy tabs.
    for (const [tab, times] of writesByTab) if (times.every((t) => now - t >= 60_000)) writesByTab.delete(tab);
    if (recent.length >= HISTORY_WRITES_PER_TAB_PER_MINUTE) {
      writesByTab.set(tabKey, recent);
      return false;
    }
    recent.push(now);
    writesByTab.set(tabKey, recent);
    return true;
  };

  return {
    'tokens.upload': ({ requestId, text }, ctx) => {
      const tabKey = ctx.tabId ?? -1;
      // Starting a new text also stops the count of the previous one.
      const previous = latestByTab.get(tabKey);
      if (previous && previous !== requestId) running.get(previous)?.abort();
      return { received: uploads.add(requestId, tabKey, text) };
    },

    'tokens.count': async ({ requestId, text: last, encodings, uploaded, history }, ctx) => {
      const tabKey = ctx.tabId ?? -1;
      const text = uploaded ? uploads.take(requestId, tabKey, last) : last;
      uploads.drop(tabKey, null);
      const previous = latestByTab.get(tabKey);
      if (previous) running.get(previous)?.abort();
      const controller = new AbortController();
      running.set(requestId, controller);
      latestByTab.set(tabKey, requestId);
      try {
        const counts: Partial<Record<Encoding, number>> = {};
        // Words are one more pass over the text, after the encodings.
        const total = text.length * (encodings.length + 1);
        // At most one report per PROGRESS_INTERVAL_MS: each one re-renders the badge in the page.
        let lastReport = -Infinity;
        const progress =
          ctx.tabId !== null && text.length >= PROGRESS_MIN_CHARS
            ? (done: number) => {
                const now = Date.now();
                if (now - lastReport < PROGRESS_INTERVAL_MS) return;
                lastReport = now;
                sendProgress(ctx.tabId!, requestId, Math.min(done, total), total);
              }
            : undefined;
        for (const [i, encoding] of encodings.entries()) {
          counts[encoding] = await countTokensProgressive(text, encoding, {
            signal: controller.signal,
            onProgress: progress && ((done) => progress(i * text.length + done)),
          });
        }
        const words = await countWordsProgressive(text, {
          signal: controller.signal,
          onProgress: progress && ((done) => progress(encodings.length * text.length + done)),
        });
        const chars = countChars(text);
        if (record && history && ctx.sender === 'content' && ctx.url && !ctx.incognito && mayRecord(tabKey)) {
          try {
            await record({ url: ctx.url, title: history.title, text, encoding: encodings[0]!, counts, chars, words });
          } catch (error) {
            // The count is still right; history is best effort.
            console.warn('Token Insight: could not store the count in history', error);
          }
        }
        return { requestId, counts, chars, words };
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
      const hadUpload = uploads.cancel(requestId);
      return { cancelled: Boolean(controller) || hadUpload };
    },
  };
}
