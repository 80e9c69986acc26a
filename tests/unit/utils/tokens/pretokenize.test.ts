/**
 * The hand-written scanners split text into exactly the pieces of tiktoken's
 * regexes (as js-tiktoken writes them for JavaScript), checked piece by piece
 * so that a failure names the piece. The two characters where JavaScript's
 * `\s` and Rust's differ (U+0085, U+FEFF) are tested on their own: there the
 * scanners follow Rust, as tiktoken does.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { cl100kPieceEnd, initScanner, o200kPieceEnd } from '@/utils/tokens/pretokenize';

const FIXTURES = join(__dirname, '../../../fixtures/tokens');
const corpus = readdirSync(FIXTURES).map((name) => readFileSync(join(FIXTURES, name), 'utf8'));

function pieces(text: string, pieceEnd: (s: string, i: number, n: number) => number): string[] {
  initScanner();
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const e = pieceEnd(text, i, text.length);
    out.push(text.slice(i, e));
    i = e;
  }
  return out;
}

const SCANNERS = [
  ['o200k_base', o200kPieceEnd, o200k.pat_str],
  ['cl100k_base', cl100kPieceEnd, cl100k.pat_str],
] as const;

describe.each(SCANNERS)('%s pre-tokenizer', (_name, pieceEnd, pattern) => {
  const regexPieces = (text: string) => text.match(new RegExp(pattern, 'gu')) ?? [];
  // Where JavaScript's \s and Rust's agree, the regex run by JavaScript is a faithful reference.
  const comparable = (text: string) => text.replace(/[\u0085\ufeff]/g, '·');

  it('gives the regex pieces on every fixture', () => {
    for (const text of corpus.map(comparable)) expect(pieces(text, pieceEnd)).toEqual(regexPieces(text));
  });

  it('gives the regex pieces around letters, marks, numbers, spaces, line breaks and apostrophes', () => {
    const bits = ['a', 'B', 'é', 'ǅ', 'ʰ', '\u0301', '1', '١', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', "'", "'s", "'LL", '/', '!', '😀', '\ud800', '中', 'ि'];
    // Every string of up to three of these bits.
    for (const a of bits) for (const b of bits) for (const c of ['', ...bits]) {
      const text = a + b + c;
      expect([text, pieces(text, pieceEnd)]).toEqual([text, regexPieces(text)]);
    }
  });

  it('treats U+0085 as whitespace and U+FEFF as not, as Rust does', () => {
    expect(pieces('a\u0085\u0085b', pieceEnd)).toEqual(['a', '\u0085', '\u0085b']);
    expect(pieces('// \ufeffcomment', pieceEnd)).toEqual(['//', ' \ufeff', 'comment']);
  });
});
