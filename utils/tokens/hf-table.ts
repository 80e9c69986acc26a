/**
 * The lookups a Hugging Face BPE model needs, built once from its binary file
 * (hf-format.ts) without allocating per lookup: the vocabulary (bytes → id, a
 * RankTable), the merges ((left id, right id) → priority and merged id, an
 * open-addressing hash table) and the initial symbol of a byte or code point.
 */
import { RankTable } from './rank-table';
import { FLAG_IGNORE_MERGES, FLAG_NFC, FLAG_SENTENCEPIECE, type HfModelData, type PreTokenizer } from './hf-format';

export class HfTables {
  readonly vocab: RankTable;
  readonly pre: PreTokenizer;
  readonly ignoreMerges: boolean;
  readonly sentencePiece: boolean;
  readonly nfc: boolean;
  readonly added: string[];
  /** The id of each added token (same order as `added`). */
  readonly addedIds: number[];
  readonly joiners: number[];
  /** Merged id per merge priority. */
  readonly mergeResult: Int32Array;
  /**
   * Initial symbol of each byte: its byte-level token, or (SentencePiece) its
   * byte-fallback token `<0xXX>`.
   */
  readonly byteIds = new Int32Array(256);
  private readonly reachable: Uint8Array;
  private readonly keys: Int32Array;
  private readonly priorities: Int32Array;
  private readonly mask: number;
  /** SentencePiece: vocabulary id of each BMP code point (-1 none, -2 not looked up yet). */
  private readonly charIds: Int32Array;
  private readonly astralIds = new Map<number, number>();
  private readonly scratch = new Uint8Array(4);

  constructor(data: HfModelData) {
    this.vocab = new RankTable(data.vocab);
    this.pre = data.pre;
    this.ignoreMerges = (data.flags & FLAG_IGNORE_MERGES) !== 0;
    this.sentencePiece = (data.flags & FLAG_SENTENCEPIECE) !== 0;
    this.nfc = (data.flags & FLAG_NFC) !== 0;
    this.added = data.added;
    this.addedIds = data.addedIds;
    this.joiners = data.joiners;
    this.reachable = data.reachable;
    const count = data.merges.length >> 1;
    let capacity = 1;
    // Load factor at most 0.625: most lookups are of pairs that do not merge (misses).
    while (capacity < count * 1.6) capacity <<= 1;
    this.mask = capacity - 1;
    this.keys = new Int32Array(capacity * 2).fill(-1);
    this.priorities = new Int32Array(capacity);
    this.mergeResult = new Int32Array(count);
    const vocab = this.vocab;
    for (let m = 0; m < count; m++) {
      const merged = data.merges[2 * m]!;
      const split = data.merges[2 * m + 1]!;
      const length = merged >= 0 && merged < vocab.size ? vocab.tokenLength(merged) : 0;
      const left = split < length ? vocab.rankWithin(merged, 0, split) : -1;
      const right = left >= 0 ? vocab.rankWithin(merged, split, length) : -1;
      if (right < 0) throw new Error(`Merge ${m} does not split into two tokens.`);
      this.mergeResult[m] = merged;
      // A repeated pair takes its last priority, as the Rust library's map does.
      let slot = pairHash(left, right) & this.mask;
      while (this.keys[2 * slot] !== -1 && (this.keys[2 * slot] !== left || this.keys[2 * slot + 1] !== right)) {
        slot = (slot + 1) & this.mask;
      }
      this.keys[2 * slot] = left;
      this.keys[2 * slot + 1] = right;
      this.priorities[slot] = m;
    }
    if (this.sentencePiece) {
      const name = new TextEncoder();
      for (let b = 0; b < 256; b++) {
        const text = name.encode(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
        this.byteIds[b] = vocab.rank(text, 0, text.length);
      }
      this.charIds = new Int32Array(0x10000).fill(-2);
    } else {
      this.byteIds.set(vocab.byteRanks);
      this.charIds = new Int32Array(0);
    }
  }

  /** Bytes held by the tables (the memory a loaded family takes, besides small caches). */
  byteSize(): number {
    return (
      this.vocab.byteSize() + this.keys.byteLength + this.priorities.byteLength + this.mergeResult.byteLength +
      this.reachable.byteLength + this.charIds.byteLength + this.byteIds.byteLength
    );
  }

  /** Priority of merging the two tokens, or -1 if no merge joins them. */
  pairPriority(left: number, right: number): number {
    const keys = this.keys;
    let slot = pairHash(left, right) & this.mask;
    for (;;) {
      const k = keys[2 * slot]!;
      if (k === left && keys[2 * slot + 1] === right) return this.priorities[slot]!;
      if (k === -1) return -1;
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * UTF-8 length of the text a token stands for in the normalized text: its
   * bytes, or one byte for a byte-fallback token (`<0x41>`).
   */
  textLength(id: number): number {
    if (this.sentencePiece && this.isByteFallback(id)) return 1;
    return this.vocab.tokenLength(id);
  }

  private fallbackIds: Set<number> | null = null;

  private isByteFallback(id: number): boolean {
    this.fallbackIds ??= new Set(this.byteIds);
    return this.fallbackIds.has(id);
  }

  /** Whether merging the token's own symbols gives back this one token. */
  isReachable(id: number): boolean {
    return (this.reachable[id >> 3]! & (1 << (id & 7))) !== 0;
  }

  /** SentencePiece: the vocabulary id of one code point, or -1. */
  charId(codePoint: number): number {
    if (codePoint < 0x10000) {
      let id = this.charIds[codePoint]!;
      if (id === -2) this.charIds[codePoint] = id = this.lookUpChar(codePoint);
      return id;
    }
    let id = this.astralIds.get(codePoint);
    if (id === undefined) {
      id = this.lookUpChar(codePoint);
      if (this.astralIds.size > 10_000) this.astralIds.clear();
      this.astralIds.set(codePoint, id);
    }
    return id;
  }

  private lookUpChar(codePoint: number): number {
    const b = this.scratch;
    let n: number;
    if (codePoint < 0x80) {
      b[0] = codePoint;
      n = 1;
    } else if (codePoint < 0x800) {
      b[0] = 0xc0 | (codePoint >> 6);
      b[1] = 0x80 | (codePoint & 0x3f);
      n = 2;
    } else if (codePoint < 0x10000) {
      b[0] = 0xe0 | (codePoint >> 12);
      b[1] = 0x80 | ((codePoint >> 6) & 0x3f);
      b[2] = 0x80 | (codePoint & 0x3f);
      n = 3;
    } else {
      b[0] = 0xf0 | (codePoint >> 18);
      b[1] = 0x80 | ((codePoint >> 12) & 0x3f);
      b[2] = 0x80 | ((codePoint >> 6) & 0x3f);
      b[3] = 0x80 | (codePoint & 0x3f);
      n = 4;
    }
    return this.vocab.rank(b, 0, n);
  }
}

function pairHash(left: number, right: number): number {
  return Math.imul(left ^ Math.imul(right, 0x85ebca6b), 0x9e3779b1) >>> 7;
}
