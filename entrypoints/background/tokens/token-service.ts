/**
 * The background's counting service: exact counts for every requested
 * encoding plus characters and words, one running count per tab (a new
 * selection cancels the old count), progress pushed to the tab for long
 * texts. Long texts arrive in slices (`tokens.upload`) before the
 * `tokens.count` that finishes them. A finished count from a page can be
 * handed to a recorder (the history).
 */
import { countTokensProgressive, type Encoding } from '@/utils/tokens';
import { countChars, countWordsProgressive } from '@/utils/tokens/text-stats';
import { ProtocolError, type Handlers } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';

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
/** Most text one tab may have waiting in uploaded slices (the protocol's own limit). */
export const MAX_UPLOAD_CHARS = 50_000_000;
/** Slices nobody finished (the tab went away) are dropped after this long. */
const UPLOAD_TTL_MS = 120_000;

interface Upload {
  tabKey: number;
  parts: string[];
  size: number;
  touched: number;
}

export function createTokenService(sendProgress: ProgressSink, record?: CountRecorder): TokenHandlers {
  const running = new Map<string, AbortController>();
  const latestByTab = new Map<number, string>();
  const uploads = new Map<string, Upload>();

  /** Drops this tab's other uploads (a newer selection replaced them) and stale ones. */
  const dropUploads = (tabKey: number, keep: string | null) => {
    const now = Date.now();
    for (const [id, u] of uploads) {
      if ((u.tabKey === tabKey && id !== keep) || now - u.touched > UPLOAD_TTL_MS) uploads.delete(id);
    }
  };

  return {
    'tokens.upload': ({ requestId, text }, ctx) => {
      const tabKey = ctx.tabId ?? -1;
      dropUploads(tabKey, requestId);
      // Starting a new text also stops the count of the previous one.
      const previous = latestByTab.get(tabKey);
      if (previous && previous !== requestId) running.get(previous)?.abort();
      let upload = uploads.get(requestId);
      if (!upload) {
        upload = { tabKey, parts: [], size: 0, touched: Date.now() };
        uploads.set(requestId, upload);
      }
      if (upload.tabKey !== tabKey) throw new ProtocolError('forbidden', 'This upload belongs to another tab.');
      if (upload.size + text.length > MAX_UPLOAD_CHARS) {
        uploads.delete(requestId);
        throw new ProtocolError('bad-payload', 'The text is too long to count (over 50 million characters).');
      }
      upload.parts.push(text);
      upload.size += text.length;
      upload.touched = Date.now();
      return { received: upload.size };
    },

    'tokens.count': async ({ requestId, text: last, encodings, uploaded, history }, ctx) => {
      const tabKey = ctx.tabId ?? -1;
      let text = last;
      if (uploaded) {
        const upload = uploads.get(requestId);
        if (!upload || upload.tabKey !== tabKey) {
          throw new ProtocolError('cancelled', 'The start of this text was replaced by a newer selection.');
        }
        uploads.delete(requestId);
        text = upload.parts.join('') + last;
        if (text.length > MAX_UPLOAD_CHARS) {
          throw new ProtocolError('bad-payload', 'The text is too long to count (over 50 million characters).');
        }
      }
      dropUploads(tabKey, null);
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
        if (record && history && ctx.sender === 'content' && ctx.url && !ctx.incognito) {
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
      const hadUpload = uploads.delete(requestId);
      return { cancelled: Boolean(controller) || hadUpload };
    },
  };
}
