/**
 * Where the token badge goes (pure, unit-tested): next to the end of the
 * selection without covering any of its boxes, inside the viewport. Tries,
 * in order: below the last line, right of the last line, above the first
 * line, below and above the whole selection, then the viewport's corners.
 * Only when every place overlaps the selection (select-all) does it settle
 * for the bottom-right corner.
 */
export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface BadgePlacement {
  left: number;
  top: number;
  /** Which rule placed it; `overlap` means no free place existed. */
  where: 'below' | 'right' | 'above' | 'below-all' | 'above-all' | 'corner' | 'overlap';
}

export const BADGE_GAP = 6;
export const BADGE_MARGIN = 8;

const right = (r: Rect) => r.left + r.width;
const bottom = (r: Rect) => r.top + r.height;

export function intersects(a: Rect, b: Rect): boolean {
  return a.left < right(b) && b.left < right(a) && a.top < bottom(b) && b.top < bottom(a);
}

function union(rects: readonly Rect[]): Rect {
  let l = Infinity;
  let t = Infinity;
  let r = -Infinity;
  let b = -Infinity;
  for (const x of rects) {
    l = Math.min(l, x.left);
    t = Math.min(t, x.top);
    r = Math.max(r, right(x));
    b = Math.max(b, bottom(x));
  }
  return { left: l, top: t, width: r - l, height: b - t };
}

/**
 * @param selection the selection's boxes in viewport coordinates (empty boxes ignored)
 * @param badge the badge's size
 * @param viewport the viewport's size
 */
export function placeBadge(
  selection: readonly Rect[],
  badge: { width: number; height: number },
  viewport: { width: number; height: number },
): BadgePlacement {
  const boxes = selection.filter((r) => r.width > 0 && r.height > 0);
  const { width: w, height: h } = badge;
  const maxLeft = viewport.width - BADGE_MARGIN - w;
  const maxTop = viewport.height - BADGE_MARGIN - h;
  const clampLeft = (x: number) => Math.max(BADGE_MARGIN, Math.min(x, maxLeft));
  const fits = (left: number, top: number) =>
    left >= BADGE_MARGIN - 0.5 && top >= BADGE_MARGIN - 0.5 && left <= maxLeft + 0.5 && top <= maxTop + 0.5;
  const free = (left: number, top: number) => {
    const box = { left, top, width: w, height: h };
    return boxes.every((r) => !intersects(box, r));
  };

  const candidates: [BadgePlacement['where'], number, number][] = [];
  if (boxes.length > 0) {
    const first = boxes[0]!;
    const last = boxes[boxes.length - 1]!;
    const all = union(boxes);
    candidates.push(
      ['below', clampLeft(right(last) - w), bottom(last) + BADGE_GAP],
      ['right', right(last) + BADGE_GAP, last.top + (last.height - h) / 2],
      ['above', clampLeft(first.left), first.top - BADGE_GAP - h],
      ['below-all', clampLeft(right(all) - w), bottom(all) + BADGE_GAP],
      ['above-all', clampLeft(all.left), all.top - BADGE_GAP - h],
    );
  }
  candidates.push(
    ['corner', maxLeft, maxTop],
    ['corner', maxLeft, BADGE_MARGIN],
    ['corner', BADGE_MARGIN, maxTop],
    ['corner', BADGE_MARGIN, BADGE_MARGIN],
  );
  for (const [where, left, top] of candidates) {
    if (fits(left, top) && free(left, top)) return { left, top, where };
  }
  return { left: Math.max(BADGE_MARGIN, maxLeft), top: Math.max(BADGE_MARGIN, maxTop), where: 'overlap' };
}
