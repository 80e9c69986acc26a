/**
 * Pure layout helpers of the token view: the split as the view holds it, the
 * blocks the text is rendered in (only the blocks near the visible part are in
 * the page: see TokenText.tsx), their estimated and measured heights, and the
 * pieces of whitespace made visible.
 */

/** A text's split into tokens (utils/tokens/token-split.ts), as the view received it. */
export interface ViewSplit {
  ids: Int32Array;
  pieceEnds: Int32Array;
  pieceTokenEnds: Int32Array;
}

/** A block holds at most this many characters… */
export const BLOCK_CHARS = 240;
/** …and at most this many pieces; it ends early after a line break once half full. */
export const BLOCK_PIECES = 60;
/** Blocks added to the page per frame at most (scrolling far fills the view over a few frames, never in one long task). */
export const BLOCKS_PER_FRAME = 1;

/** Start (UTF-16 offset) of piece `i`. */
export function pieceStart(split: ViewSplit, i: number): number {
  return i > 0 ? split.pieceEnds[i - 1]! : 0;
}

/** The ids of piece `i`. */
export function pieceIds(split: ViewSplit, i: number): Int32Array {
  return split.ids.subarray(i > 0 ? split.pieceTokenEnds[i - 1]! : 0, split.pieceTokenEnds[i]!);
}

/** UTF-8 length of s[start, end) (a lone surrogate as U+FFFD's 3 bytes). */
export function utf8Length(s: string, start = 0, end = s.length): number {
  let bytes = 0;
  for (let k = start; k < end; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && k + 1 < end && (s.charCodeAt(k + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      k++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Where each block ends (piece index, exclusive). A block ends after a piece
 * holding a line break once it has half its room used, or when full, so
 * paragraphs stay whole where they can.
 */
export function makeBlocks(text: string, pieceEnds: Int32Array, maxChars = BLOCK_CHARS, maxPieces = BLOCK_PIECES): Int32Array {
  const ends: number[] = [];
  let blockStart = 0;
  let pieces = 0;
  for (let i = 0; i < pieceEnds.length; i++) {
    const end = pieceEnds[i]!;
    pieces++;
    const chars = end - blockStart;
    const full = chars >= maxChars || pieces >= maxPieces;
    const roomy = chars >= maxChars / 2 || pieces >= maxPieces / 2;
    if (full || (roomy && hasNewline(text, pieceStartOf(pieceEnds, i), end))) {
      ends.push(i + 1);
      blockStart = end;
      pieces = 0;
    }
  }
  if (ends.at(-1) !== pieceEnds.length && pieceEnds.length > 0) ends.push(pieceEnds.length);
  return Int32Array.from(ends);
}

function pieceStartOf(pieceEnds: Int32Array, i: number): number {
  return i > 0 ? pieceEnds[i - 1]! : 0;
}

function hasNewline(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (text.charCodeAt(k) === 10) return true;
  return false;
}

/**
 * A block's height before it is measured: its lines (a line break starts one,
 * a long line wraps every `charsPerLine` characters) times the line height.
 */
export function estimateHeight(text: string, start: number, end: number, charsPerLine: number, lineHeight: number): number {
  let lines = 0;
  let lineStart = start;
  for (;;) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 || nl >= end ? end : nl;
    lines += Math.max(1, Math.ceil((lineEnd - lineStart) / Math.max(1, charsPerLine)));
    if (lineEnd >= end) break;
    lineStart = lineEnd + 1;
    if (lineStart >= end) break;
  }
  return lines * lineHeight;
}

/** Prefix sums: offsets[i] is the top of block i, offsets[n] the total height. */
export function offsetsOf(heights: Float64Array): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** The blocks [first, last) that meet [top, bottom) (at least one when there are blocks). */
export function visibleBlocks(offsets: Float64Array, top: number, bottom: number): [number, number] {
  const n = offsets.length - 1;
  if (n <= 0) return [0, 0];
  // First block whose bottom is below `top`.
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid + 1]! > top) hi = mid;
    else lo = mid + 1;
  }
  let last = lo + 1;
  while (last < n && offsets[last]! < bottom) last++;
  return [lo, last];
}

/**
 * The blocks to render next, from those rendered now (`current`) towards
 * those wanted (`wanted`: the visible ones, `visible`, and some around them),
 * adding at most `max` blocks: the visible ones first. Blocks no longer
 * wanted go at once. When nothing rendered is visible any more (a jump), it
 * starts again from the top of the visible part.
 */
export function nextRange(current: [number, number], wanted: [number, number], visible: [number, number], max = BLOCKS_PER_FRAME): [number, number] {
  let [a, b] = current;
  if (a >= b || b <= visible[0] || a >= visible[1]) return [visible[0], Math.min(visible[0] + max, wanted[1])];
  a = Math.max(a, wanted[0]);
  b = Math.min(b, wanted[1]);
  let budget = max;
  const grow = (room: number) => {
    const n = Math.max(0, Math.min(budget, room));
    budget -= n;
    return n;
  };
  b += grow(visible[1] - b);
  a -= grow(a - visible[0]);
  b += grow(wanted[1] - b);
  a -= grow(a - wanted[0]);
  return [a, b];
}

/** The block holding piece `piece`. */
export function blockOf(blockEnds: Int32Array, piece: number): number {
  let lo = 0;
  let hi = blockEnds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (blockEnds[mid]! > piece) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * How a piece's whitespace is shown, cheapest first: `plain` (none),
 * `lead` (one leading space, as in " word", the commonest piece of prose) and
 * `spaces` (only spaces) are marked by the piece's own background (a dot per
 * space), without elements of their own; `runs` (line breaks, tabs, carriage
 * returns, spaces elsewhere) are cut into runs (runsOf).
 */
export type PieceStyle = 'plain' | 'lead' | 'spaces' | 'runs';

export function pieceStyle(text: string): PieceStyle {
  let spaces = 0;
  let others = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 32) spaces++;
    else if (c === 10 || c === 9 || c === 13) others++;
  }
  if (spaces === 0 && others === 0) return 'plain';
  if (others === 0 && spaces === text.length) return 'spaces';
  if (others === 0 && spaces === 1 && text.charCodeAt(0) === 32) return 'lead';
  return 'runs';
}

/** A run of a piece's text: ordinary characters, spaces, or one line break, tab or carriage return. */
export interface Run {
  text: string;
  mark: 'space' | 'newline' | 'tab' | 'return' | null;
}

const MARKS: Record<string, 'newline' | 'tab' | 'return'> = { '\n': 'newline', '\t': 'tab', '\r': 'return' };

/** Cuts a piece's text into runs: spaces together, each line break, tab and carriage return on its own (to be marked). */
export function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let from = 0;
  const flush = (to: number) => {
    if (to > from) runs.push({ text: text.slice(from, to), mark: null });
  };
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === ' ') {
      flush(k);
      let end = k + 1;
      while (text[end] === ' ') end++;
      runs.push({ text: text.slice(k, end), mark: 'space' });
      k = end - 1;
      from = end;
    } else if (MARKS[ch]) {
      flush(k);
      runs.push({ text: ch, mark: MARKS[ch] });
      from = k + 1;
    }
  }
  flush(text.length);
  return runs;
}
