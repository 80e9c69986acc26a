/**
 * The page's quick check before the detector loads (utils/mentions/triggers.ts)
 * must never say "nothing here" where the detector would find a mention, and
 * should say it on ordinary text that only looks like a ticker.
 */
import { describe, expect, it } from 'vitest';
import { createMentionFinder, findMentions } from '@/utils/mentions';
import { CONTEXT_CUES, REGISTRY } from '@/utils/mentions/registry';
import { compile } from '@/utils/mentions/compile';
import { mentionTrigger, triggerData } from '@/utils/mentions/triggers';
import { extraTriggers, parseExtraTriggers } from '@/utils/mentions/extra-triggers';
import { loadCorpus } from './mention-corpus';
import { random } from '@/tests/unit/fixtures/random';
import { categoryCoins } from '@/tests/unit/fixtures/category-coins';
import { categoryTriggers } from '@/entrypoints/background/storage/mention-triggers';
import { CATEGORY_TRIGGERS_KEY, parseCategoryTriggers } from '@/utils/mentions/extra-triggers';

const sources = triggerData(compile(REGISTRY, CONTEXT_CUES, []).parts);
const texts = loadCorpus().map((s) => s.text);

describe('mention triggers', () => {
  it('match every corpus snippet in which the detector finds a mention', () => {
    const trigger = mentionTrigger(sources);
    let withMentions = 0;
    for (const text of texts) {
      if (findMentions(text).length === 0) continue;
      withMentions++;
      expect(trigger.test(text), text).toBe(true);
    }
    expect(withMentions).toBeGreaterThan(200);
  });

  it('match every mention the detector finds in random cuts of the corpus (the mention alone is enough)', () => {
    const trigger = mentionTrigger(sources);
    const next = random(11);
    let mentions = 0;
    for (let i = 0; i < 3000; i++) {
      const text = texts[Math.floor(next() * texts.length)]!;
      const start = Math.floor(next() * text.length);
      const cut = text.slice(start, start + 1 + Math.floor(next() * 80));
      for (const m of findMentions(cut)) {
        mentions++;
        expect(trigger.test(cut.slice(m.start, m.end)), cut).toBe(true);
      }
    }
    expect(mentions).toBeGreaterThan(200);
  });

  it('match every mention in random mixes of corpus words, letters and punctuation run together', () => {
    const trigger = mentionTrigger(sources);
    const words = texts.join(' ').split(/\s+/);
    const glue = ['', ' ', '-', '/', '$', '(', ')', '#', 'x', '1', '.', ',', '\n', 'é', 'क'];
    const next = random(29);
    let mentions = 0;
    for (let i = 0; i < 4000; i++) {
      let text = '';
      const n = 1 + Math.floor(next() * 8);
      for (let k = 0; k < n; k++) text += words[Math.floor(next() * words.length)]! + glue[Math.floor(next() * glue.length)]!;
      const found = findMentions(text);
      mentions += found.length;
      if (found.length) expect(trigger.test(text), text).toBe(true);
      for (const m of found) expect(trigger.test(text.slice(m.start, m.end)), text).toBe(true);
    }
    expect(mentions).toBeGreaterThan(200);
  });

  it('match every mention a finder with a realistic AI category list finds, in the corpus and in random cuts of it', async () => {
    const coins = await categoryCoins();
    const find = createMentionFinder([], REGISTRY, undefined, coins);
    // As the content script reads it: stored by the background, parsed back.
    const stored = JSON.parse(JSON.stringify({ [CATEGORY_TRIGGERS_KEY]: categoryTriggers(coins) })) as Record<string, unknown>;
    const trigger = mentionTrigger(sources, [], parseCategoryTriggers(stored[CATEGORY_TRIGGERS_KEY]));
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

  it('cover the watchlist’s coins through the extra list the background stores: name, cashtag in any case, pairs', () => {
    const extra = [{ coinId: 'chainlink', symbol: 'LINK', name: 'Chainlink' }];
    const finder = createMentionFinder(extra);
    const withExtra = mentionTrigger(sources, parseExtraTriggers(extraTriggers(extra)));
    for (const text of ['Chainlink rallied after the upgrade.', 'Bought more $link today', 'LINK/USDT broke out', 'LINKUSDT perp', 'Chainlink (LINK) rose']) {
      expect(finder(text).length, text).toBeGreaterThan(0);
      expect(withExtra.test(text), text).toBe(true);
    }
    expect(mentionTrigger(sources).test('Chainlink rallied after the upgrade.')).toBe(false);
  });

  it('say nothing on ordinary text: a bare page, tickers inside longer words, unknown cashtags, lower-case words', () => {
    const trigger = mentionTrigger(sources);
    const ordinary = [
      'Example Domain This domain is for use in documentation examples without needing permission. Learn more',
      'Locate the WASI-SDK as a sibling folder',
      'NEWS FROM ASIA AND EUROPE',
      'The Renderer draws each frame; the renderers share a GPU.',
      'Use $ref and $name in the template; it costs $5.',
      'We met near the ocean to fetch the graph of the tao of physics.',
      'Oceania and the TAOS ski valley',
    ];
    for (const text of ordinary) {
      expect(findMentions(text), text).toEqual([]);
      expect(trigger.test(text), text).toBe(false);
    }
    // The first pass alone is looser, never stricter.
    expect(trigger.loose('Locate the WASI-SDK')).toBe(true);
    expect(trigger.loose('Example Domain')).toBe(false);
  });

  it('list every start of a first-pass hit, overlapping ones too, up to a limit', () => {
    const trigger = mentionTrigger(sources);
    const text = 'WASI-SDK, then $TAO and Bittensor.';
    expect(trigger.looseStarts(text, 10)).toEqual([1, 15, 16, 24]);
    expect(trigger.looseStarts(text, 2)).toBeNull();
    expect(trigger.looseStarts('nothing here', 10)).toEqual([]);
  });

  it('drop malformed stored entries', () => {
    expect(parseExtraTriggers([{ symbol: 'X'.repeat(500), name: 'ok' }, null, 'text', { symbol: 'OK', name: 'Fine' }])).toEqual([
      { coinId: '', symbol: 'OK', name: 'Fine' },
    ]);
    expect(parseExtraTriggers('nope')).toEqual([]);
  });
});
