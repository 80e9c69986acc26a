/**
 * The token view's visible pieces (utils/tokens/token-split.ts): they join to
 * the text, hold every token once and in order, and never end where the
 * screen would show a broken character — inside a character's bytes, before
 * a combining mark (a Devanagari vowel sign), around a zero-width joiner,
 * before a skin tone, inside a flag's pair of regional indicators or a CR LF.
 * Exactness of the ids is tested against the oracles in exact.test.ts and
 * families.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { preloadEncoding, splitTokensSync, type Encoding, type TokenSplit } from '@/utils/tokens';
import { insideCluster } from '@/utils/tokens/token-split';
import { countTokensSync } from '@/utils/tokens';

const ENCODINGS: Encoding[] = ['o200k_base', 'cl100k_base', 'qwen3'];

beforeAll(async () => {
  for (const e of ENCODINGS) await preloadEncoding(e);
}, 120_000);

function pieces(text: string, split: TokenSplit): string[] {
  return Array.from(split.pieceEnds, (end, i) => text.slice(i ? split.pieceEnds[i - 1]! : 0, end));
}

const SAMPLES = [
  'हिन्दी में लिखे वाक्य अक्सर ज़्यादा टोकन लेते हैं।',
  'Family 👨‍👩‍👧‍👦, thumbs 👍🏽👍🏿, flags 🇮🇳🇯🇵🇬🇧 and 🏳️‍🌈.',
  'Line one\r\nLine two\r\n\r\nend',
  'cafe\u0301 n\u0303 e\u0301\u0301 Å\u030a',
  'Plain ASCII text, with punctuation: (a + b) * 3.14159!',
];

describe.each(ENCODINGS)('%s visible pieces', (encoding) => {
  it('join to the text and hold every token once, in order', () => {
    for (const text of SAMPLES) {
      const split = splitTokensSync(text, encoding);
      expect(pieces(text, split).join('')).toBe(text);
      expect(split.ids.length).toBe(countTokensSync(text, encoding));
      expect(split.pieceTokenEnds.at(-1)).toBe(split.ids.length);
      for (let i = 1; i < split.pieceTokenEnds.length; i++) expect(split.pieceTokenEnds[i]!).toBeGreaterThan(split.pieceTokenEnds[i - 1]!);
    }
  });

  it('never start with a combining mark, a joiner or a skin tone, nor split a flag or a CR LF', () => {
    for (const text of SAMPLES) {
      const split = splitTokensSync(text, encoding);
      const list = pieces(text, split);
      let at = 0;
      for (const piece of list.slice(0, -1)) {
        at += piece.length;
        expect([piece, insideCluster(text, at)]).toEqual([piece, false]);
      }
      for (const piece of list) expect([piece, /^(\p{M}|\u200D|[\u{1F3FB}-\u{1F3FF}])/u.test(piece)]).toEqual([piece, false]);
    }
    const flags = pieces('🇮🇳🇯🇵🇬🇧', splitTokensSync('🇮🇳🇯🇵🇬🇧', encoding));
    for (const piece of flags) expect([...piece].length % 2).toBe(0);
  });

  it('keep a one-token piece per token in plain ASCII prose', () => {
    const text = SAMPLES[4]!;
    const split = splitTokensSync(text, encoding);
    expect(split.pieceEnds.length).toBe(split.ids.length);
  });
});

describe('insideCluster', () => {
  it('knows where the screen joins characters', () => {
    expect(insideCluster('हि', 1)).toBe(true); // before the vowel sign ि
    expect(insideCluster('ab', 1)).toBe(false);
    expect(insideCluster('a\u200Db', 1)).toBe(true);
    expect(insideCluster('a\u200Db', 2)).toBe(true);
    expect(insideCluster('👍🏽', 2)).toBe(true);
    expect(insideCluster('\r\n', 1)).toBe(true);
    expect(insideCluster('\n\r', 1)).toBe(false);
    expect(insideCluster('🇮🇳🇯🇵', 2)).toBe(true);
    expect(insideCluster('🇮🇳🇯🇵', 4)).toBe(false);
    expect(insideCluster('🇮🇳🇯🇵', 6)).toBe(true);
  });
});
