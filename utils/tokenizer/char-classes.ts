/**
 * Character classes the tiktoken pre-tokenizer regexes test, as bit flags in a
 * table indexed by UTF-16 code unit (built on first use, ~64 KB), plus a cache
 * for astral code points. `\s` follows Rust's regex crate (the Unicode
 * White_Space property): U+0085 is whitespace and U+FEFF is not, unlike `\s`
 * in JavaScript.
 */
export const LETTER = 1; // \p{L}
export const NUMBER = 2; // \p{N}
export const SPACE = 4; // \s (Rust)
export const NEWLINE = 8; // \r or \n
export const UPPER = 16; // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] (o200k)
export const LOWER = 32; // [\p{Ll}\p{Lm}\p{Lo}\p{M}] (o200k)
/** Set on every UTF-16 surrogate: the scanner resolves the pair itself. */
export const SURROGATE = 128;

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

let table: Uint8Array | null = null;

/** The class table for the Basic Multilingual Plane, built once. */
export function classTable(): Uint8Array {
  if (table) return table;
  const t = new Uint8Array(0x10000);
  // Most of the BMP is letters in large blocks; testing each code unit once is ~20 ms.
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      t[c] = SURROGATE;
      continue;
    }
    t[c] = c < 0x80 ? asciiClass(c) : classify(String.fromCharCode(c));
  }
  for (const c of WHITE_SPACE) t[c] = SPACE;
  t[0x0a] = SPACE | NEWLINE;
  t[0x0d] = SPACE | NEWLINE;
  table = t;
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
export function astralClass(codePoint: number): number {
  let bits = astral.get(codePoint);
  if (bits === undefined) {
    bits = classify(String.fromCodePoint(codePoint));
    if (astral.size > 10_000) astral.clear();
    astral.set(codePoint, bits);
  }
  return bits;
}
