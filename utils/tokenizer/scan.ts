/**
 * Scanning helpers shared by the pre-tokenizers: the class of the code point
 * at an index, and the parts of the tiktoken regexes that o200k_base and
 * cl100k_base have in common (contractions, digit groups, whitespace runs).
 */
import { NEWLINE, NUMBER, SPACE, SURROGATE, astralClass, classTable } from './char-classes';

/** The BMP class table; set by `initScanner()` before any scan. */
export let T: Uint8Array = new Uint8Array(0);

export function initScanner(): void {
  if (T.length === 0) T = classTable();
}

/**
 * Class bits of the code point at `k` in the low byte, its length in UTF-16
 * code units (1 or 2) above it. A lone surrogate counts as a code point of no
 * class ("other"), as tiktoken sees the U+FFFD it is encoded as.
 */
export function at(s: string, k: number, n: number): number {
  const c = s.charCodeAt(k);
  const bits = T[c]!;
  if ((bits & SURROGATE) === 0) return bits | 256;
  if (c < 0xdc00 && k + 1 < n) {
    const d = s.charCodeAt(k + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return astralClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000) | 512;
  }
  return 256;
}

/** `'s|'t|'re|'ve|'m|'ll|'d`, any case, at `e`: the end after it, or `e`. */
export function contractionEnd(s: string, e: number, n: number): number {
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
export function digitsEnd(s: string, i: number, n: number): number {
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
export function whitespaceEnd(s: string, i: number, n: number): number {
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
