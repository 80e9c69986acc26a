/**
 * Characters and words of a text (pure, runs under Node). Words come from
 * `Intl.Segmenter`, which follows Unicode word boundaries: Hindi words with
 * their vowel signs and viramas are one word each, emoji and punctuation are
 * not words. Long texts are segmented in slices cut at whitespace, yielding
 * between slices so a huge count can be cancelled.
 */

/** Characters as a user sees them (code points; a surrogate pair is one). */
export function countChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

let segmenter: Intl.Segmenter | null = null;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Whether a word segment is a word: word-like, or holding a letter or a digit. The second test makes
 * browsers agree: Firefox's segmenter cuts Hindi words where Chromium's does but marks those with vowel
 * signs not word-like ("हिंदी", "में"), which would count a Hindi sentence as a few words.
 */
export function isWord(segment: { segment: string; isWordLike?: boolean }): boolean {
  return segment.isWordLike === true || LETTER_OR_DIGIT.test(segment.segment);
}

/** Number of word segments (letters or digits) in `text`. */
export function countWords(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  let n = 0;
  for (const s of segmenter.segment(text)) if (isWord(s)) n++;
  return n;
}

/**
 * Splits `text` into slices of about `size` UTF-16 units, each ending just
 * after a whitespace character when one is near the end, and never inside a
 * surrogate pair. Joined, the slices are exactly `text`.
 */
export function sliceText(text: string, size: number): string[] {
  if (size < 2) throw new RangeError('size must be at least 2');
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + size, text.length);
    if (end < text.length) {
      // Look back up to 1/8 of a slice for whitespace so words stay whole.
      const floor = end - Math.max(1, Math.floor(size / 8));
      let cut = end;
      while (cut > floor && !/\s/.test(text.charAt(cut - 1))) cut--;
      if (cut > floor) end = cut;
      const c = text.charCodeAt(end - 1);
      if (c >= 0xd800 && c <= 0xdbff) end--;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

export const WORDS_SLICE = 256 * 1024;

/** `countWords` for texts of any size: yields between slices; rejects when aborted. */
export async function countWordsProgressive(
  text: string,
  options: { signal?: AbortSignal; onProgress?: (done: number) => void } = {},
): Promise<number> {
  if (text.length <= WORDS_SLICE) return countWords(text);
  let words = 0;
  let done = 0;
  for (const slice of sliceText(text, WORDS_SLICE)) {
    options.signal?.throwIfAborted();
    words += countWords(slice);
    done += slice.length;
    options.onProgress?.(done);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  options.signal?.throwIfAborted();
  return words;
}
