/**
 * Counts a selection through the background, from the page's side: a long
 * text goes in slices (`tokens.upload`), one message at a time so the page
 * keeps responding, then `tokens.count` finishes it; the background's
 * progress reports come back through `dispatchProgress`. Cancelling stops
 * the upload and tells the background to stop counting.
 *
 * The background's worker may be stopped and restarted between two slices
 * (it then forgets them): the count starts over once, and fails with a
 * clear error after that; a count that hears nothing at all from the
 * background for COUNT_STALL_MS fails too, so the badge never spins forever.
 */
import type { AnswerOf } from '@/utils/protocol/validate';
import type { backgroundRequests } from '@/utils/protocol/requests';
import { ProtocolError } from '@/utils/protocol/validate';
import { sendToBackground } from '@/utils/protocol/bus';
import { sliceText } from '@/utils/tokens/text-stats';
import type { Encoding } from '@/utils/tokens';
import { TITLE_MAX } from '@/utils/model/limits';

export type CountAnswer = AnswerOf<typeof backgroundRequests, 'tokens.count'>;

/** Characters per upload message (about 1 MB of JSON for ASCII). */
export const UPLOAD_SLICE = 512 * 1024;

/** A count that hears nothing from the background (no answer, no progress) for this long has failed. */
export const COUNT_STALL_MS = 60_000;

/** The error a stalled count fails with (`code` failed, this name). */
export const STALLED = 'CountStalled';

export interface CountProgress {
  phase: 'sending' | 'counting';
  /** 0…1, or null when unknown. */
  fraction: number | null;
}

export interface CountJob {
  requestId: string;
  result: Promise<CountAnswer>;
  cancel(): void;
}

type Send = typeof sendToBackground;

/**
 * A random id for one count. Not `crypto.randomUUID()`: it exists only in
 * secure contexts, and a content script on a plain http:// page is not one.
 */
export function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const progressListeners = new Map<string, (done: number, total: number) => void>();

/** Called by the content script's `tokens.progress` handler. */
export function dispatchProgress(requestId: string, done: number, total: number): void {
  progressListeners.get(requestId)?.(done, total);
}

/**
 * Sends the text to the background for the token view (in slices when long,
 * as a count does) and resolves to the view's id once its tab is open.
 */
export async function openTokenView(text: string, title: string, send: Send = sendToBackground): Promise<string> {
  const requestId = newRequestId();
  const slices = text.length > UPLOAD_SLICE ? sliceText(text, UPLOAD_SLICE) : [text];
  for (const slice of slices.slice(0, -1)) await send('tokens.upload', { requestId, text: slice });
  const { viewId } = await send('tokenView.open', {
    requestId,
    text: slices[slices.length - 1] ?? '',
    ...(slices.length > 1 ? { uploaded: true } : {}),
    title: title.slice(0, TITLE_MAX),
  });
  return viewId;
}

export function startCount(
  text: string,
  encodings: Encoding[],
  options: { title?: string; onProgress?: (p: CountProgress) => void; send?: Send } = {},
): CountJob {
  const send = options.send ?? sendToBackground;
  const requestId = newRequestId();
  let cancelled = false;
  const slices = text.length > UPLOAD_SLICE ? sliceText(text, UPLOAD_SLICE) : [text];
  const history = options.title !== undefined ? { title: options.title.slice(0, TITLE_MAX) } : undefined;

  let heard = Date.now();
  let stallTimer: ReturnType<typeof setTimeout> | undefined;
  let rejectStall: (error: Error) => void = () => {};
  const stall = new Promise<never>((_, reject) => (rejectStall = reject));
  stall.catch(() => {});
  const armStall = (ms = COUNT_STALL_MS) => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      const quiet = Date.now() - heard;
      if (quiet < COUNT_STALL_MS) return armStall(COUNT_STALL_MS - quiet);
      const error = new ProtocolError('failed', 'The background stopped answering while counting.');
      error.name = STALLED;
      rejectStall(error);
    }, ms);
  };
  /** One message, failing if the background goes quiet for COUNT_STALL_MS. */
  const sendWatched: Send = (kind, payload) => {
    heard = Date.now();
    return Promise.race([send(kind, payload), stall]).finally(() => (heard = Date.now()));
  };

  const attempt = async (): Promise<CountAnswer> => {
    let sent = 0;
    for (const slice of slices.slice(0, -1)) {
      if (cancelled) throw new ProtocolError('cancelled', 'The count was cancelled.');
      options.onProgress?.({ phase: 'sending', fraction: sent / text.length });
      await sendWatched('tokens.upload', { requestId, text: slice });
      sent += slice.length;
    }
    if (cancelled) throw new ProtocolError('cancelled', 'The count was cancelled.');
    options.onProgress?.({ phase: 'counting', fraction: slices.length > 1 ? 0 : null });
    return await sendWatched('tokens.count', {
      requestId,
      text: slices[slices.length - 1] ?? '',
      encodings,
      ...(slices.length > 1 ? { uploaded: true } : {}),
      ...(history ? { history } : {}),
    });
  };

  const run = async (): Promise<CountAnswer> => {
    progressListeners.set(requestId, (done, total) => {
      heard = Date.now();
      if (!cancelled) options.onProgress?.({ phase: 'counting', fraction: total > 0 ? done / total : null });
    });
    armStall();
    try {
      try {
        return await attempt();
      } catch (error) {
        // "Cancelled" that we did not ask for: the background lost the slices (its worker restarted). Once more.
        if (cancelled || slices.length < 2 || !(error instanceof ProtocolError) || error.code !== 'cancelled') throw error;
      }
      try {
        return await attempt();
      } catch (error) {
        if (cancelled || !(error instanceof ProtocolError) || error.code !== 'cancelled') throw error;
        throw new ProtocolError('failed', 'The background lost the text while counting it.');
      }
    } finally {
      clearTimeout(stallTimer);
      progressListeners.delete(requestId);
    }
  };

  return {
    requestId,
    // Started on the next microtask, so callers hold the job before its first report.
    result: Promise.resolve().then(run),
    cancel() {
      if (cancelled) return;
      cancelled = true;
      progressListeners.delete(requestId);
      send('tokens.cancel', { requestId }).catch(() => {
        // The background may be restarting: the count is dropped either way.
      });
    },
  };
}
