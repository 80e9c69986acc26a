/**
 * Finds whole-word phrases from a fixed list in a stretch of text, in time
 * linear in the text: the text is cut into words (letters, digits and
 * combining marks of any script, so Hindi words keep their vowel signs) and
 * runs of up to `maxWords` words are looked up in a map. Punctuation inside a
 * phrase is a word break, so "on-chain" matches "on-chain" and "on chain", and
 * "Ocean's Eleven" matches "ocean's eleven". Pure: no browser globals.
 *
 * This replaces one big alternation regex: with the `iu` flags and Unicode
 * lookbehinds, V8 ran such a regex at a few hundred characters per millisecond.
 */

const WORD = /[\p{L}\p{N}\p{M}\u200c\u200d]+/gu;

export interface PhraseHit<T> {
  start: number;
  end: number;
  value: T;
}

/** A phrase's lookup key: its words, lower-cased unless `caseSensitive`, joined by one space. */
export function phraseKey(phrase: string, caseSensitive = false): string {
  const words = phrase.match(WORD) ?? [];
  return (caseSensitive ? words : words.map((w) => w.toLowerCase())).join(' ');
}

/** The words of a text, with their offsets, as typed and lower-cased. */
export interface Words {
  text: string;
  starts: number[];
  ends: number[];
  raw: string[];
  lower: string[];
}

/** Splits `text[from, to)` into words (offsets stay relative to `text`). */
export function splitWords(text: string, from = 0, to = text.length): Words {
  const words: Words = { text, starts: [], ends: [], raw: [], lower: [] };
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    words.starts.push(from + m.index);
    words.ends.push(from + m.index + m[0].length);
    words.raw.push(m[0]);
    words.lower.push(m[0].toLowerCase());
  }
  return words;
}

export class PhraseMatcher<T> {
  private map = new Map<string, T>();
  /** Every proper word-prefix of a phrase ("market" for "market cap"): when to read on. */
  private prefixes = new Set<string>();
  private maxWords = 0;

  constructor(private readonly caseSensitive = false) {}

  get size(): number {
    return this.map.size;
  }

  /** Adds a phrase (the first value given for a key wins, unless `replace`). */
  add(phrase: string, value: T, replace = false): void {
    const key = phraseKey(phrase, this.caseSensitive);
    if (!key) return;
    if (replace || !this.map.has(key)) this.map.set(key, value);
    const words = key.split(' ');
    for (let n = 1; n < words.length; n++) this.prefixes.add(words.slice(0, n).join(' '));
    this.maxWords = Math.max(this.maxWords, words.length);
  }

  get(phrase: string): T | undefined {
    return this.map.get(phraseKey(phrase, this.caseSensitive));
  }

  /** Every listed phrase in `text[from, to)`, longest first at each word, non-overlapping. */
  find(text: string, from = 0, to = text.length): PhraseHit<T>[] {
    if (this.map.size === 0) return [];
    return this.findIn(splitWords(text, from, to));
  }

  /** Like `find`, over words already split (share one split between several matchers). */
  findIn(words: Words): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    if (this.map.size === 0) return hits;
    const { starts, ends, text } = words;
    const list = this.caseSensitive ? words.raw : words.lower;
    for (let i = 0; i < list.length; i++) {
      let key = '';
      let best = -1;
      let value: T | undefined;
      for (let n = 0; n < this.maxWords && i + n < list.length; n++) {
        // A phrase never spans a line break (a block boundary on a page).
        if (n > 0 && text.slice(ends[i + n - 1]!, starts[i + n]!).includes('\n')) break;
        key = n === 0 ? list[i]! : `${key} ${list[i + n]}`;
        const v = this.map.get(key);
        if (v !== undefined) {
          best = i + n;
          value = v;
        }
        if (!this.prefixes.has(key)) break;
      }
      if (best >= 0) {
        hits.push({ start: starts[i]!, end: ends[best]!, value: value! });
        i = best;
      }
    }
    return hits;
  }
}
