import { afterEach, describe, expect, it } from 'vitest';
import { MentionIndex, type PageMention } from '@/entrypoints/content/mentions/mention-index';

/** A mention over `node`'s characters [start, end). */
function mention(coinId: string, node: Text, start: number, end: number): PageMention {
  return {
    coinId,
    symbol: coinId.toUpperCase(),
    kind: 'cashtag',
    parts: [{ node, start, end }],
    range: new StaticRange({ startContainer: node, startOffset: start, endContainer: node, endOffset: end }),
  };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('MentionIndex over real text nodes', () => {
  it('finds mentions by node and offset, counts them per coin, and sweeps those whose nodes left the page', () => {
    document.body.innerHTML = '<p id="a">$TAO and $FET</p><p id="b">$TAO again</p>';
    const a = document.querySelector('#a')!.firstChild as Text;
    const b = document.querySelector('#b')!.firstChild as Text;
    const index = new MentionIndex();
    const tao = mention('bittensor', a, 0, 4);
    const fet = mention('fetch-ai', a, 9, 13);
    const tao2 = mention('bittensor', b, 0, 4);
    for (const m of [tao, fet, tao2]) expect(index.add(m)).toBe(true);

    expect(index.at(a, 2)).toEqual([tao]);
    expect(index.at(a, 4)).toEqual([tao]); // either edge counts
    expect(index.at(a, 6)).toEqual([]);
    expect(index.at(a, 10)).toEqual([fet]);
    expect(index.inNode(b)).toEqual([tao2]);
    expect(Object.fromEntries(index.counts())).toEqual({
      bittensor: { symbol: 'BITTENSOR', count: 2 },
      'fetch-ai': { symbol: 'FETCH-AI', count: 1 },
    });

    document.querySelector('#b')!.remove();
    expect(index.sweep()).toEqual([tao2]);
    expect(index.size).toBe(2);
    expect(index.nodeCount).toBe(1);
    expect(index.removeNode(a).sort((x, y) => x.parts[0]!.start - y.parts[0]!.start)).toEqual([tao, fet]);
    expect(index.size).toBe(0);
    expect(index.nodeCount).toBe(0);
  });
});
