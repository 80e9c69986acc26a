import { describe, expect, it } from 'vitest';
import { sparklinePoints } from '@/components/ui/Sparkline';

describe('sparklinePoints', () => {
  it('scales a series into the box, highest value at the top', () => {
    const points = sparklinePoints([1, 3, 2], 100, 10).split(' ');
    expect(points).toEqual(['0.0,9.0', '50.0,1.0', '100.0,5.0']);
  });

  it('draws nothing for fewer than two usable points, and a flat line for a flat series', () => {
    expect(sparklinePoints([], 100, 10)).toBe('');
    expect(sparklinePoints([5, Number.NaN], 100, 10)).toBe('');
    expect(sparklinePoints([2, 2], 100, 10)).toBe('0.0,9.0 100.0,9.0');
  });

  it('samples long series down to about one point per pixel', () => {
    const long = Array.from({ length: 1000 }, (_, i) => i);
    expect(sparklinePoints(long, 100, 10).split(' ').length).toBeLessThanOrEqual(101);
  });
});
