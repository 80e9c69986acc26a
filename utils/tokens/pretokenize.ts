/**
 * The pre-tokenizers of o200k_base and cl100k_base: hand-written scanners that
 * split text into exactly the pieces tiktoken's regexes give, several times
 * faster than running those regexes in JavaScript. The regex engine's
 * backtracking is worked out by hand for each alternative.
 *
 * Character classes are bit flags in a table indexed by UTF-16 code unit
 * (built on first use), plus a cache for astral code points. `\s` follows
 * Rust's regex crate (the Unicode White_Space property): U+0085 is whitespace
 * and U+FEFF is not, unlike `\s` in JavaScript.
 *
 * Everything on the per-character path lives in this one module on purpose:
 * calls and constants stay local, so they compile to plain variable accesses
 * in every build (bundled or not).
 */

const LETTER = 1; // \p{L}
const NUMBER = 2; // \p{N}
const SPACE = 4; // \s (Rust)
const NEWLINE = 8; // \r or \n
const UPPER = 16; // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] (o200k)
const LOWER = 32; // [\p{Ll}\p{Lm}\p{Lo}\p{M}] (o200k)
/** Not classified yet (see classTable). */
const UNRESOLVED = 64;
/** Set on every UTF-16 surrogate: the scanner resolves the pair itself. */
const SURROGATE = 128;

const WHITE_SPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

const IS_LETTER = /\p{L}/u;
const IS_NUMBER = /\p{N}/u;
const IS_MARK = /\p{M}/u;
const IS_UPPERISH = /[\p{Lu}\p{Lt}\p{Lm}\p{Lo}]/u;
const IS_LOWERISH = /[\p{Ll}\p{Lm}\p{Lo}]/u;

/** Class bits of one code point (whitespace excluded: see WHITE_SPACE). */
function classify(ch: string): number {
  let bits = 0;
  if (IS_LETTER.test(ch)) {
    bits |= LETTER;
    if (IS_UPPERISH.test(ch)) bits |= UPPER;
    if (IS_LOWERISH.test(ch)) bits |= LOWER;
  } else if (IS_NUMBER.test(ch)) {
    bits |= NUMBER;
  } else if (IS_MARK.test(ch)) {
    bits |= UPPER | LOWER;
  }
  return bits;
}

/**
 * The class table for the Basic Multilingual Plane. ASCII, whitespace and
 * surrogates are filled in at once; every other code unit starts UNRESOLVED
 * and is classified the first time the scanner meets it, so building the
 * table costs nothing noticeable on the first count.
 */
function classTable(): Uint8Array {
  const t = new Uint8Array(0x10000).fill(UNRESOLVED);
  for (let c = 0; c < 0x80; c++) t[c] = asciiClass(c);
  t.fill(SURROGATE, 0xd800, 0xe000);
  for (const c of WHITE_SPACE) t[c] = SPACE;
  t[0x0a] = SPACE | NEWLINE;
  t[0x0d] = SPACE | NEWLINE;
  return t;
}

function asciiClass(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return LETTER | LOWER;
  if (c >= 0x41 && c <= 0x5a) return LETTER | UPPER;
  if (c >= 0x30 && c <= 0x39) return NUMBER;
  return 0;
}

const astral = new Map<number, number>();

/** Class bits of a code point above U+FFFF (no astral code point is whitespace). */
function astralClass(codePoint: number): number {
  let bits = astral.get(codePoint);
  if (bits === undefined) {
    bits = classify(String.fromCodePoint(codePoint));
    if (astral.size > 10_000) astral.clear();
    astral.set(codePoint, bits);
  }
  return bits;
}

/** The BMP class table; set by `initScanner()` before any scan. */
let T: Uint8Array = new Uint8Array(0);

export function initScanner(): void {
  if (T.length === 0) T = classTable();
}

/**
 * Class bits of the code point at `k` in the low byte, its length in UTF-16
 * code units (1 or 2) above it. A lone surrogate counts as a code point of no
 * class ("other"), as tiktoken sees the U+FFFD it is encoded as.
 */
function at(s: string, k: number, n: number): number {
  const c = s.charCodeAt(k);
  const bits = T[c]!;
  if ((bits & (SURROGATE | UNRESOLVED)) === 0) return bits | 256;
  if (bits & UNRESOLVED) {
    const resolved = classify(String.fromCharCode(c));
    T[c] = resolved;
    return resolved | 256;
  }
  if (c < 0xdc00 && k + 1 < n) {
    const d = s.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return astralClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) | 512;
  }
  return 256;
}

/** `'s|'t|'re|'ve|'m|'ll|'d`, any case, at `e`: the end after it, or `e`. */
function contractionEnd(s: string, e: number, n: number): number {
  if (e + 1 < n && s.charCodeAt(e) === 39) {
    const a = s.charCodeAt(e + 1) | 0x20;
    if (a === 0x73 || a === 0x74 || a === 0x6d || a === 0x64) return e + 2; // s t m d
    if (e + 2 < n) {
      const b = s.charCodeAt(e + 2) | 0x20;
      if ((b === 0x65 && (a === 0x72 || a === 0x76)) || (a === 0x6c && b === 0x6c)) return e + 3; // re ve ll
    }
  }
  return e;
}

/** `\p{N}{1,3}` from `i`, whose code point is a number. */
function digitsEnd(s: string, i: number, n: number): number {
  let k = i;
  for (let count = 0; count < 3 && k < n; count++) {
    const v = at(s, k, n);
    if ((v & NUMBER) === 0) break;
    k += v >>> 8;
  }
  return k;
}

/**
 * `\s*[\r\n]+|\s+(?!\S)|\s+` from `i`, whose code point is whitespace, with the
 * regex engine's backtracking worked out: a run holding a line break ends
 * after its last line break; otherwise the run ends one short of the next
 * non-space (so that space can prefix the next word), unless that leaves it empty.
 */
function whitespaceEnd(s: string, i: number, n: number): number {
  let k = i;
  let lastNewline = -1;
  while (k < n) {
    const bits = T[s.charCodeAt(k)]!;
    if ((bits & SPACE) === 0) break;
    if (bits & NEWLINE) lastNewline = k;
    k++;
  }
  if (lastNewline >= 0) return lastNewline + 1;
  if (k === n || k - i === 1) return k;
  return k - 1;
}

// --- o200k_base ------------------------------------------------------------

/** `[UPPER]*[LOWER]+(contraction)?` from `j`: its end, or -1 if it does not match. */
function upperStarLowerPlus(s: string, j: number, n: number): number {
  let k = j;
  let lastLowerEnd = -1;
  while (k < n) {
    const v = at(s, k, n);
    if ((v & UPPER) === 0) break;
    k += v >>> 8;
    if (v & LOWER) lastLowerEnd = k;
  }
  let e = k;
  while (e < n) {
    const v = at(s, e, n);
    if ((v & LOWER) === 0) break;
    e += v >>> 8;
  }
  if (e > k) return contractionEnd(s, e, n);
  // [LOWER]+ found nothing after the greedy [UPPER]*: backtracking ends the
  // match after the last code point of the run that is in both classes.
  return lastLowerEnd >= 0 ? contractionEnd(s, lastLowerEnd, n) : -1;
}

/** `[UPPER]+[LOWER]*(contraction)?` from `j`: its end, or -1. */
function upperPlusLowerStar(s: string, j: number, n: number): number {
  let k = j;
  while (k < n) {
    const v = at(s, k, n);
    if ((v & UPPER) === 0) break;
    k += v >>> 8;
  }
  if (k === j) return -1;
  while (k < n) {
    const v = at(s, k, n);
    if ((v & LOWER) === 0) break;
    k += v >>> 8;
  }
  return contractionEnd(s, k, n);
}

/**
 * End (exclusive) of the o200k_base piece that starts at `i` (< n): the match of
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *  |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *  |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
 */
export function o200kPieceEnd(s: string, i: number, n: number): number {
  const v = at(s, i, n);
  const w = v >>> 8;
  const canPrefix = (v & (NEWLINE | LETTER | NUMBER)) === 0 && i + w < n;
  let e: number;
  if (canPrefix && (e = upperStarLowerPlus(s, i + w, n)) >= 0) return e;
  if (v & (UPPER | LOWER) && (e = upperStarLowerPlus(s, i, n)) >= 0) return e;
  if (canPrefix && (e = upperPlusLowerStar(s, i + w, n)) >= 0) return e;
  if (v & UPPER) return upperPlusLowerStar(s, i, n);
  if (v & NUMBER) return digitsEnd(s, i, n);
  // ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
  let k = i;
  if (s.charCodeAt(i) === 32 && i + 1 < n && (at(s, i + 1, n) & (SPACE | LETTER | NUMBER)) === 0) k = i + 1;
  if ((at(s, k, n) & (SPACE | LETTER | NUMBER)) === 0) {
    while (k < n) {
      const u = at(s, k, n);
      if (u & (SPACE | LETTER | NUMBER)) break;
      k += u >>> 8;
    }
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c !== 10 && c !== 13 && c !== 47) break;
      k++;
    }
    return k;
  }
  return whitespaceEnd(s, i, n);
}

// --- cl100k_base ----------------------------------------------------------

function lettersEnd(s: string, k: number, n: number): number {
  while (k < n) {
    const v = at(s, k, n);
    if ((v & LETTER) === 0) break;
    k += v >>> 8;
  }
  return k;
}

/**
 * End (exclusive) of the cl100k_base piece that starts at `i` (< n): the match of
 *   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}
 *  | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 */
export function cl100kPieceEnd(s: string, i: number, n: number): number {
  const c = s.charCodeAt(i);
  if (c === 39) {
    const e = contractionEnd(s, i, n);
    if (e > i) return e;
  }
  const v = at(s, i, n);
  const w = v >>> 8;
  if ((v & (NEWLINE | LETTER | NUMBER)) === 0 && i + w < n) {
    const next = at(s, i + w, n);
    if (next & LETTER) return lettersEnd(s, i + w + (next >>> 8), n);
  }
  if (v & LETTER) return lettersEnd(s, i + w, n);
  if (v & NUMBER) return digitsEnd(s, i, n);
  // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
  let k = i;
  if (c === 32 && i + 1 < n && (at(s, i + 1, n) & (SPACE | LETTER | NUMBER)) === 0) k = i + 1;
  if ((v & (SPACE | LETTER | NUMBER)) === 0 || k > i) {
    while (k < n) {
      const u = at(s, k, n);
      if (u & (SPACE | LETTER | NUMBER)) break;
      k += u >>> 8;
    }
    while (k < n) {
      const d = s.charCodeAt(k);
      if (d !== 10 && d !== 13) break;
      k++;
    }
    return k;
  }
  return whitespaceEnd(s, i, n);
}

// --- Qwen 2.5 / 3 ---------------------------------------------------------

/**
 * End (exclusive) of the Qwen piece that starts at `i` (< n): cl100k_base's
 * pattern with single digits,
 *   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}
 *  | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * (Llama 3 uses cl100k_base's own pattern: cl100kPieceEnd.)
 */
export function qwenPieceEnd(s: string, i: number, n: number): number {
  const v = at(s, i, n);
  if (v & NUMBER) return i + (v >>> 8);
  return cl100kPieceEnd(s, i, n);
}

// --- Cut points (counting a text in parts: utils/tokens/live-count.ts) -----

/**
 * Whether every text splits into pieces at `p` (0 < p < s.length) whatever
 * comes before and after: no piece of t = a + b can hold both s[p - 1] and
 * s[p], and the pieces of `a` alone are those of t before p (and the pieces
 * of `b` alone those of t from p: the scanners read only forward). Then
 * count(t) = count(a) + count(b). Decided by s[p - 1] and the code point
 * at p (s[p], and s[p + 1] when s[p] is a high surrogate), for
 * cl100k_base, Llama 3, Qwen and DeepSeek V3 (whose patterns share these
 * properties), at three kinds of place:
 *
 * 1. before a space U+0020 after anything but whitespace. A space is in a
 *    piece only as its first character (the optional prefix of a word or of
 *    punctuation) or in a whitespace run, and s[p - 1] is no whitespace. In
 *    `a` alone, every rule that reads p sees a space in t and the end of the
 *    text in `a`, and both stop it alike: letters, digits and punctuation
 *    runs end there, a contraction cannot start, and no whitespace run
 *    reaches p (s[p - 1] is none).
 * 2. after a line feed, before anything but whitespace. A line feed is never
 *    the prefix of a word; it ends a whitespace run `\s*[\r\n]+` or the
 *    `[\r\n]*` tail of punctuation, and neither goes on past a character
 *    that is no whitespace, nor (in `a`) past the end of the text: the run
 *    and the tail end at p both ways.
 * 3. after a letter, before a character that is no letter, mark,
 *    whitespace or apostrophe ("中，", "word.", "x1"); after a number, before
 *    one that is no number, mark or whitespace ("1.", "2x"). A letter is
 *    only ever in a run of letters (and marks), the last part of its piece
 *    but for a contraction, which needs an apostrophe; a number only in a run
 *    of numbers (grouped by up to three from its start: the run ends at p in
 *    t and in `a` alike); punctuation runs and prefixes hold neither. (The
 *    BMP letter or number is read as one code unit: the low half of an
 *    astral one is no cut.)
 *
 * None of them splits a surrogate pair. `\s` is the scanners' (Rust's
 * White_Space); classes are JavaScript's, as the scanners' (the open-model
 * families' callers rule out letters newer than their Unicode 16: hf-encoder.ts).
 */
export function cl100kCutAt(s: string, p: number): boolean {
  return spaceCutAt(s, p, false) || classCutAt(s, p);
}

/**
 * As cl100kCutAt for o200k_base, whose punctuation takes a `[\r\n/]*` tail:
 * after a line feed, a `/` may still belong to the piece before.
 */
export function o200kCutAt(s: string, p: number): boolean {
  return spaceCutAt(s, p, true) || classCutAt(s, p);
}

/** Places 1 and 2 of cl100kCutAt; with `slash`, not before a `/` after a line feed. */
export function spaceCutAt(s: string, p: number, slash: boolean): boolean {
  const c = s.charCodeAt(p);
  const b = s.charCodeAt(p - 1);
  if (c === 32) return (T[b]! & SPACE) === 0;
  return b === 10 && !(slash && c === 47) && (T[c]! & SPACE) === 0;
}

/** Place 3 of cl100kCutAt: the end of a letter run or of a number run (of BMP characters). */
export function classCutAt(s: string, p: number): boolean {
  const b = at(s, p - 1, p);
  const c = s.charCodeAt(p);
  // Marks are in both o200k classes and letters in one: UPPER | LOWER rules out both.
  if (b & LETTER) return c !== 39 && (at(s, p, s.length) & (LETTER | SPACE | UPPER | LOWER)) === 0;
  return (b & NUMBER) !== 0 && (at(s, p, s.length) & (NUMBER | SPACE | UPPER | LOWER)) === 0;
}
