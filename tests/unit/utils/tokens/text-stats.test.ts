import { describe, expect, it } from 'vitest';
import { countChars, countWords, countWordsProgressive, isWord, sliceText, WORDS_SLICE } from '@/utils/tokens/text-stats';

describe('characters and words', () => {
  it('counts characters as code points (an emoji is one, a ZWJ sequence is its parts)', () => {
    expect(countChars('abc')).toBe(3);
    expect(countChars('a😀b')).toBe(3);
    expect(countChars('👩‍💻')).toBe(3); // woman, ZWJ, laptop
    expect(countChars('')).toBe(0);
  });

  it('counts words with Intl.Segmenter, right for Hindi, ignoring punctuation and emoji', () => {
    expect(countWords('Hello, world! 😀')).toBe(2);
    expect(countWords("It's 3.14 o'clock")).toBe(3);
    // Vowel signs and viramas stay inside their words.
    expect(countWords('हिंदी में लिखे वाक्य')).toBe(4);
    expect(countWords('भारत में AI टोकन।')).toBe(4);
    expect(countWords('   ')).toBe(0);
  });

  it("counts a segment holding letters or digits as a word even when the engine says it is not word-like (Firefox's Hindi)", () => {
    // The segments Firefox 153's Intl.Segmenter gives for "हिंदी में यह, 2024": Hindi words with vowel signs not word-like.
    const firefox = [
      { segment: 'हिंदी', isWordLike: false },
      { segment: ' ', isWordLike: false },
      { segment: 'में', isWordLike: false },
      { segment: ' ', isWordLike: false },
      { segment: 'यह', isWordLike: true },
      { segment: ',', isWordLike: false },
      { segment: ' ', isWordLike: false },
      { segment: '2024', isWordLike: true },
      { segment: '😀', isWordLike: false },
    ];
    expect(firefox.filter(isWord).map((s) => s.segment)).toEqual(['हिंदी', 'में', 'यह', '2024']);
  });

  it('slices text at whitespace without losing or splitting anything', () => {
    const text = 'word '.repeat(1000) + 'x😀'.repeat(500) + 'end';
    const slices = sliceText(text, 97);
    expect(slices.join('')).toBe(text);
    for (const s of slices) {
      expect(s.length).toBeLessThanOrEqual(97);
      // never ends on a lone high surrogate
      expect(/[\uD800-\uDBFF]$/.test(s)).toBe(false);
    }
    // In the spaced part, slices end after a space so words stay whole.
    expect(slices.slice(0, 10).every((s) => s.endsWith(' '))).toBe(true);
    expect(() => sliceText('abc', 1)).toThrow(RangeError);
  });

  it('counts words of a long text in slices to the same total, and stops when aborted', async () => {
    const text = 'The quick brown fox jumps over the lazy dog. हिंदी वाक्य। '.repeat(Math.ceil((WORDS_SLICE * 2.5) / 55));
    expect(text.length).toBeGreaterThan(WORDS_SLICE * 2);
    const seen: number[] = [];
    expect(await countWordsProgressive(text, { onProgress: (d) => seen.push(d) })).toBe(countWords(text));
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(text.length);
    const controller = new AbortController();
    controller.abort();
    await expect(countWordsProgressive(text, { signal: controller.signal })).rejects.toThrow();
  });
});
