/**
 * DeepSeek V3's pre-tokenizer: three regex splits in sequence, each keeping
 * both its matches and the text between them as pieces ("Isolated"):
 *   1. `\p{N}{1,3}` — numbers in groups of up to three digits;
 *   2. `[一-龥぀-ゟ゠-ヿ]+` — runs of CJK ideographs, hiragana and katakana;
 *   3. the word pattern (MAIN below) over every piece the first two left.
 * A scanner returns the end of the piece that starts at `i`: a digit group,
 * or the next match (or gap) of MAIN inside the run of other characters (or
 * the CJK run) that holds `i`. `\s` is Oniguruma's (the Unicode White_Space
 * property: U+0085 is a space, U+FEFF is not), unlike JavaScript's.
 */

const WHITE = '\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const MAIN = new RegExp(
  `[!"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_\`{|}~][A-Za-z]+|[^\\r\\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\\r\\n]*|[${WHITE}]*[\\r\\n]+|[${WHITE}]+(?![^${WHITE}])|[${WHITE}]+`,
  'gu',
);

const OTHER = 1;
const NUMBER = 2;
const CJK = 3;
const IS_NUMBER = /\p{N}/u;

/** Kind of each BMP code unit (0: not looked up yet); surrogates are OTHER (no astral character is CJK here). */
const kinds = new Uint8Array(0x10000);
const astralNumbers = new Map<number, boolean>();

function kindOf(s: string, k: number, n: number): number {
  const c = s.charCodeAt(k);
  let kind = kinds[c]!;
  if (kind === 0) {
    const cjk = (c >= 0x4e00 && c <= 0x9fa5) || (c >= 0x3040 && c <= 0x30ff);
    kind = cjk ? CJK : c < 0xd800 || c > 0xdfff ? (IS_NUMBER.test(String.fromCharCode(c)) ? NUMBER : OTHER) : OTHER;
    kinds[c] = kind;
  }
  if (c >= 0xd800 && c < 0xdc00 && k + 1 < n) {
    const d = s.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let number = astralNumbers.get(cp);
      if (number === undefined) {
        number = IS_NUMBER.test(String.fromCodePoint(cp));
        if (astralNumbers.size > 10_000) astralNumbers.clear();
        astralNumbers.set(cp, number);
      }
      return number ? NUMBER | 4 : OTHER | 4; // bit 4: two code units
    }
  }
  return kind;
}

// The run MAIN is searched in: s[runStart, runEnd) as its own string.
let runText = '';
let runOf: string | null = null;
let runStart = 0;
let runEnd = 0;
let runLimit = 0;

/** End (exclusive) of the DeepSeek V3 piece that starts at `i` (< n). */
export function deepseekPieceEnd(s: string, i: number, n: number): number {
  const kind = kindOf(s, i, n);
  if ((kind & 3) === NUMBER) {
    let k = i;
    for (let count = 0; count < 3 && k < n; count++) {
      const v = kindOf(s, k, n);
      if ((v & 3) !== NUMBER) break;
      k += v & 4 ? 2 : 1;
    }
    return k;
  }
  if (runOf !== s || runLimit !== n || i < runStart || i >= runEnd) {
    // The run of characters of this kind from i (CJK, or anything but numbers and CJK).
    const want = kind & 3;
    let k = i;
    while (k < n) {
      const v = kindOf(s, k, n);
      if ((v & 3) !== want) break;
      k += v & 4 ? 2 : 1;
    }
    runOf = s;
    runLimit = n;
    runStart = i;
    runEnd = k;
    runText = s.slice(i, k);
  }
  MAIN.lastIndex = i - runStart;
  const match = MAIN.exec(runText);
  if (!match) return runEnd;
  const start = match.index + runStart;
  return start > i ? start : start + match[0].length;
}
