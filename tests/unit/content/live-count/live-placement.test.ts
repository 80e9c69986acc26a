import { describe, expect, it } from 'vitest';
import { frameVisible, LIVE_GAP, LIVE_MARGIN, placeLiveCount, type Rect } from '@/entrypoints/content/live-count/live-placement';
import { intersects } from '@/entrypoints/content/selection-badge/badge-placement';

const viewport = { width: 1000, height: 700 };
const size = { width: 220, height: 24 };
const at = (p: { left: number; top: number }): Rect => ({ ...p, ...size });
const inside = (p: { left: number; top: number }) =>
  p.left >= LIVE_MARGIN && p.top >= LIVE_MARGIN && p.left + size.width <= viewport.width - LIVE_MARGIN && p.top + size.height <= viewport.height - LIVE_MARGIN;

describe('live count placement', () => {
  it('goes just below the frame, right-aligned with it, covering none of it', () => {
    const frame = { left: 100, top: 200, width: 600, height: 120 };
    const p = placeLiveCount(frame, size, viewport);
    expect(p).toEqual({ left: 700 - size.width, top: 320 + LIVE_GAP, where: 'below' });
    expect(intersects(at(p), frame)).toBe(false);
  });

  it('goes above a composer at the bottom of the window (as chat sites place theirs)', () => {
    const frame = { left: 100, top: 560, width: 800, height: 130 };
    const p = placeLiveCount(frame, size, viewport);
    expect(p.where).toBe('above');
    expect(p.top + size.height).toBe(560 - LIVE_GAP);
    expect(intersects(at(p), frame)).toBe(false);
    expect(inside(p)).toBe(true);
  });

  it('goes beside a box as tall as the window, and inside its corner only when nothing else fits', () => {
    const tall = { left: 50, top: 0, width: 500, height: 700 };
    const beside = placeLiveCount(tall, size, viewport);
    expect(beside.where).toBe('right');
    expect(intersects(at(beside), tall)).toBe(false);
    expect(inside(beside)).toBe(true);
    const full = { left: 0, top: 0, width: 1000, height: 700 };
    const corner = placeLiveCount(full, size, viewport);
    expect(corner.where).toBe('inside');
    expect(inside(corner)).toBe(true);
  });

  it('stays in the viewport for a box wider than it or off to one side', () => {
    for (const frame of [
      { left: -300, top: 100, width: 1600, height: 80 },
      { left: -500, top: 100, width: 520, height: 80 },
      { left: 990, top: 100, width: 400, height: 80 },
    ]) expect(inside(placeLiveCount(frame, size, viewport)), JSON.stringify(frame)).toBe(true);
  });

  it('is shown only while some of the frame is in view', () => {
    expect(frameVisible({ left: 0, top: 100, width: 200, height: 50 }, viewport)).toBe(true);
    expect(frameVisible({ left: 0, top: -60, width: 200, height: 50 }, viewport)).toBe(false);
    expect(frameVisible({ left: 0, top: 700, width: 200, height: 50 }, viewport)).toBe(false);
    expect(frameVisible({ left: 0, top: 10, width: 0, height: 0 }, viewport)).toBe(false);
  });
});
