/**
 * Counts tokens for a Hugging Face BPE model in the order its library works:
 *   1. added tokens are found in the raw text, each one token;
 *   2. the text between them is normalized (Qwen: NFC; Gemma: space → ▁);
 *   3. the pre-tokenizer splits it into pieces (Gemma has none: a whole text
 *      is one word — see `sentencePieceEnd` for the exact cut used instead);
 *   4. each piece is merged (hf-bpe.ts) from its bytes (byte-level) or its
 *      code points with byte fallback (SentencePiece).
 * A piece that is itself a token costs one lookup (when the model keeps such
 * pieces whole, or merging would give it back anyway), a short piece seen
 * before a cache lookup.
 */
import { AddedTokens } from './added-tokens';
import { LONG_PIECE_CHARS } from './bpe';
import { countSymbols, SymbolHeapMerge } from './hf-bpe';
import type { HfTables } from './hf-table';
import { stepProgress, stepSplitMerge, type CountJob, type PieceScanner, type Progress, type SplitJob, type SplitMerge } from './encoder';
import { SplitBuilder, type IdList, type Region } from './token-split';
import { cl100kPieceEnd, initScanner, qwenPieceEnd, spaceCutAt, classCutAt } from './pretokenize';
import { deepseekPieceEnd } from './pretokenize-deepseek';
import { encodeUtf8, utf8Result } from './utf8';
import { NEWER_THAN_UNICODE_16, NEWER_THAN_UNICODE_16_ALL } from './unicode-delta';

const SPACE_MARK = 0x2581; // ▁
const CACHED_PIECE_MAX = 48;
const CACHE_LIMIT = 60_000;

let symbols = new Int32Array(1024);

/** Initial SentencePiece symbols of s[start, end): code points, or the bytes of those not in the vocabulary. */
export function sentencePieceSymbols(tables: HfTables, s: string, start: number, end: number, into: Int32Array): number {
  let n = 0;
  for (let k = start; k < end; k++) {
    let cp = s.charCodeAt(k);
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const d = k + 1 < end ? s.charCodeAt(k + 1) : 0;
      if (cp < 0xdc00 && d >= 0xdc00 && d <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        k++;
      } else {
        cp = 0xfffd;
      }
    }
    const id = tables.charId(cp);
    if (id >= 0) {
      into[n++] = id;
    } else {
      const bytes = encodeUtf8(String.fromCodePoint(cp), 0, cp > 0xffff ? 2 : 1);
      for (let b = 0; b < bytes.length; b++) into[n++] = tables.byteIds[bytes.bytes[b]!]!;
    }
  }
  return n;
}

/** The text to count after step 2: normalized segments one after another, and the added tokens found. */
interface Prepared {
  work: string;
  /**
   * What the pre-tokenizer reads: `work`, or a copy of the same UTF-16 length
   * where characters newer than Unicode 16 stand as unassigned ones.
   */
  scan: string;
  /** End of each segment in `work` (no piece crosses one). */
  ends: number[];
  added: number;
}

/** What a split walks through: stretches of the normalized text, and added tokens between them. */
type SplitItem = { end: number } | { id: number; origStart: number; origEnd: number };

export class HfEncoder {
  private readonly cache = new Map<string, number>();
  /** The tokens of multi-token pieces, for splits (kept apart: counting never needs them). */
  private readonly idCache = new Map<string, Int32Array>();
  private readonly pieceEnd: PieceScanner;
  private readonly addedTokens: AddedTokens;
  private readonly joiners: Uint8Array;
  /** Pairs of code units found next to each other in some added token (first × 65536 + second). */
  private readonly addedPairs = new Set<number>();
  /** A line feed is an added token by itself (Gemma 3): every one is matched as one, whatever follows. */
  private readonly lineFeedAdded: boolean;

  constructor(private readonly tables: HfTables) {
    initScanner();
    this.addedTokens = new AddedTokens(tables.added);
    this.joiners = new Uint8Array(0x10000);
    for (const j of tables.joiners) if (j < 0x10000) this.joiners[j] = 1;
    for (const token of tables.added) {
      for (let k = 1; k < token.length; k++) this.addedPairs.add(token.charCodeAt(k - 1) * 65536 + token.charCodeAt(k));
    }
    this.lineFeedAdded = tables.added.includes('\n');
    const scanners: Record<string, PieceScanner> = {
      llama3: cl100kPieceEnd,
      qwen: qwenPieceEnd,
      deepseek: deepseekPieceEnd,
      none: (s, i, n) => this.sentencePieceEnd(s, i, n),
    };
    this.pieceEnd = scanners[tables.pre]!;
    if (tables.joiners.some((j) => j >= 0x10000)) throw new Error('Astral joiners are not supported.');
  }

  /**
   * Whether the count of s is the count of s[0, p) plus that of s[p, end),
   * whatever text surrounds s[p - 1] and the code point at p (0 < p <
   * s.length; s[p + 1] counts when s[p] is a high surrogate); see
   * utils/tokens/live-count.ts. Step by step:
   * 1. No added token holds s[p - 1] next to s[p], so none found in the
   *    whole text crosses p, and leftmost-longest matching finds the same
   *    ones in the two parts (one that starts before p ends by p).
   * 2. Normalizing is per character (Gemma's ▁), none (Llama, DeepSeek) or
   *    NFC (Qwen), which changes nothing across p: s[p] is a space, or a
   *    punctuation mark or symbol (no letter, mark or number), starters that
   *    compose with nothing before them, or s[p - 1] is a line feed, a
   *    starter nothing composes with; nothing is reordered across a starter.
   * 3. The pre-tokenizer cuts there: cl100kCutAt's places for the byte-level
   *    families (after a letter or number only if Unicode 16 has it: the
   *    library's regex tables stop there, and a newer one is to them an
   *    unassigned character, which punctuation runs take in); for Gemma (no
   *    pre-tokenizer, merges join letters and punctuation), before a space (▁ once
   *    normalized) after neither a space nor ▁ nor a joiner, which is the
   *    cut `sentencePieceEnd` makes, and after a line feed, always an added
   *    token of its own there, before anything but another line feed.
   */
  cutsAt(s: string, p: number): boolean {
    const b = s.charCodeAt(p - 1);
    const c = s.charCodeAt(p);
    const { pre, sentencePiece } = this.tables;
    if (this.addedPairs.has(b * 65536 + c)) return false;
    if (pre === 'llama3' || pre === 'qwen' || pre === 'deepseek') {
      if (sentencePiece) return false;
      return spaceCutAt(s, p, false) || (classCutAt(s, p) && !NEWER_THAN_UNICODE_16.test(s[p - 1]!));
    }
    if (pre !== 'none' || !sentencePiece) return false;
    if (c === 32) return b !== 32 && b !== SPACE_MARK && this.joiners[b] === 0;
    return b === 10 && c !== 10 && this.lineFeedAdded;
  }

  count(text: string): number {
    const job = this.start(text);
    while (job.done < job.total) job.step(Infinity);
    return job.tokens;
  }

  start(text: string): CountJob {
    const { work, scan, ends, added } = this.prepare(text);
    let segment = 0;
    const into: Progress = { tokens: added, merge: null };
    const countSome = (budget: number) => {
      const stop = Math.min(work.length, job.done + budget);
      let i = job.done;
      let tokens = 0;
      while (i < stop) {
        while (ends[segment]! <= i) segment++;
        const end = ends[segment]!;
        const e = this.pieceEnd(scan, i, end);
        // A long piece is merged in steps (bpe.ts LONG_PIECE_CHARS); a whole-piece token is never that long.
        if (e - i >= LONG_PIECE_CHARS) {
          into.merge = { job: this.mergeJob(work, i, e), end: e };
          break;
        }
        tokens += this.piece(work, i, e);
        i = e;
      }
      job.done = i;
      into.tokens += tokens;
    };
    const job = {
      total: work.length,
      done: 0,
      get tokens() {
        return into.tokens;
      },
      step: (budget: number) =>
        stepProgress(
          into,
          budget,
          () => countSome(budget),
          (end) => (job.done = end),
        ),
    };
    return job;
  }

  /**
   * Splits the text into its tokens, in steps: the same stages as a count,
   * plus where each token lies in the original text (see token-split.ts).
   */
  startSplit(text: string): SplitJob {
    if (!text.isWellFormed()) text = text.toWellFormed();
    const n = text.length;
    const added = this.addedTokens;
    const parts: string[] = [];
    const regions: Region[] = [];
    const items: SplitItem[] = [];
    let length = 0;
    let from = 0;
    while (from < n) {
      const at = added.find(text, from, n);
      if (at > from) {
        const part = this.normalizeAligned(text, from, at, length, regions);
        parts.push(part);
        items.push({ end: (length += part.length) });
      }
      if (at === n) break;
      items.push({ id: this.tables.addedIds[added.matchIndex]!, origStart: at, origEnd: added.matchEnd });
      from = added.matchEnd;
    }
    const work = parts.join('');
    const scan = this.scanText(work);
    const tables = this.tables;
    if (regions.length === 0) regions.push({ workStart: 0, workEnd: 0, origStart: 0, origEnd: 0, exact: true });
    const builder = new SplitBuilder(text, (id) => tables.textLength(id), regions);
    let item = 0;
    let merge: SplitMerge | null = null;
    const job = {
      total: work.length,
      done: 0,
      get finished() {
        return item >= items.length;
      },
      step: (budget: number) => {
        if (merge) {
          if (!stepSplitMerge(merge, budget, builder, work)) return;
          job.done = merge.end;
          merge = null;
          return;
        }
        const stop = Math.min(work.length, job.done + budget);
        let i = job.done;
        while (item < items.length) {
          const it = items[item]!;
          if (!('end' in it)) {
            builder.added(it.id, it.origStart, it.origEnd);
            item++;
            continue;
          }
          if (i >= it.end) {
            item++;
            continue;
          }
          if (i >= stop) break;
          const e = this.pieceEnd(scan, i, it.end);
          // A long piece is merged in steps (bpe.ts LONG_PIECE_CHARS), as a count does.
          if (e - i >= LONG_PIECE_CHARS) {
            merge = { job: this.mergeJob(work, i, e), start: i, end: e };
            break;
          }
          const first = builder.ids.length;
          this.pieceTokens(work, i, e, builder.ids);
          builder.piece(work, i, e, first);
          i = e;
        }
        job.done = i;
      },
      result: () => builder.finish(),
    };
    return job;
  }

  /**
   * The normalized text of original[start, end), with the regions that line
   * it up with the original (appended to `regions`; `workStart` is where it
   * goes in the work text). Gemma's space → ▁ keeps every offset; Qwen's NFC
   * usually changes nothing; where it does, the text is normalized in
   * stretches that start at an ASCII character (which no composition or
   * reordering crosses), so only the stretches that changed lose their
   * inner offsets.
   */
  private normalizeAligned(text: string, start: number, end: number, workStart: number, regions: Region[]): string {
    const raw = text.slice(start, end);
    const whole = this.normalize(raw);
    const exact = (ws: number, os: number, len: number): Region => ({ workStart: ws, workEnd: ws + len, origStart: os, origEnd: os + len, exact: true });
    if (whole === raw || this.tables.sentencePiece) {
      regions.push(exact(workStart, start, raw.length));
      return whole;
    }
    const stretches: Region[] = [];
    const out: string[] = [];
    let w = workStart;
    let k = 0;
    while (k < raw.length) {
      let e = k + 1;
      while (e < raw.length && raw.charCodeAt(e) >= 0x80) e++;
      const piece = raw.slice(k, e);
      const normal = piece.normalize('NFC');
      const previous = stretches.at(-1);
      if (normal !== piece) {
        stretches.push({ workStart: w, workEnd: w + normal.length, origStart: start + k, origEnd: start + e, exact: false });
      } else if (previous?.exact) {
        previous.workEnd += piece.length;
        previous.origEnd += piece.length;
      } else {
        stretches.push(exact(w, start + k, piece.length));
      }
      out.push(normal);
      w += normal.length;
      k = e;
    }
    if (out.join('') !== whole) {
      // Not expected (see above); the stretch then lines up only at its ends.
      regions.push({ workStart, workEnd: workStart + whole.length, origStart: start, origEnd: end, exact: false });
    } else {
      regions.push(...stretches);
    }
    return whole;
  }

  private prepare(text: string): Prepared {
    // The library reads UTF-8: a lone surrogate can only reach it as U+FFFD.
    if (!text.isWellFormed()) text = text.toWellFormed();
    const added = this.addedTokens;
    const n = text.length;
    let at = added.find(text, 0, n);
    if (at === n) {
      const work = this.normalize(text);
      return { work, scan: this.scanText(work), ends: [work.length], added: 0 };
    }
    const parts: string[] = [];
    const ends: number[] = [];
    let length = 0;
    let count = 0;
    let from = 0;
    while (from < n) {
      if (at > from) {
        const part = this.normalize(text.slice(from, at));
        parts.push(part);
        ends.push((length += part.length));
      }
      if (at === n) break;
      count++;
      from = added.matchEnd;
      at = added.find(text, from, n);
    }
    const work = parts.join('');
    return { work, scan: this.scanText(work), ends: ends.length ? ends : [0], added: count };
  }

  /**
   * The Rust library's regex tables stop at Unicode 16: to its pre-tokenizers
   * a character added since is unassigned (no letter, number, mark,
   * punctuation or symbol). The scanners, which use JavaScript's newer
   * tables, read such characters as an unassigned code point of the same
   * UTF-16 length instead (U+0378, U+E0080); merging uses the real text.
   */
  private scanText(work: string): string {
    if (this.tables.pre === 'none' || !NEWER_THAN_UNICODE_16.test(work)) return work;
    return work.replace(NEWER_THAN_UNICODE_16_ALL, (ch) => (ch.length === 1 ? '\u0378' : '\u{E0080}'));
  }

  private normalize(text: string): string {
    if (this.tables.sentencePiece) return text.replaceAll(' ', '\u2581');
    return this.tables.nfc ? text.normalize('NFC') : text;
  }

  /**
   * Gemma's whole-text word, cut where no token can span: before a ▁ whose
   * previous code point is neither ▁ nor a "joiner" (a code point some token
   * has right before a ▁; only `>` in Gemma 3, from `>▁</`). No merge joins
   * the two sides of such a cut, so the count is the sum of the parts.
   */
  private sentencePieceEnd(s: string, i: number, n: number): number {
    const joiners = this.joiners;
    let prev = s.charCodeAt(i);
    for (let k = i + 1; k < n; k++) {
      const c = s.charCodeAt(k);
      if (c === SPACE_MARK && prev !== SPACE_MARK && joiners[prev] === 0) return k;
      prev = c;
    }
    return n;
  }

  private piece(s: string, start: number, end: number): number {
    if (end - start === 1 && s.charCodeAt(start) < 0x80) return 1;
    const tables = this.tables;
    let id = tables.vocab.asciiRank(s, start, end);
    if (id === -2) {
      encodeUtf8(s, start, end);
      id = tables.vocab.rank(utf8Result.bytes, 0, utf8Result.length);
    }
    if (id >= 0 && (tables.ignoreMerges || tables.isReachable(id))) return 1;
    if (end - start > CACHED_PIECE_MAX) return this.merge(s, start, end);
    const key = s.slice(start, end);
    let tokens = this.cache.get(key);
    if (tokens === undefined) {
      tokens = this.merge(s, start, end);
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, tokens);
    }
    return tokens;
  }

  /** Appends the tokens of the piece s[start, end) to `out`: the same steps as `piece`. */
  private pieceTokens(s: string, start: number, end: number, out: IdList): void {
    const tables = this.tables;
    if (end - start === 1) {
      const c = s.charCodeAt(start);
      if (c < 0x80) {
        const id = tables.sentencePiece ? tables.charId(c) : -1;
        return out.push(id >= 0 ? id : tables.byteIds[c]!);
      }
    }
    let id = tables.vocab.asciiRank(s, start, end);
    if (id === -2) {
      encodeUtf8(s, start, end);
      id = tables.vocab.rank(utf8Result.bytes, 0, utf8Result.length);
    }
    if (id >= 0 && (tables.ignoreMerges || tables.isReachable(id))) return out.push(id);
    if (end - start > CACHED_PIECE_MAX) {
      const count = this.merge(s, start, end);
      for (let k = 0; k < count; k++) out.push(symbols[k]!);
      return;
    }
    const key = s.slice(start, end);
    let ids = this.idCache.get(key);
    if (ids === undefined) {
      ids = symbols.slice(0, this.merge(s, start, end));
      if (this.idCache.size >= CACHE_LIMIT) this.idCache.clear();
      this.idCache.set(key, ids);
    }
    for (let k = 0; k < ids.length; k++) out.push(ids[k]!);
  }

  /** Merges the piece s[start, end); returns its token count, the tokens being `symbols[0…count)`. */
  private merge(s: string, start: number, end: number): number {
    // At most 4 symbols per code unit (byte fallback of a lone surrogate's U+FFFD: 3).
    if (symbols.length < (end - start) * 4) symbols = new Int32Array((end - start) * 4);
    return countSymbols(symbols, this.symbolsOf(s, start, end, symbols), this.tables);
  }

  /** A long piece's merge, to be done in steps, over its own copy of the symbols. */
  private mergeJob(s: string, start: number, end: number): SymbolHeapMerge {
    const own = new Int32Array((end - start) * 4);
    return new SymbolHeapMerge(own, this.symbolsOf(s, start, end, own), this.tables);
  }

  /** Writes the initial symbols of `s[start…end)` into `out`; returns how many. */
  private symbolsOf(s: string, start: number, end: number, out: Int32Array): number {
    const tables = this.tables;
    if (tables.sentencePiece) return sentencePieceSymbols(tables, s, start, end, out);
    const { bytes, length } = encodeUtf8(s, start, end);
    const byteIds = tables.byteIds;
    for (let k = 0; k < length; k++) out[k] = byteIds[bytes[k]!]!;
    return length;
  }
}
