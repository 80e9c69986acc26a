/**
 * Precision and recall of findMentions on the labelled corpus in
 * tests/fixtures/mentions/ (English and Hindi, half hard negatives).
 * The figures are printed and stated in README ("Token mentions").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMentionFinder, type MentionFinder } from '@/utils/mentions';
import { REGISTRY } from '@/utils/mentions/registry';
import { loadCorpus, parseSnippet, score } from '@/tests/unit/utils/mentions/mention-corpus';
import { categoryCoins } from '@/tests/unit/fixtures/category-coins';

const corpus = loadCorpus();
/** The detector as pages run it: the curated list plus a realistic AI category list (the long tail). */
let findMentions: MentionFinder;
beforeAll(async () => {
  findMentions = createMentionFinder([], REGISTRY, undefined, await categoryCoins());
});

describe('mention corpus', () => {
  it('is big enough, half hard negatives, in English and Hindi', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const negatives = corpus.filter((s) => s.hardNegative);
    expect(negatives.length / corpus.length).toBeGreaterThanOrEqual(0.45);
    expect(negatives.every((s) => s.expected.length === 0)).toBe(true);
    for (const lang of ['en', 'hi'] as const) {
      expect(corpus.filter((s) => s.language === lang && s.hardNegative).length).toBeGreaterThanOrEqual(40);
      expect(corpus.filter((s) => s.language === lang && !s.hardNegative).length).toBeGreaterThanOrEqual(40);
    }
    expect(corpus.some((s) => s.text.includes('BitTensor (TAO) जैसे प्रोजेक्ट्स'))).toBe(true);
    // The long tail: snippets about category coins and hard negatives built from their ordinary-word tickers.
    const longTail = corpus.filter((s) => s.where.includes('-longtail.txt'));
    expect(longTail.length).toBeGreaterThanOrEqual(150);
    for (const lang of ['en', 'hi'] as const) expect(longTail.filter((s) => s.language === lang).length).toBeGreaterThanOrEqual(40);
  });

  it('parses marks into offsets', () => {
    const s = parseSnippet('Buy [[$TAO|TAO]] and [[Fetch.ai (FET)|FET]].\\nDone', 'x', false, 'en');
    expect(s.text).toBe('Buy $TAO and Fetch.ai (FET).\nDone');
    expect(s.expected).toEqual([
      { start: 4, end: 8, symbol: 'TAO' },
      { start: 13, end: 27, symbol: 'FET' },
    ]);
  });

  it('meets precision ≥ 0.98 and recall ≥ 0.95, overall and per language', async () => {
    const all = score(corpus, findMentions);
    const lines = [`all: ${summary(all)}`];
    for (const lang of ['en', 'hi'] as const) lines.push(`${lang}: ${summary(score(corpus.filter((s) => s.language === lang), findMentions))}`);
    const negatives = corpus.filter((s) => s.hardNegative);
    const alarms = negatives.filter((s) => findMentions(s.text).length > 0).length;
    lines.push(`hard negatives with a false alarm: ${alarms}/${negatives.length}`);
    console.log(`findMentions with ${(await categoryCoins()).length} category coins on ${corpus.length} snippets\n${lines.join('\n')}`);
    expect(all.errors, all.errors.join('\n')).toHaveLength(all.falsePositives + all.falseNegatives);
    expect(all.precision, all.errors.join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(all.recall, all.errors.join('\n')).toBeGreaterThanOrEqual(0.95);
    for (const lang of ['en', 'hi'] as const) {
      const s = score(corpus.filter((x) => x.language === lang), findMentions);
      expect(s.precision, s.errors.join('\n')).toBeGreaterThanOrEqual(0.98);
      expect(s.recall, s.errors.join('\n')).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('counts a wrong coin or a second match as an error', () => {
    const [s] = [parseSnippet('[[TAO|TAO]] up', 'x', false, 'en')];
    const wrong = score([s!], () => [{ start: 0, end: 3, symbol: 'FET', coinId: 'fetch-ai', kind: 'symbol' }]);
    expect([wrong.truePositives, wrong.falsePositives, wrong.falseNegatives]).toEqual([0, 1, 1]);
    const twice = score([s!], () => [
      { start: 0, end: 3, symbol: 'TAO', coinId: 'bittensor', kind: 'symbol' },
      { start: 1, end: 3, symbol: 'TAO', coinId: 'bittensor', kind: 'symbol' },
    ]);
    expect([twice.truePositives, twice.falsePositives, twice.precision]).toEqual([1, 1, 0.5]);
  });
});

function summary(s: ReturnType<typeof score>): string {
  return `precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`;
}
