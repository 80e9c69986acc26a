/**
 * Exact token counts for OpenAI's o200k_base and cl100k_base encodings,
 * identical to tiktoken's `encode_ordinary` (special-token text such as
 * <|endoftext|> counts as ordinary text), and for the open-model families
 * Llama 3, Qwen 3, DeepSeek V3 and Gemma 3, identical to Hugging Face
 * `tokenizers` `encode(text, add_special_tokens=False)` (there, added-token
 * text such as <|im_start|> counts as one token, as the model sees it).
 * Pure: runs in the background worker and under Node. An encoding's data is
 * loaded on its first count, not before (see rank-source.ts).
 */
import { Encoder, type CutTest, type PieceScanner } from './encoder';
import { RankTable } from './rank-table';
import { packageRankSource, type RankSource } from './rank-source';
import { cl100kCutAt, cl100kPieceEnd, o200kCutAt, o200kPieceEnd } from './pretokenize';
import { HfEncoder } from './hf-encoder';
import { HfTables } from './hf-table';
import { readHfFile } from './hf-format';
import { ENCODINGS, type Encoding } from './encodings';
import { LiveCount } from './live-count';

export { ENCODINGS, type Encoding } from './encodings';
export type { RankSource };
export type { TokenSplit } from './token-split';
import type { TokenSplit } from './token-split';
export { LiveCount, diffText, type TextEdit } from './live-count';

const SCANNERS: Partial<Record<Encoding, [PieceScanner, CutTest]>> = {
  o200k_base: [o200kPieceEnd, o200kCutAt],
  cl100k_base: [cl100kPieceEnd, cl100kCutAt],
};

type Counter = Encoder | HfEncoder;

let rankSource: RankSource = packageRankSource;
const encoders = new Map<Encoding, Counter>();
const loading = new Map<Encoding, Promise<Counter>>();

/** Sets where rank files come from (the background uses the extension's own files). */
export function setRankSource(source: RankSource): void {
  rankSource = source;
  encoders.clear();
  loading.clear();
}

/** The encoder, loading its ranks once; concurrent first calls share one load. */
function encoder(encoding: Encoding): Promise<Counter> {
  let pending = loading.get(encoding);
  if (!pending) {
    if (!(ENCODINGS as readonly string[]).includes(encoding)) {
      return Promise.reject(new Error(`Unknown encoding: ${String(encoding)}`));
    }
    const scanner = SCANNERS[encoding];
    pending = rankSource(encoding).then((file) => {
      const ready = scanner ? new Encoder(new RankTable(file), ...scanner) : new HfEncoder(new HfTables(readHfFile(file)));
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
  // Progress is reported in the text's code units; an open-model job counts
  // its normalized text, whose length can differ a little, so it is scaled.
  const job = ready.start(text);
  const scale = job.total > 0 ? text.length / job.total : 1;
  let sliceStart = performance.now();
  while (job.done < job.total) {
    job.step(STEP_CHARS);
    if (job.done < job.total && performance.now() - sliceStart >= sliceMs) {
      onProgress?.(Math.min(text.length, Math.round(job.done * scale)), text.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  onProgress?.(text.length, text.length);
  return job.tokens;
}

/**
 * A counter that keeps a text and counts it again after each edit with work
 * proportional to the edit (live-count.ts), for the live count under prompt
 * boxes; loads the encoding's data first.
 */
export async function liveCount(encoding: Encoding, partChars?: number): Promise<LiveCount> {
  return new LiveCount(encoders.get(encoding) ?? (await encoder(encoding)), partChars);
}

/**
 * The text split into its tokens: the ids in order (exactly the ids tiktoken's
 * `encode_ordinary`, or Hugging Face's `encode(text, add_special_tokens=False)`,
 * gives; their number is `countTokens`), and the text cut into visible pieces
 * of one token each, or of several when tokens end inside a character
 * (see token-split.ts). The pieces' texts, joined, are the text.
 */
export async function splitTokens(text: string, encoding: Encoding): Promise<TokenSplit> {
  if (!encoders.has(encoding)) await encoder(encoding);
  return splitTokensSync(text, encoding);
}

/** The same split without a promise, once the encoding is loaded (`preloadEncoding`), otherwise it throws. */
export function splitTokensSync(text: string, encoding: Encoding): TokenSplit {
  const ready = encoders.get(encoding);
  if (!ready) throw new Error(`${encoding} is not loaded yet: await preloadEncoding() first.`);
  const job = ready.startSplit(text);
  // A long piece is merged in a step of its own (LONG_PIECE_CHARS).
  while (!job.finished) job.step(Infinity);
  return job.result();
}

/** The split of a possibly huge text, yielding between slices as `countTokensProgressive` does. */
export async function splitTokensProgressive(
  text: string,
  encoding: Encoding,
  options: ProgressiveOptions = {},
): Promise<TokenSplit> {
  const { signal, onProgress, sliceMs = 12 } = options;
  signal?.throwIfAborted();
  const ready = await encoder(encoding);
  signal?.throwIfAborted();
  const job = ready.startSplit(text);
  const scale = job.total > 0 ? text.length / job.total : 1;
  let sliceStart = performance.now();
  while (!job.finished) {
    job.step(STEP_CHARS);
    if (!job.finished && performance.now() - sliceStart >= sliceMs) {
      onProgress?.(Math.min(text.length, Math.round(job.done * scale)), text.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  onProgress?.(text.length, text.length);
  return job.result();
}

/** Loads an encoding's data ahead of the first count. */
export async function preloadEncoding(encoding: Encoding): Promise<void> {
  await encoder(encoding);
}
