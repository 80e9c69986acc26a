/**
 * Reads what the user has selected: text in a textarea or text input (the
 * page's selection API does not show it), or the document's selection.
 * Returns a snapshot that knows how to get the text and where the selection
 * is on screen, without ever changing the selection or the focus.
 */
import type { Rect } from './badge-placement';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'tel', '']);

/** Above this many characters, the selection's boxes are not measured (it covers the page anyway). */
export const MEASURE_MAX_CHARS = 20_000;

export interface SelectionSnapshot {
  kind: 'field' | 'range';
  /** Same key, same selection: lets watchers skip repeats cheaply. */
  key: string;
  /** The selected text, read once on first use. */
  text(): string;
  /** The selection's boxes in viewport coordinates, as of now (empty when not worth measuring). */
  rects(): Rect[];
  /** An element inside the selection (for matching the page's colours). */
  element: Element | null;
}

let nextId = 1;
const ids = new WeakMap<object, number>();
const idOf = (o: object) => {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
};

type Field = HTMLTextAreaElement | HTMLInputElement;

/** The focused element, looking inside open shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let el = root.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

function asTextField(el: Element | null): Field | null {
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(el.type)) return el;
  return null;
}

const toRect = (r: DOMRect | DOMRectReadOnly): Rect => ({ left: r.left, top: r.top, width: r.width, height: r.height });

function fieldSnapshot(field: Field): SelectionSnapshot | null {
  const start = field.selectionStart;
  const end = field.selectionEnd;
  if (start === null || end === null || start === end) return null;
  let text: string | null = null;
  return {
    kind: 'field',
    key: `field:${idOf(field)}:${start}:${end}:${field.value.length}`,
    text: () => (text ??= field.value.slice(start, end)),
    // Inside a field the selected lines are not measurable: keep clear of the whole field.
    rects: () => [toRect(field.getBoundingClientRect())],
    element: field,
  };
}

function rangeSnapshot(selection: Selection): SelectionSnapshot | null {
  if (selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  // Where the selection starts decides the colours (a triple click also takes the next block's start).
  const node = range.startContainer;
  const element = node instanceof Element ? node : node.parentElement;
  let text: string | null = null;
  const read = () => (text ??= selection.rangeCount > 0 ? selection.toString() : '');
  return {
    kind: 'range',
    key: `range:${idOf(range.startContainer)}:${range.startOffset}:${idOf(range.endContainer)}:${range.endOffset}`,
    text: read,
    rects: () => {
      if (read().length > MEASURE_MAX_CHARS) return [];
      return Array.from(range.getClientRects(), toRect);
    },
    element,
  };
}

/** The current selection, or null when nothing (or a password) is selected. */
export function readSelection(): SelectionSnapshot | null {
  const field = asTextField(deepActiveElement());
  if (field) return fieldSnapshot(field);
  const active = deepActiveElement();
  if (active instanceof HTMLInputElement && active.type === 'password') return null;
  const selection = document.getSelection();
  return selection ? rangeSnapshot(selection) : null;
}
