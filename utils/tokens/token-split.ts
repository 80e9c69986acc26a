/**
 * A text split into its tokens, as the token view shows it: the token ids in
 * order, and the text cut into visible pieces whose texts, joined, are the
 * text exactly. A piece is one token, or several when tokens end inside a
 * character (a byte-level encoding splits an emoji or a Devanagari letter
 * into byte tokens), before a character that joins the one before it on
 * screen (a combining mark such as a Devanagari vowel sign, a zero-width
 * joiner and what follows it, a skin tone, the second half of a flag: apart,
 * they would show as a dotted circle or two symbols), or inside text that
 * normalization changed (Qwen's NFC).
 *
 * The encoders (encoder.ts, hf-encoder.ts) push each piece's tokens into an
 * IdList and then tell the builder where the piece lay in the text they
 * encoded (the "work" text: the text itself, or its normalized form); the
 * builder walks the piece's UTF-8 bytes along the tokens' byte lengths to
 * find where each token ends, and keeps the ends that fall between
 * characters of the original text.
 */

/** A growable list of token ids. */
export class IdList {
  data = new Int32Array(1024);
  length = 0;

  push(id: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = id;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export interface TokenSplit {
  /** Every token id, in order; their number is the token count. */
  ids: Int32Array;
  /** Where each visible piece ends in the text (UTF-16 offset, exclusive); the last is the text's length. */
  pieceEnds: Int32Array;
  /** For each visible piece, the index in `ids` just after its last token. */
  pieceTokenEnds: Int32Array;
}

/**
 * How the work text lines up with the original: a stretch of the work text
 * that is the original's own characters (`exact`: offsets map one to one), or
 * one the normalizer changed, of which only the two ends line up.
 */
export interface Region {
  workStart: number;
  workEnd: number;
  origStart: number;
  origEnd: number;
  exact: boolean;
}

/** UTF-8 bytes of the code point at s[k] (a lone surrogate is U+FFFD's 3) and its UTF-16 length, as bytes × 4 + units. */
function codePointAt(s: string, k: number, n: number): number {
  const c = s.charCodeAt(k);
  if (c < 0x80) return 4 + 1;
  if (c < 0x800) return 8 + 1;
  if (c >= 0xd800 && c < 0xdc00 && k + 1 < n) {
    const d = s.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 16 + 2;
  }
  return 12 + 1;
}

/** A character that joins the one before it on screen (at the sticky regex's position). */
const JOINS_PREVIOUS = /\p{M}|\u200D|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}]/uy;
const REGIONAL_INDICATOR = /[\u{1F1E6}-\u{1F1FF}]/uy;

/** True when a visible piece may not end at text offset `o` (0 < o < text.length): see the module comment. */
export function insideCluster(text: string, o: number): boolean {
  const before = text.charCodeAt(o - 1);
  if (before === 0x200d) return true;
  if (before === 0x0d && text.charCodeAt(o) === 0x0a) return true;
  JOINS_PREVIOUS.lastIndex = o;
  if (JOINS_PREVIOUS.test(text)) return true;
  // Flags are pairs of regional indicators: no cut after an odd number of them in a row.
  REGIONAL_INDICATOR.lastIndex = o;
  if (!REGIONAL_INDICATOR.test(text)) return false;
  let run = 0;
  for (let k = o - 2; k >= 0; k -= 2) {
    REGIONAL_INDICATOR.lastIndex = k;
    if (!REGIONAL_INDICATOR.test(text)) break;
    run++;
  }
  return run % 2 === 1;
}

export class SplitBuilder {
  readonly ids = new IdList();
  private readonly ends = new IdList();
  private readonly tokenEnds = new IdList();
  /** The current region (regions are met in order). */
  private region = 0;
  /** Original offset where the last visible piece ended. */
  private lastEnd = 0;

  /**
   * @param original the text being split (as the encoder reads it: lone surrogates as U+FFFD for the families)
   * @param byteLength UTF-8 length in the work text of the token with this id
   * @param regions how the work text lines up with the original (in order, covering both)
   */
  constructor(
    private readonly original: string,
    private readonly byteLength: (id: number) => number,
    private readonly regions: readonly Region[],
  ) {}

  /** The original offset that work offset `w` stands for, or -1 if it falls inside a changed stretch. */
  private mapOffset(w: number): number {
    const regions = this.regions;
    // Offsets asked only grow. Where two regions meet, `w` is the end of the first: a token
    // ending there ends a segment of the text (before an added token) or a changed stretch.
    while (this.region < regions.length - 1 && regions[this.region]!.workEnd < w) this.region++;
    const r = regions[this.region]!;
    if (w === r.workStart) return r.origStart;
    if (w === r.workEnd) return r.origEnd;
    return r.exact ? r.origStart + (w - r.workStart) : -1;
  }

  /** Closes a visible piece at original offset `o` after the first `tokens` tokens, unless `o` is inside a cluster. */
  private cut(o: number, tokens = this.ids.length): void {
    if (o <= this.lastEnd || (o < this.original.length && insideCluster(this.original, o))) return;
    this.ends.push(o);
    this.tokenEnds.push(tokens);
    this.lastEnd = o;
  }

  /**
   * The tokens ids[fromToken…] just pushed cover work[start, end): cuts a
   * visible piece after each of them that ends between two original characters.
   */
  piece(work: string, start: number, end: number, fromToken: number): void {
    const ids = this.ids.data;
    const last = this.ids.length - 1;
    if (fromToken < last) {
      let pos = start;
      let bytes = 0;
      let target = 0;
      for (let k = fromToken; k < last; k++) {
        target += this.byteLength(ids[k]!);
        while (bytes < target && pos < end) {
          const cp = codePointAt(work, pos, end);
          bytes += cp >> 2;
          pos += cp & 3;
        }
        if (bytes === target) {
          const o = this.mapOffset(pos);
          if (o >= 0) this.cut(o, k + 1);
        }
      }
    }
    const o = this.mapOffset(end);
    if (o >= 0) this.cut(o);
  }

  /** An added token standing for original[origStart, origEnd) (not in the work text). */
  added(id: number, origStart: number, origEnd: number): void {
    // Whatever came before ended at a segment's end, which lines up: close it there.
    this.cut(origStart);
    this.ids.push(id);
    this.cut(origEnd);
  }

  /** The split, once every token of the text is in. */
  finish(): TokenSplit {
    this.cut(this.original.length);
    return { ids: this.ids.toArray(), pieceEnds: this.ends.toArray(), pieceTokenEnds: this.tokenEnds.toArray() };
  }
}
