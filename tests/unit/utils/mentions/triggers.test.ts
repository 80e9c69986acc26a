/**
 * The page's quick check before the detector loads (utils/mentions/triggers.ts)
 * must never say "nothing here" where the detector would find a mention.
 */
import { describe, expect, it } from 'vitest';
import { createMentionFinder, findMentions } from '@/utils/mentions';
import { REGISTRY } from '@/utils/mentions/registry';
import { mentionTrigger, mentionTriggerWords } from '@/utils/mentions/triggers';
import { extraTriggers, parseExtraTriggers } from '@/utils/mentions/extra-triggers';
import { loadCorpus } from './mention-corpus';
import { random } from '@/tests/unit/fixtures/random';
import { categoryCoins } from '@/tests/unit/fixtures/category-coins';
import { categoryTriggers } from '@/entrypoints/background/storage/mention-triggers';
import { CATEGORY_TRIGGERS_KEY, parseCategoryTriggers } from '@/utils/mentions/extra-triggers';

const words = mentionTriggerWords(REGISTRY);

describe('mention triggers', () => {
  it('match every corpus snippet in which the detector finds a mention', () => {
    const trigger = mentionTrigger(words);
    let withMentions = 0;
    for (const snippet of loadCorpus()) {
      if (findMentions(snippet.text).length === 0) continue;
      withMentions++;
      expect(trigger.test(snippet.text), snippet.text).toBe(true);
    }
    expect(withMentions).toBeGreaterThan(200);
  });

  it('match every mention the detector finds in random cuts of the corpus (the mention alone is enough)', () => {
    const trigger = mentionTrigger(words);
    const texts = loadCorpus().map((s) => s.text);
    const next = random(11);
    for (let i = 0; i < 2000; i++) {
      const text = texts[Math.floor(next() * texts.length)]!;
      const start = Math.floor(next() * text.length);
      const cut = text.slice(start, start + 1 + Math.floor(next() * 80));
      for (const m of findMentions(cut)) expect(trigger.test(cut.slice(m.start, m.end)), cut).toBe(true);
    }
  });

  it('match every mention a finder with a realistic AI category list finds, in the corpus and in random cuts of it', async () => {
    const coins = await categoryCoins();
    const find = createMentionFinder([], REGISTRY, undefined, coins);
    // As the content script reads it: stored by the background, parsed back.
    const stored = JSON.parse(JSON.stringify({ [CATEGORY_TRIGGERS_KEY]: categoryTriggers(coins) })) as Record<string, unknown>;
    const trigger = mentionTrigger(words, [], parseCategoryTriggers(stored[CATEGORY_TRIGGERS_KEY]));
    const texts = loadCorpus().map((s) => s.text);
    let categoryMentions = 0;
    for (const text of texts) {
      const found = find(text);
      if (found.length) expect(trigger.test(text), text).toBe(true);
      for (const m of found) {
        expect(trigger.test(text.slice(m.start, m.end)), text.slice(m.start, m.end)).toBe(true);
        if (!REGISTRY.some((t) => t.coinId === m.coinId)) categoryMentions++;
      }
    }
    expect(categoryMentions).toBeGreaterThan(50);
    const next = random(17);
    for (let i = 0; i < 3000; i++) {
      const text = texts[Math.floor(next() * texts.length)]!;
      const start = Math.floor(next() * text.length);
      const cut = text.slice(start, start + 1 + Math.floor(next() * 80));
      for (const m of find(cut)) expect(trigger.test(cut.slice(m.start, m.end)), cut).toBe(true);
    }
    // Bare ordinary-word tickers and names of the list do not wake the detector.
    expect(trigger.test('Grass and Story: PRIME members, GOAT debates, ARC reasoning and AI everywhere.')).toBe(false);
  }, 60_000);

  it('cover the watchlist’s coins through the extra list the background stores', () => {
    const extra = [{ coinId: 'chainlink', symbol: 'LINK', name: 'Chainlink' }];
    const text = 'Chainlink rallied after the upgrade.';
    expect(createMentionFinder(extra)(text).length).toBeGreaterThan(0);
    expect(mentionTrigger(words).test(text)).toBe(false);
    expect(mentionTrigger(words, parseExtraTriggers(extraTriggers(extra))).test(text)).toBe(true);
  });

  it('say nothing on a bare page, and drop malformed stored entries', () => {
    const bare = 'Example Domain This domain is for use in documentation examples without needing permission. Learn more';
    expect(mentionTrigger(words).test(bare)).toBe(false);
    expect(parseExtraTriggers([{ symbol: 'X'.repeat(500), name: 'ok' }, null, 'text', { symbol: 'OK', name: 'Fine' }])).toEqual([
      { coinId: '', symbol: 'OK', name: 'Fine' },
    ]);
    expect(parseExtraTriggers('nope')).toEqual([]);
  });
});
