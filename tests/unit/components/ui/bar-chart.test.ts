import { describe, expect, it } from 'vitest';
import { barRects } from '@/components/ui/BarChart';

describe('barRects', () => {
  it('gives equal bars with gaps, scaled to the largest value, and a stub for zero', () => {
    const bars = barRects([0, 5, 10], 32, 20, 1);
    expect(bars.map((b) => b.width)).toEqual([10, 10, 10]);
    expect(bars.map((b) => b.x)).toEqual([0, 11, 22]);
    expect(bars.map((b) => b.height)).toEqual([1, 10, 20]);
    for (const b of bars) expect(b.y + b.height).toBe(20);
    expect(barRects([], 10, 10)).toEqual([]);
    expect(barRects([0, 0], 10, 10).map((b) => b.height)).toEqual([1, 1]);
    // A tiny value still shows.
    expect(barRects([1, 10_000], 10, 10)[0]!.height).toBe(2);
  });
});
