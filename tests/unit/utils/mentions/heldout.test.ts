/**
 * The detector on held-out real published text (tests/fixtures/mentions/
 * heldout/, sources in each file): labelled before the detector was run on it
 * and never used to tune a rule (earlier held-out sets, once run, became
 * tuning text: ../*-realdev.txt). Scored with the realistic AI category list
 * loaded, as pages run it. The "strict" figure also counts bare tickers of
 * category coins ({{…}} marks), which the rules never take on their own.
 */
import { describe, expect, it } from 'vitest';
import { createMentionFinder } from '@/utils/mentions';
import { REGISTRY } from '@/utils/mentions/registry';
import { HELDOUT_DIR, loadCorpus, score } from '@/tests/unit/utils/mentions/mention-corpus';
import { categoryCoins } from '@/tests/unit/fixtures/category-coins';

const summary = (s: ReturnType<typeof score>) =>
  `precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`;

describe('held-out real published text', () => {
  // The issue's target is precision ≥ 0.98 and recall ≥ 0.95 here. Measured on this set (its first and only run):
  // precision 0.977, recall 0.913 — the misses are bare "NEAR" in paragraphs without crypto words, whose page says
  // "NEAR Protocol" elsewhere. These floors keep what was reached from slipping; README states the gap.
  it('stays at precision ≥ 0.97 and recall ≥ 0.90 (below the 0.95 recall target, see README)', async () => {
    const snippets = loadCorpus(HELDOUT_DIR);
    // Passages of a paragraph or two, as pages show them, in English and Hindi.
    expect(snippets.length).toBeGreaterThanOrEqual(50);
    expect(snippets.some((s) => s.language === 'hi')).toBe(true);
    const find = createMentionFinder([], REGISTRY, undefined, await categoryCoins());
    const all = score(snippets, find);
    const strict = score(snippets, find, { strict: true });
    const lines = [`all: ${summary(all)}`, `strict (bare category tickers counted as misses): ${summary(strict)}`];
    for (const lang of ['en', 'hi'] as const) lines.push(`${lang}: ${summary(score(snippets.filter((s) => s.language === lang), find))}`);
    const negatives = snippets.filter((s) => s.hardNegative);
    lines.push(`negative snippets with a false alarm: ${negatives.filter((s) => find(s.text).length > 0).length}/${negatives.length}`);
    console.log(`held-out: ${snippets.length} snippets\n${lines.join('\n')}\n${all.errors.join('\n')}`);
    expect(all.precision, all.errors.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(all.recall, all.errors.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});
