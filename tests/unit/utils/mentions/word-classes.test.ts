/** The names' regex as a trie: the same matches as a flat alternation, longest first, in the letter case asked for. */
import { describe, expect, it } from 'vitest';
import { groupBounded, literal, trieSource } from '@/utils/mentions/word-classes';

const all = (source: string, text: string) => [...text.matchAll(new RegExp(source, 'gu'))].map((m) => m[0]);

describe('trieSource', () => {
  it('matches what the flat alternation of the same literals matches, taking the longest', () => {
    const patterns = ['Render', 'Render Network', 'Rendering Co', 'io.net', 'Ocean Protocol', 'Ocean'].map((text) => ({ source: literal(text, false), text }));
    const text = 'Render Network and Render, io.net, Ocean  Protocol, Oceans, Rendering Co';
    const flat = groupBounded(patterns.map((p) => ({ ...p })).sort((a, b) => b.text.length - a.text.length));
    expect(all(flat, text)).toEqual(['Render Network', 'Render', 'io.net', 'Ocean  Protocol', 'Rendering Co']);
    expect(all(trieSource(patterns), 'Render Network and Render')).toEqual(['Render Network', 'Render']);
  });

  it('folds letter case only for the literals that ask for it', () => {
    const source = trieSource([
      { source: '', text: 'Bittensor', anyCase: true },
      { source: '', text: 'Kaito' },
    ]);
    expect(all(source, 'BITTENSOR bittensor Kaito KAITO kaito')).toEqual(['BITTENSOR', 'bittensor', 'Kaito']);
  });

  it('matches nothing when empty', () => {
    expect(all(trieSource([]), 'anything')).toEqual([]);
  });
});
