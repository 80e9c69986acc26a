import { describe, expect, it } from 'vitest';
import { intersects, placeBadge, BADGE_MARGIN, type Rect } from '@/entrypoints/content/selection-badge/badge-placement';

const viewport = { width: 1000, height: 700 };
const badge = { width: 120, height: 30 };
const boxOf = (p: { left: number; top: number }): Rect => ({ ...p, ...badge });
const inside = (p: { left: number; top: number }) =>
  p.left >= BADGE_MARGIN && p.top >= BADGE_MARGIN && p.left + badge.width <= viewport.width - BADGE_MARGIN && p.top + badge.height <= viewport.height - BADGE_MARGIN;

describe('badge placement', () => {
  it('goes just below the end of a selection, ending where it ends', () => {
    const lines: Rect[] = [
      { left: 100, top: 100, width: 600, height: 24 },
      { left: 100, top: 124, width: 300, height: 24 },
    ];
    const p = placeBadge(lines, badge, viewport);
    expect(p.where).toBe('below');
    expect(p.top).toBe(154);
    expect(p.left + badge.width).toBe(400);
    expect(lines.some((r) => intersects(boxOf(p), r))).toBe(false);
  });

  it('goes above when the selection ends at the bottom of the viewport', () => {
    const lines: Rect[] = [{ left: 50, top: 650, width: 400, height: 40 }];
    const p = placeBadge(lines, badge, viewport);
    expect(p.where).not.toBe('below');
    expect(inside(p)).toBe(true);
    expect(intersects(boxOf(p), lines[0]!)).toBe(false);
  });

  it('never covers a selection of many boxes (columns) when any free place exists', () => {
    const columns: Rect[] = [];
    for (let i = 0; i < 20; i++) columns.push({ left: 10 + (i % 2) * 490, top: 10 + Math.floor(i / 2) * 60, width: 480, height: 58 });
    const p = placeBadge(columns, badge, viewport);
    expect(inside(p)).toBe(true);
    expect(columns.some((r) => intersects(boxOf(p), r))).toBe(false);
  });

  it('uses a corner for a selection it does not measure (huge), and admits overlap only when the page is covered', () => {
    expect(placeBadge([], badge, viewport)).toEqual({ left: 1000 - 8 - 120, top: 700 - 8 - 30, where: 'corner' });
    const all: Rect[] = [{ left: 0, top: 0, width: 1000, height: 700 }];
    expect(placeBadge(all, badge, viewport).where).toBe('overlap');
  });

  it('ignores empty boxes', () => {
    const p = placeBadge([{ left: 300, top: 300, width: 0, height: 20 }], badge, viewport);
    expect(p.where).toBe('corner');
  });
});
