/**
 * Exactness: the project's counter against tiktoken (OpenAI's Rust code
 * through WASM, a dev dependency used only here as the oracle), for both
 * encodings, over the corpus in tests/fixtures/tokens, long unbroken runs and
 * seeded random strings built from the characters tokenizers get wrong. The
 * split into tokens (`splitTokens`, the token view's) gives the same ids as
 * tiktoken's `encode_ordinary` and js-tiktoken's `encode` with no special
 * tokens, in pieces whose token bytes are the piece's own UTF-8.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import o200kRanks from 'js-tiktoken/ranks/o200k_base';
import cl100kRanks from 'js-tiktoken/ranks/cl100k_base';
import { countTokens, countTokensSync, preloadEncoding, splitTokens, splitTokensProgressive, splitTokensSync, type Encoding, type TokenSplit } from '@/utils/tokens';
import { LONG_PIECE_CHARS } from '@/utils/tokens/bpe';
import { OPENAI_ENCODINGS as ENCODINGS } from '@/utils/tokens/encodings';
import { random } from '@/tests/unit/fixtures/random';
import { expectLongPieceSplitInSlices } from '@/tests/unit/fixtures/long-piece-split';

const FIXTURES = join(__dirname, '../../../fixtures/tokens');
const corpus = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));

const oracles = new Map<Encoding, Tiktoken>();
const jsOracles = new Map<Encoding, JsTiktoken>();

beforeAll(async () => {
  for (const encoding of ENCODINGS) {
    oracles.set(encoding, get_encoding(encoding));
    jsOracles.set(encoding, new JsTiktoken(encoding === 'o200k_base' ? o200kRanks : cl100kRanks));
    await preloadEncoding(encoding);
  }
}, 60_000);

afterAll(() => {
  for (const oracle of oracles.values()) oracle.free();
});

function expected(text: string, encoding: Encoding): number {
  return oracles.get(encoding)!.encode_ordinary(text).length;
}

/**
 * Where js-tiktoken differs from tiktoken: its pattern runs as a JavaScript
 * regex, whose `\s` leaves out U+0085 and takes in U+FEFF, unlike Rust's.
 */
const JS_REGEX_DIFFERS = /[\u0085\ufeff]/;

/**
 * Checks a split against the oracles: tiktoken's ids (and js-tiktoken's too
 * when `both`, on text without JS_REGEX_DIFFERS: it is quadratic on long runs), pieces that cover the text in
 * order with at least one token each, and each piece's tokens' bytes equal to
 * the piece's UTF-8 (a lone surrogate being U+FFFD, as tiktoken reads it).
 */
function checkSplit(text: string, encoding: Encoding, split: TokenSplit, both = true): void {
  const oracle = oracles.get(encoding)!;
  const ids = Array.from(oracle.encode_ordinary(text));
  expect([text, Array.from(split.ids)]).toEqual([text, ids]);
  if (both && !JS_REGEX_DIFFERS.test(text)) expect([text, jsOracles.get(encoding)!.encode(text, [], [])]).toEqual([text, ids]);
  expect(split.pieceEnds.length).toBe(split.pieceTokenEnds.length);
  expect(split.pieceEnds.at(-1) ?? 0).toBe(text.length);
  expect(split.pieceTokenEnds.at(-1) ?? 0).toBe(ids.length);
  const utf8 = new TextEncoder();
  let start = 0;
  let firstToken = 0;
  split.pieceEnds.forEach((end, i) => {
    const lastToken = split.pieceTokenEnds[i]!;
    expect(end).toBeGreaterThan(start);
    expect(lastToken).toBeGreaterThan(firstToken);
    const piece = text.slice(start, end);
    const bytes = Array.from(split.ids.subarray(firstToken, lastToken), (id) => Array.from(oracle.decode_single_token_bytes(id))).flat();
    expect([piece, bytes]).toEqual([piece, Array.from(utf8.encode(piece))]);
    start = end;
    firstToken = lastToken;
  });
}


// Characters where pre-tokenizers and byte-pair merges tend to go wrong.
const ALPHABET = [
  ...'aAzZeEsStTdDmMlLrRvV019 _-./,;:!?()[]{}<>|@#$%^&*+=~`"\\\'\'\'',
  ' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u000b', '\u000c', '\u0085', '\u00a0', '\u2009', '\u3000', '\u2028', '\ufeff',
  "'s", "'S", "'ll", "'Re", "'ve", "'d", "'m", "'t", '\u017f', '\u2019',
  'é', 'ß', 'Ω', 'ǅ', 'ʰ', 'ª', '\u0301', '\u0308', '\u20dd', 'ё', 'Ж', 'ا', '١', '۵',
  'ह', 'ि', 'न्', 'दी', 'क्ष', '्', 'ं', '३', '中', '文', 'の', 'ｶ', '한', 'ไ', '่',
  '😀', '👍', '🏽', '\u200d', '\ufe0f', '🇮', '🇳', '👨‍👩‍👧', '𝔘', '𝟙', '𐍈',
  '\ud800', '\udc00', '<|endoftext|>', '<|fim_prefix|>', '1234567', 'https://a.b/c', '0x1F',
];

function randomString(next: () => number, maxParts: number): string {
  const parts = 1 + Math.floor(next() * maxParts);
  let s = '';
  for (let i = 0; i < parts; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

describe.each(ENCODINGS)('%s counts equal tiktoken', (encoding) => {
  it.each(corpus.map((c) => [c.name, c.text] as const))('on %s, whole and line by line', (_name, text) => {
    expect(countTokensSync(text, encoding)).toBe(expected(text, encoding));
    for (const line of text.split(/(?<=\n)/)) expect([line, countTokensSync(line, encoding)]).toEqual([line, expected(line, encoding)]);
  });

  it('on the whole corpus joined, and on texts cut at every byte-awkward place', () => {
    const all = corpus.map((c) => c.text).join('\n');
    expect(countTokensSync(all, encoding)).toBe(expected(all, encoding));
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const a = Math.floor(next() * all.length);
      const piece = all.slice(a, a + 1 + Math.floor(next() * 80));
      expect([piece, countTokensSync(piece, encoding)]).toEqual([piece, expected(piece, encoding)]);
    }
  });

  it('on long unbroken runs (the case where plain merging is quadratic)', () => {
    const runs = [
      'a'.repeat(5000),
      'A'.repeat(3001),
      '0'.repeat(4000),
      ' '.repeat(3000) + 'x',
      '\n'.repeat(2000),
      '😀'.repeat(800),
      '👨‍👩‍👧‍👦'.repeat(150),
      'ACGT'.repeat(1000),
      'deadbeef0123456789abcdef'.repeat(100),
      'Zm9vYmFy'.repeat(400) + '==',
      'है'.repeat(1000),
      'ab'.repeat(2500),
      '!'.repeat(3000),
      'x'.repeat(65) + 'y'.repeat(66),
    ];
    for (const run of runs) expect([run.slice(0, 12), countTokensSync(run, encoding)]).toEqual([run.slice(0, 12), expected(run, encoding)]);
  });

  it('on 3,000 seeded random strings', () => {
    const next = random(encoding === 'o200k_base' ? 1 : 2);
    for (let i = 0; i < 3000; i++) {
      const s = randomString(next, 24);
      expect([s, countTokensSync(s, encoding)]).toEqual([s, expected(s, encoding)]);
    }
  });

  it('on 300 seeded random long words (pieces merged through the heap)', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyzAEIOUéüßçñøåæ', 'हि', 'न्', 'क्ष', 'ा', 'ं', 'ж', 'щ', 'ʰ', 'ǅ', '\u0301'];
    const next = random(encoding === 'o200k_base' ? 3 : 4);
    for (let i = 0; i < 300; i++) {
      const length = 40 + Math.floor(next() * 260);
      let word = '';
      while (word.length < length) word += letters[Math.floor(next() * letters.length)];
      expect([word, countTokensSync(word, encoding)]).toEqual([word, expected(word, encoding)]);
    }
  });

  it('splits the corpus, its lines and 1,000 random strings into the oracles\' ids, in pieces of whole characters', () => {
    for (const { text } of corpus) {
      checkSplit(text, encoding, splitTokensSync(text, encoding));
      for (const line of text.split(/(?<=\n)/)) checkSplit(line, encoding, splitTokensSync(line, encoding));
    }
    const next = random(encoding === 'o200k_base' ? 5 : 6);
    for (let i = 0; i < 1000; i++) {
      const s = randomString(next, 24);
      checkSplit(s, encoding, splitTokensSync(s, encoding));
    }
    for (const run of ['a'.repeat(5000), '😀'.repeat(800), 'है'.repeat(1000), 'x'.repeat(65) + 'y'.repeat(66)]) {
      checkSplit(run, encoding, splitTokensSync(run, encoding), false);
    }
  });

  it('splits a piece too long to merge in one go (LONG_PIECE_CHARS) into tiktoken\'s ids, in one call and in slices with other work between them', async () => {
    const next = random(encoding === 'o200k_base' ? 11 : 12);
    const run = Array.from({ length: LONG_PIECE_CHARS + 7_000 }, () => 'ACGT'[Math.floor(next() * 4)]).join('');
    const text = `Before it ${run}, and after.`;
    const split = splitTokensSync(text, encoding);
    // tiktoken's ids (js-tiktoken's merge is quadratic: minutes on this piece).
    checkSplit(text, encoding, split, false);
    expect(await splitTokensProgressive(text, encoding, { sliceMs: 0 })).toEqual(split);
    // A piece of 200,000: merged over many slices, the event loop getting turns meanwhile, to the same ids.
    await expectLongPieceSplitInSlices(encoding, next);
  }, 60_000);

  it('groups the byte tokens of one character into one piece', () => {
    // U+1F9EC (DNA) is not a token of its own: its four bytes are split across tokens.
    const text = 'a 🧬 b';
    const split = splitTokensSync(text, encoding);
    checkSplit(text, encoding, split);
    const pieces = Array.from(split.pieceEnds, (end, i) => text.slice(i ? split.pieceEnds[i - 1]! : 0, end));
    const piece = pieces.findIndex((p) => p.includes('🧬'));
    expect(pieces[piece]!.trim()).toBe('🧬');
    const tokens = split.pieceTokenEnds[piece]! - (piece ? split.pieceTokenEnds[piece - 1]! : 0);
    expect(tokens).toBeGreaterThan(1);
  });

  it('counts special-token text as ordinary text through the async API', async () => {
    const text = 'Hello world <|endoftext|> and <|endofprompt|>';
    expect(await countTokens(text, encoding)).toBe(expected(text, encoding));
    expect(await countTokens('', encoding)).toBe(0);
    checkSplit(text, encoding, await splitTokens(text, encoding));
    expect(await splitTokens('', encoding)).toEqual({ ids: new Int32Array(0), pieceEnds: new Int32Array(0), pieceTokenEnds: new Int32Array(0) });
  });
});
