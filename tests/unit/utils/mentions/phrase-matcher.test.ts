import { describe, expect, it } from 'vitest';
import { PhraseMatcher, phraseKey } from '@/utils/mentions/phrase-matcher';

describe('PhraseMatcher', () => {
  const m = new PhraseMatcher<string>();
  for (const p of ['market cap', 'on-chain', "ocean's eleven", 'token', 'मार्केट कैप', 'क्रिप्टो']) m.add(p, p);

  it('finds whole-word phrases in any case, longest first, with offsets', () => {
    const text = 'Its Market Cap and on chain TOKEN tokens';
    expect(m.find(text).map((h) => [text.slice(h.start, h.end), h.value])).toEqual([
      ['Market Cap', 'market cap'],
      ['on chain', 'on-chain'],
      ['TOKEN', 'token'],
    ]);
  });

  it('keeps Devanagari words whole, vowel signs included', () => {
    const text = 'क्रिप्टो का मार्केट कैप बढ़ा, क्रिप्टोकरेंसी नहीं';
    expect(m.find(text).map((h) => h.value)).toEqual(['क्रिप्टो', 'मार्केट कैप']);
  });

  it('never joins words across a line break, and searches only the given range', () => {
    expect(m.find('market\ncap')).toEqual([]);
    const text = "token ... Ocean's Eleven";
    expect(m.find(text, 6).map((h) => h.value)).toEqual(["ocean's eleven"]);
  });

  it('matches in the case given when case-sensitive', () => {
    const c = new PhraseMatcher<boolean>(true);
    c.add('BTC', true);
    expect(c.find('BTC and btc').length).toBe(1);
    expect(phraseKey('Erc-20 Token')).toBe('erc 20 token');
  });
});
