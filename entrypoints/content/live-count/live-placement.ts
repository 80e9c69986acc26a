/**
 * Where the live count goes (pure, unit-tested): outside the prompt box's
 * frame (the box, or the composer around it: see live-host.tsx), so it
 * never covers the text or the site's buttons inside the frame; inside the
 * viewport. Tries, in order: below the frame, right-aligned with it; above
 * it; to its right; and only when the frame fills the viewport, inside its
 * visible bottom-right corner (the counter lets clicks through).
 */
import type { Rect } from '../selection-badge/badge-placement';

export type { Rect };

export interface LivePlacement {
  left: number;
  top: number;
  where: 'below' | 'above' | 'right' | 'inside';
}

export const LIVE_GAP = 4;
export const LIVE_MARGIN = 4;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(v, Math.max(lo, hi)));

export function placeLiveCount(frame: Rect, size: { width: number; height: number }, viewport: { width: number; height: number }): LivePlacement {
  const right = frame.left + frame.width;
  const bottom = frame.top + frame.height;
  const maxLeft = viewport.width - size.width - LIVE_MARGIN;
  const maxTop = viewport.height - size.height - LIVE_MARGIN;
  const alignedLeft = clamp(right - size.width, LIVE_MARGIN, maxLeft);
  const below = bottom + LIVE_GAP;
  if (below <= maxTop) return { left: alignedLeft, top: below, where: 'below' };
  const above = frame.top - LIVE_GAP - size.height;
  if (above >= LIVE_MARGIN) return { left: alignedLeft, top: above, where: 'above' };
  const besideLeft = right + LIVE_GAP;
  if (besideLeft <= maxLeft) return { left: besideLeft, top: clamp(Math.min(bottom, viewport.height) - size.height, LIVE_MARGIN, maxTop), where: 'right' };
  return {
    left: alignedLeft - LIVE_GAP,
    top: clamp(Math.min(bottom, viewport.height) - size.height - LIVE_GAP, LIVE_MARGIN, maxTop),
    where: 'inside',
  };
}

/** Whether any of the frame is in the viewport (a box scrolled away takes its count with it). */
export function frameVisible(frame: Rect, viewport: { width: number; height: number }): boolean {
  return frame.width > 0 && frame.height > 0 && frame.top + frame.height > 0 && frame.top < viewport.height && frame.left + frame.width > 0 && frame.left < viewport.width;
}
