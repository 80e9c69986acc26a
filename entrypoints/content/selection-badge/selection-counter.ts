/**
 * Counts a selection through the background, from the page's side: a long
 * text goes in slices (`tokens.upload`), one message at a time so the page
 * keeps responding, then `tokens.count` finishes it; the background's
 * progress reports come back through `dispatchProgress`. Cancelling stops
 * the upload and tells the background to stop counting.
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

  const run = async (): Promise<CountAnswer> => {
    progressListeners.set(requestId, (done, total) => {
      if (!cancelled) options.onProgress?.({ phase: 'counting', fraction: total > 0 ? done / total : null });
    });
    try {
      let sent = 0;
      for (const slice of slices.slice(0, -1)) {
        if (cancelled) throw new ProtocolError('cancelled', 'The count was cancelled.');
        options.onProgress?.({ phase: 'sending', fraction: sent / text.length });
        await send('tokens.upload', { requestId, text: slice });
        sent += slice.length;
      }
      if (cancelled) throw new ProtocolError('cancelled', 'The count was cancelled.');
      options.onProgress?.({ phase: 'counting', fraction: slices.length > 1 ? 0 : null });
      return await send('tokens.count', {
        requestId,
        text: slices[slices.length - 1] ?? '',
        encodings,
        ...(slices.length > 1 ? { uploaded: true } : {}),
        ...(history ? { history } : {}),
      });
    } finally {
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
