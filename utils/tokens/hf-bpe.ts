/**
 * Byte-pair merging as Hugging Face's `tokenizers` does it for a BPE model:
 * repeatedly apply the merge of highest priority (lowest index in the merge
 * list) among adjacent symbols, the leftmost on ties; returns only the number
 * of symbols left. The same two strategies as bpe.ts: a scan over an array
 * for short words, the shared binary heap over a linked list for long ones
 * (O(n log n), so a whole Gemma text of 100 KB that is one word stays fast).
 * Unlike tiktoken's merge, a pair is looked up by its two token ids.
 */
import { PairHeap, START_LIMIT, type MergeJob } from './bpe';
import type { HfTables } from './hf-table';
import type { IdList } from './token-split';

const NONE = 0x7fffffff;
const LINEAR_MAX = 64;
const pairs = new Int32Array(LINEAR_MAX + 2);

/**
 * Number of tokens left after merging the `n` initial symbols `ids[0…n)`
 * (ids is overwritten: the tokens left are then `ids[0…count)`, in order).
 */
export function countSymbols(ids: Int32Array, n: number, tables: HfTables): number {
  if (n < 2) return n;
  if (n <= LINEAR_MAX) return countLinear(ids, n, tables);
  if (n < START_LIMIT) return countHeap(ids, n, tables);
  throw new RangeError('A word of over 1 G symbols cannot be counted.');
}

function countLinear(t: Int32Array, n: number, tables: HfTables): number {
  const r = pairs;
  for (let i = 0; i < n - 1; i++) {
    const p = tables.pairPriority(t[i]!, t[i + 1]!);
    r[i] = p < 0 ? NONE : p;
  }
  r[n - 1] = NONE;
  const result = tables.mergeResult;
  let parts = n;
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
    const merged = result[min]!;
    t[at] = merged;
    t.copyWithin(at + 1, at + 2, parts);
    r.copyWithin(at + 1, at + 2, parts);
    parts--;
    if (at + 1 < parts) {
      const p = tables.pairPriority(merged, t[at + 1]!);
      r[at] = p < 0 ? NONE : p;
    } else {
      r[at] = NONE;
    }
    if (at > 0) {
      const p = tables.pairPriority(t[at - 1]!, merged);
      r[at - 1] = p < 0 ? NONE : p;
    }
  }
  return parts;
}

/** Hugging Face's merge over a heap of candidate pairs, resumable (see bpe.ts `LONG_PIECE_CHARS`). */
export class SymbolHeapMerge implements MergeJob {
  parts: number;
  private readonly next: Int32Array;
  private readonly prev: Int32Array;
  private readonly priority: Int32Array;
  private readonly heap: PairHeap;
  /** 0: reading pairs, 1: building the heap, 2: merging, 3: done. */
  private phase = 0;
  private at = 0;

  /** `token` holds the `n` initial symbols and is overwritten. */
  constructor(
    private readonly token: Int32Array,
    private readonly n: number,
    private readonly tables: HfTables,
  ) {
    this.parts = n;
    this.next = new Int32Array(n + 1);
    this.prev = new Int32Array(n + 1);
    this.priority = new Int32Array(n);
    this.heap = new PairHeap(n + 16);
    for (let i = 0; i <= n; i++) {
      this.next[i] = i + 1;
      this.prev[i] = i - 1;
    }
  }

  run(budget: number): boolean {
    const { token, n, tables, next, prev, priority, heap } = this;
    const result = tables.mergeResult;
    let left = budget;
    if (this.phase === 0) {
      const end = Math.min(n - 1, this.at + left);
      for (let i = this.at; i < end; i++) {
        const p = tables.pairPriority(token[i]!, token[i + 1]!);
        priority[i] = p;
        if (p >= 0) heap.add(p, i);
      }
      left -= end - this.at;
      this.at = end;
      if (end < n - 1) return false;
      priority[n - 1] = -1;
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
        const p = Math.floor(key / START_LIMIT);
        const i = key - p * START_LIMIT;
        if (priority[i] !== p) continue; // stale entry
        const j = next[i]!;
        const k = next[j]!;
        next[i] = k;
        if (k <= n) prev[k] = i;
        priority[j] = -1;
        const merged = result[p]!;
        token[i] = merged;
        parts--;
        if (k < n) {
          const q = tables.pairPriority(merged, token[k]!);
          priority[i] = q;
          if (q >= 0) heap.push(q, i);
        } else {
          priority[i] = -1;
        }
        if (i > 0) {
          const before = prev[i]!;
          const q = tables.pairPriority(token[before]!, merged);
          priority[before] = q;
          if (q >= 0) heap.push(q, before);
        }
      }
      this.parts = parts;
      if (heap.size > 0) return false;
      this.phase = 3;
    }
    return true;
  }

  tokensInto(out: IdList): void {
    if (this.phase !== 3) throw new Error('The merge has not finished.');
    const { token, next, n } = this;
    for (let i = 0; i < n; i = next[i]!) out.push(token[i]!);
  }

  /**
   * Moves the tokens left to the front of `token`, in order (each moves left
   * or stays), so they are `token[0…parts)`; only once `run` said done.
   */
  compact(): void {
    if (this.phase !== 3) throw new Error('The merge has not finished.');
    const { token, next, n } = this;
    for (let i = 0, w = 0; i < n; i = next[i]!) token[w++] = token[i]!;
  }
}

function countHeap(token: Int32Array, n: number, tables: HfTables): number {
  const job = new SymbolHeapMerge(token, n, tables);
  job.run(Infinity);
  job.compact();
  return job.parts;
}
