/**
 * Finds the mention under a point: the caret position at the point
 * (`caretPositionFromPoint`, or `caretRangeFromPoint` in older Chromium) is
 * looked up in the index, then confirmed against the mention's boxes, since
 * the caret API also answers for points beside the text.
 */
import type { MentionIndex, PageMention } from './mention-index';

export interface Caret {
  node: Node;
  offset: number;
}

type CaretDoc = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

export function caretAtPoint(x: number, y: number, doc: Document = document): Caret | null {
  const d = doc as CaretDoc;
  if (typeof d.caretPositionFromPoint === 'function') {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : null;
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y);
    return r ? { node: r.startContainer, offset: r.startOffset } : null;
  }
  return null;
}

/** A live Range over the mention (for measuring). */
export function rangeOf(m: PageMention): Range | null {
  const first = m.parts[0];
  const last = m.parts[m.parts.length - 1];
  if (!first || !last || !first.node.isConnected || !last.node.isConnected) return null;
  try {
    const r = first.node.ownerDocument.createRange();
    r.setStart(first.node, first.start);
    r.setEnd(last.node, last.end);
    return r;
  } catch {
    return null; // the text changed under us; a rescan is queued
  }
}

/** The box of the mention that contains the point, with a little slack. */
export function boxAtPoint(m: PageMention, x: number, y: number, slack = 2): DOMRect | null {
  const r = rangeOf(m);
  if (!r) return null;
  for (const box of r.getClientRects()) {
    if (x >= box.left - slack && x <= box.right + slack && y >= box.top - slack && y <= box.bottom + slack) return box;
  }
  return null;
}

export interface Hit {
  mention: PageMention;
  box: DOMRect;
}

export function mentionAtPoint(index: MentionIndex, x: number, y: number, doc: Document = document): Hit | null {
  if (index.size === 0) return null;
  const caret = caretAtPoint(x, y, doc);
  if (!caret || caret.node.nodeType !== Node.TEXT_NODE) return null;
  for (const m of index.at(caret.node, caret.offset)) {
    const box = boxAtPoint(m, x, y);
    if (box) return { mention: m, box };
  }
  return null;
}

/** The mentions that a selection range covers, in document order. */
export function mentionsInRange(index: MentionIndex, range: Range): PageMention[] {
  const out: PageMention[] = [];
  const seen = new Set<PageMention>();
  const root = range.commonAncestorContainer;
  const visit = (node: Node) => {
    for (const m of index.inNode(node)) {
      if (seen.has(m)) continue;
      const mr = rangeOf(m);
      if (!mr) continue;
      // Overlaps: the mention ends after the selection starts and starts before it ends.
      if (mr.compareBoundaryPoints(Range.END_TO_START, range) < 0 && mr.compareBoundaryPoints(Range.START_TO_END, range) > 0) {
        seen.add(m);
        out.push(m);
      }
    }
  };
  if (root.nodeType === Node.TEXT_NODE) {
    visit(root);
    return out;
  }
  const walker = (root.ownerDocument ?? document).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let steps = 0;
  for (let n = walker.nextNode(); n && steps < 5000; n = walker.nextNode(), steps++) {
    if (range.intersectsNode(n)) visit(n);
  }
  return out;
}
