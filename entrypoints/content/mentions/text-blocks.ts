/**
 * Reads a page's visible prose as text, block by block, for the detector:
 * consecutive text nodes of one block (a paragraph, a list item, a table
 * cell) are joined, blocks are separated by a newline, and every character
 * maps back to its text node. Skips what is not prose the user reads:
 * form fields, editors, scripts, styles, code, SVG, and Token Insight's own UI.
 * Resumable, so a large page is read in short slices.
 */

/** Elements whose text is never read (matched on `localName`). */
export const SKIP_ELEMENTS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup', 'button',
  'code', 'pre', 'kbd', 'samp', 'var', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed', 'video', 'audio',
  'head', 'title', 'img', 'picture',
]);

/** Elements that start a new block of text. */
export const BLOCK_ELEMENTS = new Set([
  'html', 'body', 'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th',
  'ul', 'caption', 'legend', 'label', 'menu', 'search',
]);

/** Tag-name prefix of Token Insight's in-page UI (shadow hosts). */
export const OWN_UI_PREFIX = 'token-insight';

/** A CSS selector for everything skipped, for `closest()` checks on mutations. */
export const SKIP_SELECTOR = [
  ...SKIP_ELEMENTS,
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[hidden]',
].join(',');

export function isSkippedElement(el: Element): boolean {
  const name = el.localName;
  if (SKIP_ELEMENTS.has(name) || name.startsWith(OWN_UI_PREFIX)) return true;
  // Most elements have no attributes at all: skip the three lookups below.
  if (!el.hasAttributes()) return false;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  return el.getAttribute('role') === 'textbox' || el.hasAttribute('hidden');
}

/** True when `node` lies inside something whose text is never read. */
export function isInsideSkipped(node: Node): boolean {
  const el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  if (!el) return true;
  if (el.closest(SKIP_SELECTOR)) return true;
  for (let e: Element | null = el; e; e = e.parentElement) if (e.localName.startsWith(OWN_UI_PREFIX)) return true;
  return false;
}

export function isBlockElement(el: Element): boolean {
  return BLOCK_ELEMENTS.has(el.localName);
}

/** The nearest block element containing `node` (or the node itself when it is one). */
export function blockOf(node: Node): Element | null {
  let el = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  while (el && !isBlockElement(el)) el = el.parentElement;
  return el;
}

export interface Segment {
  node: Text;
  /** Offset of this piece in the chunk's text. */
  start: number;
  /** Offset of this piece in the node's data. */
  nodeStart: number;
  length: number;
}

export interface TextChunk {
  text: string;
  segments: Segment[];
}

/** Chunks end at a block boundary once they reach this size. */
export const CHUNK_CHARS = 2_000;
/** A single text node longer than this is read in pieces (cut at a space). */
const PIECE_CHARS = 4_000;

/** Finds the chunk position's text node and offset (binary search). */
export function locate(chunk: TextChunk, offset: number, preferEnd = false): { node: Text; offset: number } | null {
  const segs = chunk.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.start + s.length || (offset === s.start + s.length && !preferEnd)) lo = mid + 1;
    else return { node: s.node, offset: s.nodeStart + offset - s.start };
  }
  return null;
}

/**
 * Walks `root` in document order and hands out chunks. Call `next(hasTime)`
 * until it returns `null` (done); it returns `'paused'` when `hasTime()` says
 * the slice is over.
 */
export class TextBlockReader {
  private walker: TreeWalker;
  private text = '';
  private segments: Segment[] = [];
  private lastBlock: Element | null = null;
  private pendingNode: Text | null = null;
  private pendingFrom = 0;
  private done = false;
  /** Whether `text` ends with a newline. */
  private endsWithBreak = false;
  private blockCache = new Map<Element, Element | null>();

  constructor(readonly root: Node) {
    const doc = root.ownerDocument ?? (root as Document);
    // No filter callback: the browser calling back into JavaScript for every
    // node cost more than the walk itself; skipped subtrees are stepped over in `nextNode`.
    this.walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    if (root.nodeType === Node.TEXT_NODE) {
      this.pendingNode = root as Text;
      this.done = true;
    }
  }

  private blockFor(parent: Element | null): Element | null {
    if (!parent) return null;
    if (this.blockCache.has(parent)) return this.blockCache.get(parent)!;
    const b = isBlockElement(parent) ? parent : this.blockFor(parent.parentElement);
    this.blockCache.set(parent, b);
    return b;
  }

  /** The next text node or <br> in document order, stepping over skipped subtrees. */
  private nextNode(): Node | null {
    const w = this.walker;
    let node = w.nextNode();
    while (node) {
      if (node.nodeType === Node.TEXT_NODE) return node;
      const el = node as Element;
      if (el.localName === 'br') return el;
      if (!isSkippedElement(el)) {
        node = w.nextNode();
        continue;
      }
      // Past the skipped element's subtree: its next sibling, or an ancestor's (never leaving the root).
      node = w.nextSibling();
      while (!node && w.parentNode()) node = w.nextSibling();
    }
    return null;
  }

  private flush(): TextChunk | null {
    this.endsWithBreak = false;
    if (this.segments.length === 0) {
      this.text = '';
      return null;
    }
    const chunk = { text: this.text, segments: this.segments };
    this.text = '';
    this.segments = [];
    return chunk;
  }

  private separate() {
    // A flag, not `text.endsWith()`: reading the end of a string built by `+=` copies it whole.
    if (this.text && !this.endsWithBreak) {
      this.text += '\n';
      this.endsWithBreak = true;
    }
  }

  /** Adds (part of) a text node; returns a chunk when one is full. */
  private addText(node: Text): TextChunk | null {
    const data = node.data;
    const from = this.pendingFrom;
    let to = data.length;
    if (to - from > PIECE_CHARS) {
      const cut = data.lastIndexOf(' ', from + PIECE_CHARS);
      to = cut > from + PIECE_CHARS / 2 ? cut + 1 : from + PIECE_CHARS;
    }
    const block = this.blockFor(node.parentElement);
    if (block !== this.lastBlock) {
      if (from === 0 && !/\S/.test(data)) return null;
      if (this.text.length >= CHUNK_CHARS) {
        const chunk = this.flush();
        this.lastBlock = block;
        this.pendingFrom = from;
        this.pendingNode = node;
        return chunk;
      }
      this.separate();
      this.lastBlock = block;
    }
    this.segments.push({ node, start: this.text.length, nodeStart: from, length: to - from });
    this.text += from === 0 && to === data.length ? data : data.slice(from, to);
    if (to > from) this.endsWithBreak = data.charCodeAt(to - 1) === 10;
    if (to < data.length) {
      // A giant text node: hand out what we have and continue from `to`.
      this.pendingNode = node;
      this.pendingFrom = to;
      return this.flush();
    }
    this.pendingNode = null;
    this.pendingFrom = 0;
    return null;
  }

  next(hasTime: () => boolean): TextChunk | 'paused' | null {
    let steps = 0;
    for (;;) {
      if (this.pendingNode) {
        const node = this.pendingNode;
        this.pendingNode = null;
        const chunk = this.addText(node);
        if (chunk) return chunk;
        if (this.pendingNode) continue;
      }
      if (this.done) return this.flush();
      if (++steps % 256 === 0 && !hasTime()) return 'paused';
      const node = this.nextNode();
      if (!node) {
        this.done = true;
        return this.flush();
      }
      if (node.nodeType === Node.TEXT_NODE) {
        this.pendingFrom = 0;
        const chunk = this.addText(node as Text);
        if (chunk) return chunk;
      } else {
        // <br>
        this.separate();
      }
    }
  }
}
