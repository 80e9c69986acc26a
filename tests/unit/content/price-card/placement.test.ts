import { describe, expect, it } from 'vitest';
import { MARGIN, placeCard } from '@/entrypoints/content/price-card/placement';

const viewport = { width: 800, height: 600 };
const card = { width: 300, height: 200 };

describe('placeCard', () => {
  it('puts the card below the mention when it fits', () => {
    const p = placeCard({ left: 100, top: 100, width: 40, height: 20 }, card, viewport);
    expect(p).toEqual({ left: 100, top: 126, side: 'below' });
  });

  it('flips above near the bottom of the viewport', () => {
    const p = placeCard({ left: 100, top: 500, width: 40, height: 20 }, card, viewport);
    expect(p.side).toBe('above');
    expect(p.top + card.height).toBeLessThanOrEqual(500);
  });

  it('stays inside the viewport at the right edge and in tiny viewports', () => {
    const p = placeCard({ left: 780, top: 10, width: 40, height: 20 }, card, viewport);
    expect(p.left + card.width).toBeLessThanOrEqual(viewport.width - MARGIN);
    const tiny = placeCard({ left: 50, top: 50, width: 40, height: 20 }, card, { width: 200, height: 150 });
    expect(tiny.left).toBe(MARGIN);
    expect(tiny.top).toBe(MARGIN);
  });
});
