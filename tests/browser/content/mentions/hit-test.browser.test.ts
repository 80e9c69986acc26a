import { afterEach, describe, expect, it } from 'vitest';
import { caretAtPoint, mentionAtPoint, mentionsInRange, rangeOf } from '@/entrypoints/content/mentions/hit-test';
import { MentionIndex, type PageMention } from '@/entrypoints/content/mentions/mention-index';

function mention(coinId: string, parts: { node: Text; start: number; end: number }[]): PageMention {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  return {
    coinId,
    symbol: coinId,
    kind: 'cashtag',
    parts,
    range: new StaticRange({ startContainer: first.node, startOffset: first.start, endContainer: last.node, endOffset: last.end }),
  };
}

const centre = (r: DOMRect) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 });

/** A page with "$TAO" (one node) and "$FET" split over two elements, in a large font. */
function page() {
  document.body.innerHTML =
    '<p style="font: 32px/1.5 sans-serif; margin: 20px; width: 900px">Stake <span id="tao">$TAO</span> or <b>$F</b><i>ET</i> now, plain words after.</p>';
  const taoNode = document.querySelector('#tao')!.firstChild as Text;
  const f = document.querySelector('b')!.firstChild as Text;
  const et = document.querySelector('i')!.firstChild as Text;
  const index = new MentionIndex();
  const tao = mention('bittensor', [{ node: taoNode, start: 0, end: 4 }]);
  const fet = mention('fetch-ai', [
    { node: f, start: 0, end: 2 },
    { node: et, start: 0, end: 2 },
  ]);
  index.add(tao);
  index.add(fet);
  return { index, tao, fet, taoNode, et };
}

afterEach(() => {
  document.body.replaceChildren();
  getSelection()?.removeAllRanges();
});

describe('hit-test in a real layout', () => {
  it('finds the mention under a point, on either part of a split one, and nothing beside it', () => {
    const { index, tao, fet, taoNode } = page();
    const taoBox = document.querySelector('#tao')!.getBoundingClientRect();
    const { x, y } = centre(taoBox);
    expect(caretAtPoint(x, y)?.node).toBe(taoNode);
    const hit = mentionAtPoint(index, x, y);
    expect(hit?.mention).toBe(tao);
    expect(hit!.box.left).toBeCloseTo(taoBox.left, 0);

    for (const sel of ['b', 'i']) {
      const p = centre(document.querySelector(sel)!.getBoundingClientRect());
      expect(mentionAtPoint(index, p.x, p.y)?.mention).toBe(fet);
    }
    // Plain words, the empty space right of the text and above the paragraph hit nothing.
    const words = document.querySelector('p')!.getBoundingClientRect();
    expect(mentionAtPoint(index, words.right - 5, y)).toBeNull();
    expect(mentionAtPoint(index, x, words.top - 15)).toBeNull();
    expect(mentionAtPoint(new MentionIndex(), x, y)).toBeNull();
  });

  it('gives no range for a mention whose text left the page', () => {
    const { tao } = page();
    expect(rangeOf(tao)?.toString()).toBe('$TAO');
    document.querySelector('#tao')!.remove();
    expect(rangeOf(tao)).toBeNull();
  });

  it('lists the mentions a selection covers, in document order', () => {
    const { index, tao, fet, taoNode, et } = page();
    const range = document.createRange();
    range.setStart(taoNode, 2);
    range.setEnd(et, 1);
    expect(mentionsInRange(index, range)).toEqual([tao, fet]);
    const inside = document.createRange();
    inside.setStart(taoNode, 1);
    inside.setEnd(taoNode, 3);
    expect(mentionsInRange(index, inside)).toEqual([tao]);
    const none = document.createRange();
    none.selectNodeContents(document.querySelector('p')!.lastChild!);
    expect(mentionsInRange(index, none)).toEqual([]);
  });
});
