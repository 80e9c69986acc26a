import { afterEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_NAME, MARK_BATCH_MS, MentionHighlighter } from '@/entrypoints/content/mentions/highlighter';
import type { PageMention } from '@/entrypoints/content/mentions/mention-index';

function mentions(n: number): PageMention[] {
  document.body.innerHTML = Array.from({ length: n }, (_, i) => `<p>$TAO ${i}</p>`).join('');
  return [...document.querySelectorAll('p')].map((p) => {
    const node = p.firstChild as Text;
    return {
      coinId: 'bittensor',
      symbol: 'TAO',
      kind: 'cashtag',
      parts: [{ node, start: 0, end: 4 }],
      range: new StaticRange({ startContainer: node, startOffset: 0, endContainer: node, endOffset: 4 }),
    };
  });
}

let highlighter: MentionHighlighter | null = null;
afterEach(() => {
  highlighter?.dispose();
  highlighter = null;
  document.body.replaceChildren();
});

describe('MentionHighlighter with the real CSS Custom Highlight API', () => {
  it('registers one named highlight and marks, batches and unmarks ranges', async () => {
    expect(MentionHighlighter.supported()).toBe(true);
    const [a, b, c, d] = mentions(4) as [PageMention, PageMention, PageMention, PageMention];
    highlighter = new MentionHighlighter();
    const hl = CSS.highlights.get(HIGHLIGHT_NAME)!;
    expect(hl).toBeDefined();
    expect(highlighter.active).toBe(true);

    highlighter.update([a, b], [], true);
    expect(hl.size).toBe(2);
    expect(hl.has(a.range)).toBe(true);

    // Within the batch interval, additions wait; a removal of a waiting one never reaches the page.
    highlighter.update([c, d], []);
    expect(hl.size).toBe(2);
    highlighter.update([], [d, a]);
    expect(hl.size).toBe(1);
    expect(hl.has(a.range)).toBe(false);
    highlighter.flush();
    expect([...hl.keys()]).toEqual([b.range, c.range]);

    // Past the interval an update registers at once.
    await new Promise((r) => setTimeout(r, MARK_BATCH_MS + 20));
    highlighter.update([d], []);
    expect(hl.size).toBe(3);
  });

  it('unregisters its highlight when disposed', () => {
    const [a] = mentions(1) as [PageMention];
    highlighter = new MentionHighlighter();
    highlighter.update([a], [], true);
    highlighter.dispose();
    expect(CSS.highlights.has(HIGHLIGHT_NAME)).toBe(false);
    highlighter.update([a], [], true); // harmless after dispose
    expect(highlighter.active).toBe(false);
  });
});
