/**
 * The cl100k_base pre-tokenizer as a hand-written scanner. It returns the
 * same pieces as tiktoken's regex
 *   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}
 *  | ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
 * (alternatives tried in order, backtracking worked out by hand).
 */
import { LETTER, NEWLINE, NUMBER, SPACE } from './char-classes';
import { at, contractionEnd, digitsEnd, whitespaceEnd } from './scan';

function lettersEnd(s: string, k: number, n: number): number {
  while (k < n) {
    const v = at(s, k, n);
    if ((v & LETTER) === 0) break;
    k += v >>> 8;
  }
  return k;
}

/** End (exclusive) of the piece that starts at `i` (< n). */
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
