/**
 * Exact token counts for OpenAI's o200k_base and cl100k_base encodings,
 * identical to tiktoken's `encode_ordinary` (special-token text such as
 * <|endoftext|> counts as ordinary text). Pure: runs in the background worker
 * and under Node. The rank data is loaded on the first count of an encoding,
 * not before (see tokenizer/rank-source.ts).
 */
import { Encoder, type PieceScanner } from './encoder';
import { RankTable } from './rank-table';
import { packageRankSource, type RankSource } from './rank-source';
import { cl100kPieceEnd, o200kPieceEnd } from './pretokenize';
import type { Encoding } from './encodings';

export { ENCODINGS, type Encoding } from './encodings';
export type { RankSource };

const SCANNERS: Record<Encoding, PieceScanner> = { o200k_base: o200kPieceEnd, cl100k_base: cl100kPieceEnd };

let rankSource: RankSource = packageRankSource;
const encoders = new Map<Encoding, Encoder>();
const loading = new Map<Encoding, Promise<Encoder>>();

/** Sets where rank files come from (the background uses the extension's own files). */
export function setRankSource(source: RankSource): void {
  rankSource = source;
  encoders.clear();
  loading.clear();
}

/** The encoder, loading its ranks once; concurrent first calls share one load. */
function encoder(encoding: Encoding): Promise<Encoder> {
  let pending = loading.get(encoding);
  if (!pending) {
    const scanner = SCANNERS[encoding];
    if (!scanner) return Promise.reject(new Error(`Unknown encoding: ${String(encoding)}`));
    pending = rankSource(encoding).then((file) => {
      const ready = new Encoder(new RankTable(file), scanner);
      encoders.set(encoding, ready);
      return ready;
    });
    // A failed load (e.g. offline file fetch error) is retried by the next count.
    pending.catch(() => loading.delete(encoding));
    loading.set(encoding, pending);
  }
  return pending;
}

/** Exact count; special-token text such as <|endoftext|> counts as ordinary text. */
export async function countTokens(text: string, encoding: Encoding): Promise<number> {
  return (encoders.get(encoding) ?? (await encoder(encoding))).count(text);
}

/**
 * The same count without a promise, for callers counting many small texts;
 * only once the encoding is loaded (`preloadEncoding`), otherwise it throws.
 */
export function countTokensSync(text: string, encoding: Encoding): number {
  const ready = encoders.get(encoding);
  if (!ready) throw new Error(`${encoding} is not loaded yet: await preloadEncoding() first.`);
  return ready.count(text);
}

export interface ProgressiveOptions {
  signal?: AbortSignal;
  onProgress?: (doneChars: number, totalChars: number) => void;
  /** Longest stretch of counting, in ms, before the event loop gets a turn (default 12). */
  sliceMs?: number;
}

/** Code units counted between checks of the clock. */
const STEP_CHARS = 16_384;

/** Exact count of a possibly huge text, yielding between slices; rejects with an AbortError when aborted. */
export async function countTokensProgressive(
  text: string,
  encoding: Encoding,
  options: ProgressiveOptions = {},
): Promise<number> {
  const { signal, onProgress, sliceMs = 12 } = options;
  signal?.throwIfAborted();
  const ready = await encoder(encoding);
  signal?.throwIfAborted();
  const total = { tokens: 0 };
  let done = 0;
  let sliceStart = performance.now();
  while (done < text.length) {
    done = ready.countSome(text, done, STEP_CHARS, total);
    if (done < text.length && performance.now() - sliceStart >= sliceMs) {
      onProgress?.(done, text.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  onProgress?.(text.length, text.length);
  return total.tokens;
}

/** Loads an encoding's data ahead of the first count. */
export async function preloadEncoding(encoding: Encoding): Promise<void> {
  await encoder(encoding);
}
