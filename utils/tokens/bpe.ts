/**
 * Byte-pair merging as tiktoken does it — repeatedly merge the adjacent pair
 * whose concatenation has the lowest rank, the leftmost on ties — returning
 * the number of tokens (`countMerged`) or the tokens themselves
 * (`mergeRanks`, for the token view). Short pieces use tiktoken's scan over an array;
 * long ones a binary heap of candidate pairs over a linked list of parts,
 * O(n log n) instead of O(n²), so a 100 KB run of one letter takes
 * milliseconds, not minutes.
 */
import type { RankTable } from './rank-table';
import type { IdList } from './token-split';

const NONE = 0x7fffffff;
/** Above this many bytes the heap wins over rescanning. */
const LINEAR_MAX = 64;

const starts = new Int32Array(LINEAR_MAX + 2);
const pairRanks = new Int32Array(LINEAR_MAX + 2);
const tokens = new Int32Array(LINEAR_MAX + 2);

/** Token count of a piece of `length` bytes (≥ 2) that is not itself a token. */
export function countMerged(bytes: Uint8Array, length: number, table: RankTable): number {
  if (length <= LINEAR_MAX) return countLinear(bytes, length, table);
  if (length < START_LIMIT) return countHeap(bytes, length, table, null);
  throw new RangeError('A piece of over 1 GB cannot be counted.');
}

/** The same merge, appending the piece's tokens (ranks) to `out` in order. */
export function mergeRanks(bytes: Uint8Array, length: number, table: RankTable, out: IdList): void {
  if (length <= LINEAR_MAX) {
    const parts = countLinear(bytes, length, table);
    for (let i = 0; i < parts; i++) out.push(tokens[i]!);
  } else if (length < START_LIMIT) {
    countHeap(bytes, length, table, out);
  } else {
    throw new RangeError('A piece of over 1 GB cannot be split.');
  }
}

function countLinear(bytes: Uint8Array, length: number, table: RankTable): number {
  // Part i spans bytes p[i] … p[i + 1], is token t[i], and would merge with part i + 1 into token r[i].
  const p = starts;
  const r = pairRanks;
  const t = tokens;
  const byteRanks = table.byteRanks;
  for (let i = 0; i <= length; i++) p[i] = i;
  for (let i = 0; i < length; i++) t[i] = byteRanks[bytes[i]!]!;
  for (let i = 0; i < length - 1; i++) {
    const rank = table.mergedRank(t[i]!, t[i + 1]!, bytes, i, i + 2);
    r[i] = rank < 0 ? NONE : rank;
  }
  r[length - 1] = NONE;
  let parts = length;
  while (parts > 1) {
    let min = NONE;
    let at = -1;
    for (let i = 0; i < parts - 1; i++) {
      if (r[i]! < min) {
        min = r[i]!;
        at = i;
      }
    }
    if (at < 0) break;
    // Part `at` absorbs part `at + 1`.
    t[at] = min;
    t.copyWithin(at + 1, at + 2, parts);
    p.copyWithin(at + 1, at + 2, parts + 1);
    r.copyWithin(at + 1, at + 2, parts);
    parts--;
    if (at + 1 < parts) {
      const rank = table.mergedRank(min, t[at + 1]!, bytes, p[at]!, p[at + 2]!);
      r[at] = rank < 0 ? NONE : rank;
    } else {
      r[at] = NONE;
    }
    if (at > 0) {
      const rank = table.mergedRank(t[at - 1]!, min, bytes, p[at - 1]!, p[at + 1]!);
      r[at - 1] = rank < 0 ? NONE : rank;
    }
  }
  return parts;
}

/** Start positions below this fit beside the rank in one heap key. */
export const START_LIMIT = 2 ** 30;

/**
 * Min-heap of candidate pairs, each keyed rank × 2^30 + start so one number
 * comparison orders by the lowest rank, then the leftmost start.
 */
export class PairHeap {
  keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
  }

  /** Appends without ordering; call `heapify()` before the first pop. */
  add(rank: number, start: number): void {
    if (this.size === this.keys.length) this.grow();
    this.keys[this.size++] = rank * START_LIMIT + start;
  }

  heapify(): void {
    this.heapifyDown((this.size >> 1) - 1, Infinity);
  }

  /** Heapifies from node `from` down to node 0, at most `budget` nodes; returns the next node to do (-1: done). */
  heapifyDown(from: number, budget: number): number {
    let i = from;
    for (; i >= 0 && budget-- > 0; i--) this.siftDown(i, this.keys[i]!);
    return i;
  }

  push(rank: number, start: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const key = rank * START_LIMIT + start;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk < key) break;
      keys[i] = pk;
      i = parent;
    }
    keys[i] = key;
  }

  /** Removes and returns the smallest key. */
  pop(): number {
    const top = this.keys[0]!;
    const last = --this.size;
    if (last > 0) this.siftDown(0, this.keys[last]!);
    return top;
  }

  private siftDown(i: number, key: number): void {
    const keys = this.keys;
    const size = this.size;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      let ck = keys[child]!;
      if (child + 1 < size) {
        const k2 = keys[child + 1]!;
        if (k2 < ck) {
          child++;
          ck = k2;
        }
      }
      if (key < ck) break;
      keys[i] = ck;
      i = child;
    }
    keys[i] = key;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
  }
}

/** A merge that can be done in steps (see `LONG_PIECE_CHARS`); `parts` is the count once `run` says done. */
export interface MergeJob {
  readonly parts: number;
  /** Does about `budget` units of work (positions read, pairs merged); true when finished. */
  run(budget: number): boolean;
  /** Appends the merged piece's tokens, in order, to `out`; only once `run` said done (for a split). */
  tokensInto(out: IdList): void;
}

/**
 * Pieces of at least this many code units are merged in steps by a count in
 * progress (countTokensProgressive), so one unbroken run of megabytes (a
 * genome, a hash dump) does not hold the worker for a second.
 */
export const LONG_PIECE_CHARS = 32_768;

/** tiktoken's merge over a heap of candidate pairs, resumable. */
export class RankHeapMerge implements MergeJob {
  parts: number;
  // Part i starts at byte i while alive; next[i] is where the following part starts.
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly pairRank: Int32Array;
  private readonly token: Int32Array;
  private readonly heap: PairHeap;
  /** 0: reading pairs, 1: building the heap, 2: merging, 3: done. */
  private phase = 0;
  private at = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly length: number,
    private readonly table: RankTable,
  ) {
    this.parts = length;
    this.next = new Int32Array(length + 1);
    this.prev = new Int32Array(length + 1);
    this.pairRank = new Int32Array(length);
    this.token = new Int32Array(length);
    this.heap = new PairHeap(length + 16);
    const byteRanks = table.byteRanks;
    for (let i = 0; i <= length; i++) {
      this.next[i] = i + 1;
      this.prev[i] = i - 1;
    }
    for (let i = 0; i < length; i++) this.token[i] = byteRanks[bytes[i]!]!;
  }

  run(budget: number): boolean {
    const { bytes, length, table, next, prev, pairRank, token, heap } = this;
    let left = budget;
    if (this.phase === 0) {
      const end = Math.min(length - 1, this.at + left);
      for (let i = this.at; i < end; i++) {
        const rank = table.mergedRank(token[i]!, token[i + 1]!, bytes, i, i + 2);
        pairRank[i] = rank;
        if (rank >= 0) heap.add(rank, i);
      }
      left -= end - this.at;
      this.at = end;
      if (end < length - 1) return false;
      pairRank[length - 1] = -1;
      this.phase = 1;
      this.at = (heap.size >> 1) - 1;
    }
    if (this.phase === 1) {
      const from = this.at;
      this.at = heap.heapifyDown(from, left);
      left -= from - this.at;
      if (this.at >= 0) return false;
      this.phase = 2;
    }
    if (this.phase === 2) {
      let parts = this.parts;
      while (heap.size > 0 && left-- > 0) {
        const key = heap.pop();
        const rank = Math.floor(key / START_LIMIT);
        const i = key - rank * START_LIMIT;
        // Stale: the pair starting at part i has changed since this entry was pushed.
        if (pairRank[i] !== rank) continue;
        const j = next[i]!;
        const k = next[j]!;
        next[i] = k;
        if (k <= length) prev[k] = i;
        pairRank[j] = -1;
        token[i] = rank;
        parts--;
        if (k < length) {
          const merged = table.mergedRank(rank, token[k]!, bytes, i, next[k]!);
          pairRank[i] = merged;
          if (merged >= 0) heap.push(merged, i);
        } else {
          pairRank[i] = -1;
        }
        if (i > 0) {
          const before = prev[i]!;
          const merged = table.mergedRank(token[before]!, rank, bytes, before, k);
          pairRank[before] = merged;
          if (merged >= 0) heap.push(merged, before);
        }
      }
      this.parts = parts;
      if (heap.size > 0) return false;
      this.phase = 3;
    }
    return true;
  }

  /** Appends the merged piece's tokens (ranks), in order, to `out`; only once `run` said done. */
  tokensInto(out: IdList): void {
    if (this.phase !== 3) throw new Error('The merge has not finished.');
    const { next, token, length } = this;
    for (let i = 0; i < length; i = next[i]!) out.push(token[i]!);
  }
}

/** Merges through the heap in one go; returns the number of tokens and, given `out`, appends them to it. */
function countHeap(bytes: Uint8Array, length: number, table: RankTable, out: IdList | null): number {
  const job = new RankHeapMerge(bytes, length, table);
  job.run(Infinity);
  if (out) job.tokensInto(out);
  return job.parts;
}
