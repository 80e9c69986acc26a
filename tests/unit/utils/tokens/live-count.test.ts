/**
 * The live count (utils/tokens/live-count.ts) against the full count, for
 * every encoding:
 * - its cut points: at each place `cutsAt` allows, the count of a text is
 *   the sum of the counts of its two sides, on the corpus and on thousands
 *   of seeded random texts built from the characters where pre-tokenizers
 *   go wrong (spaces of every kind, line breaks, apostrophes, slashes,
 *   marks, Hindi, CJK, emoji with ZWJ and lone surrogates, added-token text);
 * - thousands of seeded random edit sequences (typing code unit by code
 *   unit, backspace, inserts at cut points and inside words, deletes and
 *   replacements across parts, pastes), each step checked against a full
 *   count of the text it leads to, with small parts so edits cross many;
 * - the work an edit takes: a part or two, not the text;
 * - a part holding one piece longer than LONG_PIECE_CHARS (the resumable
 *   heap merges) counted as a full count counts it, through edits in and around it.
 * Seeds are fixed (tests/unit/fixtures/random.ts): a failure replays.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { countTokensSync, diffText, liveCount, preloadEncoding, type TextEdit } from '@/utils/tokens';
import { LiveCount, LIVE_PART_CHARS, type PartCounter } from '@/utils/tokens/live-count';
import { ENCODINGS, type Encoding } from '@/utils/tokens/encodings';
import { LONG_PIECE_CHARS } from '@/utils/tokens/bpe';
import { random } from '@/tests/unit/fixtures/random';

vi.setConfig({ testTimeout: 120_000 });

const FIXTURES = join(__dirname, '../../../fixtures/tokens');
const corpus = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => readFileSync(join(FIXTURES, name), 'utf8'))
  .join('\n');

// Pieces that stress cut points: every kind of space and line break next to words, digits,
// punctuation, slashes, apostrophes, marks, scripts, emoji (whole and as lone halves) and added tokens.
const ALPHABET = [
  ...'aAzZeEsStTdDmMlLrRvV019 _-./,;:!?()[]{}<>|@#$%^&*+=~`"\\\'',
  ' ', ' ', ' ', ' ', '  ', '   ', '\t', '\n', '\n', '\n\n', '\r\n', '\r', '\u000b', '\u000c', '\u0085', '\u00a0', '\u2009', '\u3000',
  '\u2028', '\ufeff', "'s", "'S", "'ll", "'Re", "'ve", "'d", "'m", "'t", '\u2019', '▁', '▁▁', '>', '>▁</', '> </', '</', '\n/', '/\n', '!\n',
  'é', 'ß', 'Ω', 'ǅ', 'ʰ', 'ª', '\u0301', '\u0308', 'e\u0301', '\u212b', 'ё', 'Ж', 'ا', '١', '۵', 'ﬁ', '①', '²', 'Ⅻ',
  'ह', 'ि', 'न्', 'दी', 'क्ष', '्', 'ं', '३', 'हिन्दी', 'पाठ', '中', '文', '龥', 'の', 'カ', 'ー', '한', 'ไ', '่', '\u1100', '\u1161',
  '😀', '👍', '🏽', '\u200d', '\ufe0f', '👨‍👩‍👧', '🏳️‍🌈', '🇮🇳', '\ud83d', '\ude00', '\ud835', '\udd18', '𝔘', '𝟙', '\u{323B0}', '\ua7ce', '\u0c5c', '。', '，', '：', '…', '—', '(', ').', '€', '™',
  '<|endoftext|>', '<|im_start|>', '<think>', '<bos>', '<start_of_turn>', '<td>', '</td>', '<｜User｜>', '<|begin_of_text|>',
  'word', 'Word', 'WORDS', 'hello world', '1.5', 'v2', '100%', '2x', '३४५', 'https://a.b/c', '0x1F', '12345', 'it\'s', ' don\'t',
];

function randomText(next: () => number, parts: number): string {
  let s = '';
  const n = Math.floor(next() * parts);
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return s;
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

/** Part boundaries that are not cut points of the text as it is now (there must be none). */
const staleBoundaries = (live: LiveCount, counter: PartCounter, text: string) => live.boundaries().filter((p) => !counter.cutsAt(text, p));

beforeAll(async () => {
  for (const encoding of ENCODINGS) await preloadEncoding(encoding);
}, 600_000);

/** The encoder behind countTokensSync, as the live count sees it. */
async function partCounter(encoding: Encoding): Promise<PartCounter> {
  const counter = await liveCount(encoding);
  return (counter as unknown as { counter: PartCounter }).counter;
}

describe.each(ENCODINGS)('%s', (encoding) => {
  const full = (text: string) => countTokensSync(text, encoding);

  it('cuts only where the count of a text is the sum of its two sides', async () => {
    const counter = await partCounter(encoding);
    const next = random(1000 + ENCODINGS.indexOf(encoding));
    let checked = 0;
    const check = (text: string) => {
      const whole = full(text);
      for (let p = 1; p < text.length; p++) {
        if (!counter.cutsAt(text, p)) continue;
        expect([text, p, full(text.slice(0, p)) + full(text.slice(p))]).toEqual([text, p, whole]);
        checked++;
      }
    };
    for (const line of corpus.split(/(?<=\n)/)) check(line);
    for (let i = 0; i < 8000; i++) check(randomText(next, 24));
    // Long texts: the sides themselves hold many pieces.
    for (let i = 0; i < 30; i++) {
      const text = randomText(next, 400);
      const whole = full(text);
      for (let k = 0; k < 40; k++) {
        const p = 1 + Math.floor(next() * (text.length - 1));
        if (p < text.length && counter.cutsAt(text, p)) {
          expect(full(text.slice(0, p)) + full(text.slice(p))).toBe(whole);
          checked++;
        }
      }
    }
    // Not vacuous: thousands of cut points were checked, and prose has one every few characters.
    expect(checked).toBeGreaterThan(5000);
    let inProse = 0;
    const prose = corpus.slice(0, 1484);
    for (let p = 1; p < prose.length; p++) if (counter.cutsAt(prose, p)) inProse++;
    expect(inProse).toBeGreaterThan(prose.length / 12);
  });

  it('equals a full count after every step of 3,000 seeded random edits', async () => {
    const next = random(2000 + ENCODINGS.indexOf(encoding));
    const counter = await partCounter(encoding);
    let steps = 0;
    for (let sequence = 0; sequence < 30; sequence++) {
      // Small parts, so that edits cross many of them; the default size in one sequence in ten.
      const live = new LiveCount(counter, sequence % 10 === 0 ? LIVE_PART_CHARS : 4 + Math.floor(next() * 60));
      const a = Math.floor(next() * corpus.length);
      let text = sequence % 3 === 0 ? '' : corpus.slice(a, a + Math.floor(next() * 3000));
      expect(live.reset(text)).toBe(full(text));
      for (let step = 0; step < 100; step++) {
        const edit = randomEdit(next, text);
        text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.start + edit.removed);
        const total = live.apply(edit);
        expect([sequence, step, edit, total, staleBoundaries(live, counter, text)]).toEqual([sequence, step, edit, full(text), []]);
        steps++;
      }
      expect(live.text).toBe(text);
      expect(live.size).toBe(text.length);
    }
    expect(steps).toBe(3000);
  });

  it('types, pastes and deletes as a user does, counting after every keystroke', async () => {
    const next = random(3000 + ENCODINGS.indexOf(encoding));
    const counter = await partCounter(encoding);
    const live = new LiveCount(counter, 24);
    let text = '';
    let caret = 0;
    // Astral letters (𝔘𝔫𝔦) typed code unit by code unit after a letter: a lone high surrogate (no class) becomes a letter.
    const words = ['hello', 'world', 'हिन्दी', 'पाठ', '👨‍👩‍👧', '🏳️‍🌈', 'नमस्ते', 'it\'s', 'end.', '中文', 'x/y', '\n', '\n\n', '  ', '\t', 'a𝔘𝔫𝔦', '𝟙2'];
    for (let i = 0; i < 600; i++) {
      let edit: TextEdit;
      const roll = next();
      if (roll < 0.7) {
        // One code unit of a word or a space at the caret: lone surrogates on the way through emoji.
        const word = pick(next, words) + (next() < 0.6 ? ' ' : '');
        for (let k = 0; k < word.length; k++) {
          edit = { start: caret, removed: 0, inserted: word[k]! };
          text = text.slice(0, caret) + word[k] + text.slice(caret);
          caret++;
          expect([live.apply(edit), staleBoundaries(live, counter, text)]).toEqual([full(text), []]);
        }
        continue;
      } else if (roll < 0.85 && caret > 0) {
        edit = { start: caret - 1, removed: 1, inserted: '' }; // Backspace (may split a surrogate pair)
        caret--;
      } else if (roll < 0.9 && text.length < 5000) {
        const a = Math.floor(next() * corpus.length);
        edit = { start: caret, removed: 0, inserted: corpus.slice(a, a + 200 + Math.floor(next() * 2000)) }; // Paste
        caret += edit.inserted.length;
      } else {
        caret = Math.floor(next() * (text.length + 1)); // Click elsewhere; maybe select and delete
        const removed = next() < 0.5 ? Math.floor(next() * Math.min(80, text.length - caret + 1)) : 0;
        edit = { start: caret, removed, inserted: '' };
      }
      text = text.slice(0, edit.start) + edit.inserted + text.slice(edit.start + edit.removed);
      expect([live.apply(edit), staleBoundaries(live, counter, text)]).toEqual([full(text), []]);
    }
    expect(live.text).toBe(text);
  });
});

/** An edit of `text`: random kinds at random, cut-point and in-word places. */
function randomEdit(next: () => number, text: string): TextEdit {
  const n = text.length;
  const at = () => Math.floor(next() * (n + 1));
  /** A place next to a space or a line break (a likely cut point), or inside a word. */
  const placeNear = (wanted: RegExp) => {
    for (let tries = 0; tries < 20; tries++) {
      const p = at();
      if (wanted.test(text.slice(Math.max(0, p - 1), p + 1))) return p;
    }
    return at();
  };
  const kind = Math.floor(next() * 9);
  switch (kind) {
    case 0:
      return { start: at(), removed: 0, inserted: randomText(next, 4) || 'x' };
    case 1:
      return { start: placeNear(/^[^\s] |^\n\S/), removed: 0, inserted: randomText(next, 3) };
    case 2:
      return { start: placeNear(/^\p{L}\p{L}$/u), removed: 0, inserted: pick(next, ALPHABET) };
    case 3: {
      const start = at();
      return { start, removed: Math.min(n - start, 1 + Math.floor(next() * 3)), inserted: '' };
    }
    case 4: {
      const start = at();
      return { start, removed: Math.floor(next() * (n - start + 1)), inserted: '' };
    }
    case 5: {
      const start = placeNear(/^ |^\n/);
      return { start, removed: Math.min(n - start, Math.floor(next() * 40)), inserted: randomText(next, 6) };
    }
    case 6: {
      const a = Math.floor(next() * corpus.length);
      return { start: at(), removed: 0, inserted: corpus.slice(a, a + Math.floor(next() * 4000)) };
    }
    case 7: {
      // Joins two words: removes the space (or line break) between them.
      const start = placeNear(/^\S[ \n]/);
      return { start, removed: Math.min(n - start, 1), inserted: '' };
    }
    default: {
      // The edit as a box would report it: a diff of the old and the new text.
      const start = at();
      const after = text.slice(0, start) + randomText(next, 5) + text.slice(Math.min(n, start + Math.floor(next() * 10)));
      return diffText(text, after);
    }
  }
}

describe('LiveCount', () => {
  it('recounts a part or two per keystroke on a 100 KB prompt, not the text', async () => {
    const live = await liveCount('o200k_base');
    let text = '';
    while (text.length < 100_000) text += corpus;
    live.reset(text);
    expect(live.partCount).toBeGreaterThan(100_000 / (LIVE_PART_CHARS * 3));
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      const start = Math.floor(next() * text.length);
      const edit = { start, removed: 0, inserted: 'x' };
      text = text.slice(0, start) + 'x' + text.slice(start);
      live.apply(edit);
      expect(live.lastCounted).toBeLessThan(4 * LIVE_PART_CHARS);
    }
    expect(live.total).toBe(countTokensSync(text, 'o200k_base'));
  });

  it.each(ENCODINGS)('counts a part holding a piece of LONG_PIECE_CHARS or more with the same merge as a full count (%s)', async (encoding) => {
    // An unbroken run (no cut point, one pre-tokenizer piece) longer than LONG_PIECE_CHARS, between prose:
    // its part is counted by the resumable heap merge (bpe.ts RankHeapMerge, hf-bpe.ts SymbolHeapMerge).
    const live = await liveCount(encoding);
    const next = random(11);
    let run = '';
    while (run.length < LONG_PIECE_CHARS + 1000) run += 'ACGT'[Math.floor(next() * 4)];
    let text = `Sequence follows. ${run} And the prompt goes on.`;
    live.reset(text);
    expect(live.total).toBe(countTokensSync(text, encoding));
    // Typing inside the run, at its end and after it, and deleting across its edge: each equals a full count.
    for (const at of [20 + Math.floor(run.length / 2), 18 + run.length, text.length - 5]) {
      for (const ch of 'GA ') {
        const edit = { start: at, removed: 0, inserted: ch };
        text = text.slice(0, at) + ch + text.slice(at);
        expect(live.apply(edit)).toBe(countTokensSync(text, encoding));
      }
    }
    const cut = { start: 10 + run.length, removed: 20, inserted: '' };
    text = text.slice(0, cut.start) + text.slice(cut.start + cut.removed);
    expect(live.apply(cut)).toBe(countTokensSync(text, encoding));
  });

  it('keeps a part boundary only where an edit left the characters deciding it alone (a surrogate pair completed after it)', async () => {
    for (const encoding of ENCODINGS) {
      const counter = await partCounter(encoding);
      // Parts as small as the cut points allow. "ab" then a lone high surrogate: a cut (a letter, then no letter)
      // until the low half arrives and makes 𝔘, a letter.
      const live = new LiveCount(counter, 1);
      let text = 'xy ab\ud835';
      live.reset(text);
      for (const [start, inserted] of [[6, '\udd18'], [7, '\ud835'], [8, '\udd2b'], [3, '\ud835'], [4, '\udd18']] as const) {
        text = text.slice(0, start) + inserted + text.slice(start);
        const total = live.apply({ start, removed: 0, inserted });
        expect([encoding, text, total, staleBoundaries(live, counter, text)]).toEqual([encoding, text, countTokensSync(text, encoding), []]);
      }
    }
  });

  it('refuses an edit outside the text and keeps its count', async () => {
    const live = await liveCount('cl100k_base');
    live.reset('hello world');
    expect(() => live.apply({ start: 5, removed: 7, inserted: '' })).toThrow(RangeError);
    expect(() => live.apply({ start: -1, removed: 0, inserted: 'a' })).toThrow(RangeError);
    expect(() => live.apply({ start: 1.5, removed: 0, inserted: 'a' })).toThrow(RangeError);
    expect(live.total).toBe(countTokensSync('hello world', 'cl100k_base'));
    expect(live.reset('')).toBe(0);
    expect(live.partCount).toBe(0);
  });
});

describe('diffText', () => {
  it('gives the smallest edit that turns one text into the other', () => {
    const next = random(42);
    for (let i = 0; i < 3000; i++) {
      const before = i % 100 === 0 ? randomText(next, 2000) : randomText(next, 12);
      const start = Math.floor(next() * (before.length + 1));
      const inserted = randomText(next, 3);
      const after = before.slice(0, start) + inserted + before.slice(Math.min(before.length, start + Math.floor(next() * 5)));
      const edit = diffText(before, after);
      // Smallest: the longest common start is kept, then the longest common end of what is left.
      let prefix = 0;
      while (prefix < Math.min(before.length, after.length) && before[prefix] === after[prefix]) prefix++;
      let suffix = 0;
      while (suffix < Math.min(before.length, after.length) - prefix && before.at(-1 - suffix) === after.at(-1 - suffix)) suffix++;
      expect(edit).toEqual({ start: prefix, removed: before.length - prefix - suffix, inserted: after.slice(prefix, after.length - suffix) });
      // With the caret where the edit ended (or anywhere): an edit that makes `after`, ending at the caret when that fits.
      for (const caret of [start + inserted.length, Math.floor(next() * (after.length + 2)) - 1]) {
        const hinted = diffText(before, after, caret);
        expect(before.slice(0, hinted.start) + hinted.inserted + before.slice(hinted.start + hinted.removed)).toBe(after);
        expect(hinted.start).toBeLessThanOrEqual(prefix);
      }
    }
    expect(diffText('same', 'same')).toEqual({ start: 4, removed: 0, inserted: '' });
    expect(diffText('', 'new')).toEqual({ start: 0, removed: 0, inserted: 'new' });
    expect(diffText('aXb', 'ab')).toEqual({ start: 1, removed: 1, inserted: '' });
    // A repeated letter typed: with the caret, the edit ends where the caret is.
    expect(diffText('aa', 'aaa', 1)).toEqual({ start: 0, removed: 0, inserted: 'a' });
    expect(diffText('aa', 'aaa')).toEqual({ start: 2, removed: 0, inserted: 'a' });
  });
});
