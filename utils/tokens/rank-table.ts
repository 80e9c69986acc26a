/**
 * Byte string → rank lookup for one encoding, without allocating: an
 * open-addressing hash table over the token bytes of the binary rank file
 * (see rank-format.ts), built in one pass when the file is loaded.
 */
import { RANK_FILE_MAGIC } from './rank-format';

const PAIR_BITS = 16;
const PAIR_SHIFT = 32 - PAIR_BITS;

export class RankTable {
  readonly size: number;
  /** Length in bytes of the longest token. */
  readonly maxLength: number;
  private readonly blob: Uint8Array;
  private readonly offsets: Uint32Array;
  private readonly lengths: Uint8Array;
  private readonly hashes: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Rank of each single byte (every byte is a token in these encodings). */
  readonly byteRanks = new Int32Array(256);
  private readonly pairLeft = new Int32Array(1 << PAIR_BITS).fill(-1);
  private readonly pairRight = new Int32Array(1 << PAIR_BITS);
  private readonly pairMerged = new Int32Array(1 << PAIR_BITS);

  constructor(file: Uint8Array) {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    if (file.byteLength < 8 || view.getUint32(0, true) !== RANK_FILE_MAGIC) throw new Error('Not a rank file.');
    const count = view.getUint32(4, true);
    this.size = count;
    this.lengths = file.subarray(8, 8 + count);
    this.blob = file.subarray(8 + count);
    this.offsets = new Uint32Array(count);
    this.hashes = new Int32Array(count);
    let capacity = 1;
    while (capacity < count * 2.5) capacity <<= 1;
    this.slots = new Int32Array(capacity);
    this.mask = capacity - 1;
    let offset = 0;
    let maxLength = 0;
    for (let rank = 0; rank < count; rank++) {
      const length = this.lengths[rank]!;
      if (length > maxLength) maxLength = length;
      this.offsets[rank] = offset;
      const hash = hashBytes(this.blob, offset, offset + length);
      this.hashes[rank] = hash;
      let slot = hash & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = rank + 1;
      offset += length;
    }
    if (offset !== this.blob.length) throw new Error('Rank file is truncated or padded.');
    this.maxLength = maxLength;
    const one = new Uint8Array(1);
    for (let b = 0; b < 256; b++) {
      one[0] = b;
      this.byteRanks[b] = this.rank(one, 0, 1);
    }
  }

  /**
   * The rank of the concatenation of two tokens (ranks `left`, `right`) whose
   * bytes are bytes[start, end), or -1. Remembers recent answers in a small
   * direct-mapped cache: merges repeat a lot (a run of one letter asks the
   * same pair thousands of times).
   */
  mergedRank(left: number, right: number, bytes: Uint8Array, start: number, end: number): number {
    const slot = Math.imul(left ^ Math.imul(right, 0x85ebca6b), 0x9e3779b1) >>> PAIR_SHIFT;
    if (this.pairLeft[slot] === left && this.pairRight[slot] === right) return this.pairMerged[slot]!;
    const merged = this.rank(bytes, start, end);
    this.pairLeft[slot] = left;
    this.pairRight[slot] = right;
    this.pairMerged[slot] = merged;
    return merged;
  }

  /**
   * The rank of the ASCII string s[start, end) (its bytes are its code
   * units), -1 if it is not a token, or -2 if it holds a non-ASCII character.
   */
  asciiRank(s: string, start: number, end: number): number {
    const length = end - start;
    let h = 0x811c9dc5 ^ length;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) return -2;
      h = Math.imul(h ^ c, 0x01000193);
    }
    if (length > this.maxLength) return -1;
    const hash = h ^ (h >>> 15);
    const blob = this.blob;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const rank = entry - 1;
      if (this.hashes[rank] === hash && this.lengths[rank] === length) {
        let a = this.offsets[rank]!;
        let b = start;
        while (b < end && blob[a] === s.charCodeAt(b)) {
          a++;
          b++;
        }
        if (b === end) return rank;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /** Bytes held: the file's token data and the index built over it. */
  byteSize(): number {
    return (
      this.blob.byteLength + this.lengths.byteLength + this.offsets.byteLength + this.hashes.byteLength +
      this.slots.byteLength + this.byteRanks.byteLength + this.pairLeft.byteLength * 3
    );
  }

  /** Length in bytes of the token of this rank. */
  tokenLength(rank: number): number {
    return this.lengths[rank]!;
  }

  /** The rank of bytes [from, to) of the token of rank `of`, or -1 (no allocation). */
  rankWithin(of: number, from: number, to: number): number {
    const offset = this.offsets[of]!;
    return this.rank(this.blob, offset + from, offset + to);
  }

  /** The rank of bytes[start, end), or -1 if that byte string is not a token. */
  rank(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    if (length > this.maxLength) return -1;
    const hash = hashBytes(bytes, start, end);
    const blob = this.blob;
    let slot = hash & this.mask;
    for (;;) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      const rank = entry - 1;
      if (this.hashes[rank] === hash && this.lengths[rank] === length) {
        let a = this.offsets[rank]!;
        let b = start;
        while (b < end && blob[a] === bytes[b]) {
          a++;
          b++;
        }
        if (b === end) return rank;
      }
      slot = (slot + 1) & this.mask;
    }
  }
}

/** FNV-1a over the bytes, seeded with the length. */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h ^ (h >>> 15);
}
