/**
 * STAND-IN (foundation): exact token counts through js-tiktoken. The tokens
 * capability replaces this module with a fast, lazily loaded counter with the
 * same exports; nothing else belongs here.
 */
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';

export type Encoding = 'o200k_base' | 'cl100k_base';
export const ENCODINGS: readonly Encoding[] = ['o200k_base', 'cl100k_base'];

const encoders = new Map<Encoding, Tiktoken>();

function encoder(encoding: Encoding): Tiktoken {
  let e = encoders.get(encoding);
  if (!e) {
    e = new Tiktoken(encoding === 'o200k_base' ? o200k : cl100k);
    encoders.set(encoding, e);
  }
  return e;
}

/** Exact count; special-token text such as <|endoftext|> counts as ordinary text. */
export async function countTokens(text: string, encoding: Encoding): Promise<number> {
  return encoder(encoding).encode(text, [], []).length;
}

export interface ProgressiveOptions {
  signal?: AbortSignal;
  onProgress?: (doneChars: number, totalChars: number) => void;
}

/** Exact count of a possibly huge text, yielding between chunks; rejects with an AbortError when aborted. */
export async function countTokensProgressive(
  text: string,
  encoding: Encoding,
  options: ProgressiveOptions = {},
): Promise<number> {
  options.signal?.throwIfAborted();
  await new Promise((resolve) => setTimeout(resolve, 0));
  options.signal?.throwIfAborted();
  const n = await countTokens(text, encoding);
  options.onProgress?.(text.length, text.length);
  return n;
}

/** Loads an encoding's data ahead of the first count. */
export async function preloadEncoding(encoding: Encoding): Promise<void> {
  encoder(encoding);
}
