/**
 * Where the hover card goes: below the mention if it fits, above otherwise,
 * always inside the viewport (pure, unit-tested).
 */
export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  side: 'below' | 'above';
}

export const GAP = 6;
export const MARGIN = 8;

export function placeCard(anchor: Box, card: { width: number; height: number }, viewport: { width: number; height: number }): Placement {
  const below = anchor.top + anchor.height + GAP;
  const above = anchor.top - GAP - card.height;
  const fitsBelow = below + card.height <= viewport.height - MARGIN;
  const fitsAbove = above >= MARGIN;
  let side: Placement['side'] = 'below';
  let top = below;
  if (!fitsBelow && (fitsAbove || anchor.top > viewport.height - (anchor.top + anchor.height))) {
    side = 'above';
    top = above;
  }
  top = clamp(top, MARGIN, viewport.height - MARGIN - card.height);
  const left = clamp(anchor.left, MARGIN, viewport.width - MARGIN - card.width);
  return { left, top, side };
}

function clamp(v: number, lo: number, hi: number): number {
  // A card larger than the viewport sticks to the top-left margin.
  return Math.max(lo, Math.min(v, Math.max(lo, hi)));
}
