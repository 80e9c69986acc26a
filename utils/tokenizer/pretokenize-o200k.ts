/**
 * The o200k_base pre-tokenizer as a hand-written scanner. It returns the same
 * pieces as tiktoken's regex
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *  |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 *  |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * (alternatives tried in order, with the regex engine's backtracking worked
 * out by hand) several times faster than running the regex in JavaScript.
 */
import { LETTER, LOWER, NEWLINE, NUMBER, SPACE, UPPER } from './char-classes';
import { at, contractionEnd, digitsEnd, whitespaceEnd } from './scan';

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

/** End (exclusive) of the piece that starts at `i` (< n). */
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
