/**
 * Counts the tokens of a text for one encoding: the pre-tokenizer splits it
 * into pieces; a piece that is a single token (most words) costs one rank
 * lookup, a piece of several tokens a cache lookup when seen before, and a
 * byte-pair merge otherwise. The same steps give the tokens themselves
 * (`startSplit`, for the token view), through the same scanner and merge.
 */
import { countMerged, LONG_PIECE_CHARS, mergeRanks, RankHeapMerge, type MergeJob } from './bpe';
import { RankTable } from './rank-table';
import { initScanner } from './pretokenize';
import { encodeUtf8, utf8Result } from './utf8';
import { SplitBuilder, type IdList, type TokenSplit } from './token-split';

/** Returns the end (exclusive) of the piece starting at i < n. */
export type PieceScanner = (s: string, i: number, n: number) => number;

/**
 * Whether the count of s is the count of s[0, p) plus that of s[p, end) for
 * any text around s[p - 1] and the code point at p (0 < p < s.length): a
 * place no piece and no token can span (see cl100kCutAt in pretokenize.ts).
 * Decided by s[p - 1], s[p] and, when s[p] is a high surrogate, s[p + 1].
 */
export type CutTest = (s: string, p: number) => boolean;

/** A count under way, done in steps (see countTokensProgressive). */
export interface CountJob {
  /** Code units to count (of the text as the encoder prepared it). */
  readonly total: number;
  /** Code units counted so far. */
  readonly done: number;
  /** Tokens counted so far. */
  readonly tokens: number;
  /** Counts at least `budget` more code units (stopping at a piece boundary), or to the end. */
  step(budget: number): void;
}

/** A split into tokens under way, done in steps (see splitTokensProgressive). */
export interface SplitJob {
  /** Code units to split (of the text as the encoder prepared it). */
  readonly total: number;
  /** Code units split so far. */
  readonly done: number;
  /** True once every token is in. */
  readonly finished: boolean;
  /** Splits at least `budget` more code units (stopping at a piece boundary), or to the end. */
  step(budget: number): void;
  /** The split, once finished. */
  result(): TokenSplit;
}

/** Heap operations a count in progress may do per code unit of its step budget, merging a long piece. */
export const MERGE_WORK_PER_CHAR = 4;

/** A count in progress: its tokens so far and the long piece it is merging in steps, if any. */
export interface Progress {
  tokens: number;
  merge: { job: MergeJob; end: number } | null;
}

/** Steps a count in progress: the long piece being merged first, then `countSome`. */
export function stepProgress(progress: Progress, budget: number, countSome: () => void, finished: (end: number) => void): void {
  const merge = progress.merge;
  if (!merge) return countSome();
  if (!merge.job.run(budget * MERGE_WORK_PER_CHAR)) return;
  progress.tokens += merge.job.parts;
  progress.merge = null;
  finished(merge.end);
}

/** A long piece a split in progress merges in steps, as a count does: work[start, end). */
export interface SplitMerge {
  job: MergeJob;
  start: number;
  end: number;
}

/**
 * Runs a split's long-piece merge for `budget` code units' worth of work
 * (the same share as a count's); once it is done, puts the piece's tokens
 * into the builder and returns true.
 */
export function stepSplitMerge(merge: SplitMerge, budget: number, builder: SplitBuilder, work: string): boolean {
  if (!merge.job.run(budget * MERGE_WORK_PER_CHAR)) return false;
  const from = builder.ids.length;
  merge.job.tokensInto(builder.ids);
  builder.piece(work, merge.start, merge.end, from);
  return true;
}

/** Multi-token pieces up to this many UTF-16 code units are remembered. */
const CACHED_PIECE_MAX = 48;
/** The cache is emptied when it holds this many pieces (a few MB at most). */
const CACHE_LIMIT = 60_000;

export class Encoder {
  private readonly cache = new Map<string, number>();
  /** The tokens of multi-token pieces, for splits (kept apart: counting never needs them). */
  private readonly idCache = new Map<string, Int32Array>();

  constructor(
    private readonly table: RankTable,
    private readonly pieceEnd: PieceScanner,
    /** Where a text may be counted in parts (utils/tokens/live-count.ts). */
    readonly cutsAt: CutTest,
  ) {
    initScanner();
  }

  /** Number of tokens in the text. */
  count(text: string): number {
    const end = text.length;
    let total = 0;
    let i = 0;
    while (i < end) {
      const e = this.pieceEnd(text, i, end);
      total += this.piece(text, i, e);
      i = e;
    }
    return total;
  }

  start(text: string): CountJob {
    const into: Progress = { tokens: 0, merge: null };
    const job = {
      total: text.length,
      done: 0,
      get tokens() {
        return into.tokens;
      },
      step: (budget: number) =>
        stepProgress(
          into,
          budget,
          () => (job.done = this.countSome(text, job.done, budget, into)),
          (end) => (job.done = end),
        ),
    };
    return job;
  }

  /**
   * Counts pieces from `start` until at least `budget` code units are done;
   * returns where it stopped (a piece boundary) and adds to `into.tokens`.
   * A long piece is not merged here: it becomes `into.merge`, done in steps.
   */
  countSome(text: string, start: number, budget: number, into: Progress): number {
    const n = text.length;
    const stop = Math.min(n, start + budget);
    let total = 0;
    let i = start;
    while (i < stop) {
      const e = this.pieceEnd(text, i, n);
      if (e - i >= LONG_PIECE_CHARS) {
        const { bytes, length } = encodeUtf8(text, i, e);
        into.merge = { job: new RankHeapMerge(bytes.slice(0, length), length, this.table), end: e };
        break;
      }
      total += this.piece(text, i, e);
      i = e;
    }
    into.tokens += total;
    return i;
  }

  /** Splits the text into its tokens, in steps. */
  startSplit(text: string): SplitJob {
    const table = this.table;
    const builder = new SplitBuilder(text, (rank) => table.tokenLength(rank), [
      { workStart: 0, workEnd: text.length, origStart: 0, origEnd: text.length, exact: true },
    ]);
    const n = text.length;
    let merge: SplitMerge | null = null;
    const job = {
      total: n,
      done: 0,
      get finished() {
        return job.done >= n;
      },
      step: (budget: number) => {
        if (merge) {
          if (!stepSplitMerge(merge, budget, builder, text)) return;
          job.done = merge.end;
          merge = null;
          return;
        }
        const stop = Math.min(n, job.done + budget);
        let i = job.done;
        while (i < stop) {
          const e = this.pieceEnd(text, i, n);
          // A long piece is merged in steps (LONG_PIECE_CHARS), as a count does.
          if (e - i >= LONG_PIECE_CHARS) {
            const { bytes, length } = encodeUtf8(text, i, e);
            merge = { job: new RankHeapMerge(bytes.slice(0, length), length, table), start: i, end: e };
            break;
          }
          const from = builder.ids.length;
          this.pieceTokens(text, i, e, builder.ids);
          builder.piece(text, i, e, from);
          i = e;
        }
        job.done = i;
      },
      result: () => builder.finish(),
    };
    return job;
  }

  /** Appends the tokens of the piece text[start, end) to `out`: the same steps as `piece`. */
  private pieceTokens(text: string, start: number, end: number, out: IdList): void {
    const table = this.table;
    if (end - start === 1) {
      const c = text.charCodeAt(start);
      if (c < 0x80) return out.push(table.byteRanks[c]!);
    }
    const ascii = table.asciiRank(text, start, end);
    if (ascii >= 0) return out.push(ascii);
    let encoded = false;
    if (ascii === -2) {
      const rank = table.rank(encodeUtf8(text, start, end).bytes, 0, utf8Result.length);
      if (rank >= 0) return out.push(rank);
      encoded = true;
    }
    if (end - start > CACHED_PIECE_MAX) {
      if (!encoded) encodeUtf8(text, start, end);
      return mergeRanks(utf8Result.bytes, utf8Result.length, table, out);
    }
    const key = text.slice(start, end);
    let ranks = this.idCache.get(key);
    if (ranks === undefined) {
      if (!encoded) encodeUtf8(text, start, end);
      const from = out.length;
      mergeRanks(utf8Result.bytes, utf8Result.length, table, out);
      ranks = out.data.slice(from, out.length);
      if (this.idCache.size >= CACHE_LIMIT) this.idCache.clear();
      this.idCache.set(key, ranks);
      return;
    }
    for (let k = 0; k < ranks.length; k++) out.push(ranks[k]!);
  }

  private piece(text: string, start: number, end: number): number {
    // Most pieces of natural text are one token: a rank lookup, no allocation.
    if (end - start === 1 && text.charCodeAt(start) < 0x80) return 1;
    const table = this.table;
    const ascii = table.asciiRank(text, start, end);
    if (ascii >= 0) return 1;
    let encoded = false;
    if (ascii === -2) {
      if (table.rank(encodeUtf8(text, start, end).bytes, 0, utf8Result.length) >= 0) return 1;
      encoded = true;
    }
    if (end - start > CACHED_PIECE_MAX) {
      if (!encoded) encodeUtf8(text, start, end);
      return countMerged(utf8Result.bytes, utf8Result.length, table);
    }
    const key = text.slice(start, end);
    let tokens = this.cache.get(key);
    if (tokens === undefined) {
      if (!encoded) encodeUtf8(text, start, end);
      tokens = countMerged(utf8Result.bytes, utf8Result.length, table);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, tokens);
    }
    return tokens;
  }
}
