import { describe, expect, it } from 'vitest';
import {
  blockOf,
  estimateHeight,
  makeBlocks,
  nextRange,
  offsetsOf,
  pieceStyle,
  runsOf,
  utf8Length,
  visibleBlocks,
} from '@/components/token-view/layout';

describe('token view layout', () => {
  it('cuts the pieces into blocks that cover them in order, ending after line breaks where it can', () => {
    const text = ('word '.repeat(30) + '\n').repeat(40);
    // One piece per 5 characters ("word ") and one per line break.
    const ends: number[] = [];
    for (let i = 0; i < text.length; ) {
      i = text[i] === '\n' ? i + 1 : i + 5;
      ends.push(i);
    }
    const pieceEnds = Int32Array.from(ends);
    const blocks = makeBlocks(text, pieceEnds, 400, 100);
    expect(blocks.at(-1)).toBe(pieceEnds.length);
    for (let b = 1; b < blocks.length; b++) expect(blocks[b]!).toBeGreaterThan(blocks[b - 1]!);
    for (let b = 0; b < blocks.length - 1; b++) {
      const last = blocks[b]! - 1;
      const start = last > 0 ? pieceEnds[last - 1]! : 0;
      // Half full by then (at most 100 pieces of 5 characters): every block ends with a line break.
      expect(text.slice(start, pieceEnds[last]!)).toBe('\n');
    }
    expect(blockOf(blocks, 0)).toBe(0);
    expect(blockOf(blocks, blocks[0]!)).toBe(1);
    expect(blockOf(blocks, pieceEnds.length - 1)).toBe(blocks.length - 1);
    // Without line breaks, blocks are cut when full.
    expect(makeBlocks('x'.repeat(1000), Int32Array.from({ length: 1000 }, (_, i) => i + 1), 400, 100)).toEqual(Int32Array.from([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]));
  });

  it('estimates heights from lines and wrapping, and finds the blocks in view', () => {
    expect(estimateHeight('abc\ndefghij\n', 0, 12, 5, 20)).toBe((1 + 2) * 20);
    const offsets = offsetsOf(Float64Array.from([100, 50, 200, 100]));
    expect(Array.from(offsets)).toEqual([0, 100, 150, 350, 450]);
    expect(visibleBlocks(offsets, 0, 120)).toEqual([0, 2]);
    expect(visibleBlocks(offsets, 160, 170)).toEqual([2, 3]);
    expect(visibleBlocks(offsets, 440, 900)).toEqual([3, 4]);
  });

  it('adds at most a few blocks a frame, the visible ones first, and starts over after a jump', () => {
    expect(nextRange([0, 0], [0, 6], [0, 3], 1)).toEqual([0, 1]);
    expect(nextRange([0, 1], [0, 6], [0, 3], 1)).toEqual([0, 2]);
    expect(nextRange([2, 4], [0, 6], [1, 3], 2)).toEqual([1, 5]);
    // Blocks no longer wanted go at once.
    expect(nextRange([0, 6], [3, 7], [4, 6], 1)).toEqual([3, 7]);
    // A jump far away: from the top of the visible part.
    expect(nextRange([0, 6], [40, 46], [41, 44], 2)).toEqual([41, 43]);
    // Converged: nothing changes.
    expect(nextRange([3, 7], [3, 7], [4, 6], 1)).toEqual([3, 7]);
  });

  it('marks whitespace: a leading space or a run of spaces by style, line breaks and tabs as runs of their own', () => {
    expect(pieceStyle('word')).toBe('plain');
    expect(pieceStyle(' word')).toBe('lead');
    expect(pieceStyle('   ')).toBe('spaces');
    expect(pieceStyle('  word')).toBe('runs');
    expect(pieceStyle('.\n')).toBe('runs');
    expect(runsOf('a  b\n\tc')).toEqual([
      { text: 'a', mark: null },
      { text: '  ', mark: 'space' },
      { text: 'b', mark: null },
      { text: '\n', mark: 'newline' },
      { text: '\t', mark: 'tab' },
      { text: 'c', mark: null },
    ]);
    expect(runsOf('x\r\n').map((r) => r.text).join('')).toBe('x\r\n');
  });

  it('counts UTF-8 bytes as the tokenizer does', () => {
    expect(utf8Length('aé中😀')).toBe(1 + 2 + 3 + 4);
    expect(utf8Length('\ud800x')).toBe(3 + 1);
    expect(utf8Length('hello', 1, 3)).toBe(2);
  });
});
