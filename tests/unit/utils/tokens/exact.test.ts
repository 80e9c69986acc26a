/**
 * Exactness: the project's counter against tiktoken (OpenAI's Rust code
 * through WASM, a dev dependency used only here as the oracle), for both
 * encodings, over the corpus in tests/fixtures/tokens, long unbroken runs and
 * seeded random strings built from the characters tokenizers get wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding, type Tiktoken } from 'tiktoken';
import { countTokens, countTokensSync, preloadEncoding, type Encoding } from '@/utils/tokens';
import { OPENAI_ENCODINGS as ENCODINGS } from '@/utils/tokens/encodings';
import { random } from '@/tests/unit/fixtures/random';

const FIXTURES = join(__dirname, '../../../fixtures/tokens');
const corpus = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));

const oracles = new Map<Encoding, Tiktoken>();

beforeAll(async () => {
  for (const encoding of ENCODINGS) {
    oracles.set(encoding, get_encoding(encoding));
    await preloadEncoding(encoding);
  }
}, 60_000);

afterAll(() => {
  for (const oracle of oracles.values()) oracle.free();
});

function expected(text: string, encoding: Encoding): number {
  return oracles.get(encoding)!.encode_ordinary(text).length;
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

  it('counts special-token text as ordinary text through the async API', async () => {
    const text = 'Hello world <|endoftext|> and <|endofprompt|>';
    expect(await countTokens(text, encoding)).toBe(expected(text, encoding));
    expect(await countTokens('', encoding)).toBe(0);
  });
});
