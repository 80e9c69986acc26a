/**
 * The compact binary form of a Hugging Face `tokenizer.json` (BPE models of
 * Llama 3, Qwen 3, DeepSeek V3, Gemma 3), written into the extension build as
 * `tokenizer/<encoding>.bin` and read by `HfTables` (hf-table.ts):
 *
 *   "TKH2" | u32 flags | u32 length of the vocabulary block
 *   | the vocabulary in the rank-file form of rank-format.ts (ids dense from 0, raw bytes)
 *   | u32 merge count | per merge, in priority order: the merged token's id minus the
 *     previous merge's (zigzag LEB128: one byte when merges make tokens in id
 *     order, as in Qwen and DeepSeek), then the byte length of its left part (u8)
 *   | one bit per vocabulary id: "merging its own bytes gives back this one token"
 *   | u32 added-token count | per added token: u16 LE UTF-8 length, its UTF-8 bytes, its id minus
 *     the previous one's (zigzag LEB128: one byte when added tokens are numbered in order)
 *   | u32 joiner count | u32 LE code points (SentencePiece only: see hf-encoder.ts)
 *
 * Byte-level vocabularies (Ġ for a space…) are stored as the bytes they stand
 * for; SentencePiece ones (Gemma) as the UTF-8 of their text, `▁` included.
 * Pure: the build step and the Node source convert with it.
 */
import { RANK_FILE_MAGIC } from './rank-format';

export const HF_FILE_MAGIC = 0x32484b54; // "TKH2", little-endian
/** The model keeps a word that is already a token whole (`ignore_merges`). */
export const FLAG_IGNORE_MERGES = 1;
/** SentencePiece-style: code points as symbols, byte fallback, `▁` for spaces. */
export const FLAG_SENTENCEPIECE = 2;
/** Normalizer: Unicode NFC (Qwen). */
export const FLAG_NFC = 4;
/** Pre-tokenizer selector, bits 8–15. */
export const PRE_SHIFT = 8;
export const PRE_TOKENIZERS = ['none', 'llama3', 'qwen', 'deepseek'] as const;
export type PreTokenizer = (typeof PRE_TOKENIZERS)[number];

/** What the counter needs from a parsed tokenizer file. */
export interface HfModelData {
  flags: number;
  pre: PreTokenizer;
  /** The vocabulary block (rank-file form). */
  vocab: Uint8Array;
  /** Per merge, in priority order: the merged token's id, the byte length of its left part. */
  merges: Int32Array;
  reachable: Uint8Array;
  added: string[];
  /** The id of each added token (the token view shows it; a count needs only the text). */
  addedIds: number[];
  joiners: number[];
}

export function writeHfFile(data: HfModelData): Uint8Array {
  const encoder = new TextEncoder();
  const added = data.added.map((text) => encoder.encode(text));
  const mergeCount = data.merges.length / 2;
  if (data.addedIds.length !== added.length) throw new Error('Every added token needs an id.');
  const size =
    12 + data.vocab.length + 4 + mergeCount * 6 + data.reachable.length + 4 + added.reduce((n, a) => n + 2 + a.length + 5, 0) + 4 + data.joiners.length * 4;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  const u32 = (value: number) => {
    view.setUint32(at, value, true);
    at += 4;
  };
  u32(HF_FILE_MAGIC);
  u32(data.flags | (PRE_TOKENIZERS.indexOf(data.pre) << PRE_SHIFT));
  u32(data.vocab.length);
  out.set(data.vocab, at);
  at += data.vocab.length;
  u32(mergeCount);
  const writeDelta = (delta: number) => {
    let zigzag = delta >= 0 ? delta * 2 : -delta * 2 - 1;
    while (zigzag >= 0x80) {
      out[at++] = (zigzag & 0x7f) | 0x80;
      zigzag = Math.floor(zigzag / 128);
    }
    out[at++] = zigzag;
  };
  let previous = -1;
  for (let m = 0; m < mergeCount; m++) {
    const id = data.merges[2 * m]!;
    const split = data.merges[2 * m + 1]!;
    if (split < 1 || split > 255) throw new Error(`Merge ${m} splits at ${split}.`);
    writeDelta(id - previous);
    previous = id;
    out[at++] = split;
  }
  out.set(data.reachable, at);
  at += data.reachable.length;
  u32(added.length);
  previous = -1;
  added.forEach((a, i) => {
    view.setUint16(at, a.length, true);
    out.set(a, at + 2);
    at += 2 + a.length;
    writeDelta(data.addedIds[i]! - previous);
    previous = data.addedIds[i]!;
  });
  u32(data.joiners.length);
  for (const j of data.joiners) u32(j);
  return out.subarray(0, at);
}

export function readHfFile(file: Uint8Array): HfModelData {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.byteLength < 12 || view.getUint32(0, true) !== HF_FILE_MAGIC) throw new Error('Not a tokenizer file.');
  const word = view.getUint32(4, true);
  const pre = PRE_TOKENIZERS[(word >> PRE_SHIFT) & 0xff];
  if (!pre) throw new Error('Unknown pre-tokenizer.');
  let at = 8;
  const vocabLength = view.getUint32(at, true);
  const vocab = file.subarray(at + 4, at + 4 + vocabLength);
  at += 4 + vocabLength;
  const vocabView = new DataView(vocab.buffer, vocab.byteOffset, vocab.byteLength);
  if (vocabView.getUint32(0, true) !== RANK_FILE_MAGIC) throw new Error('Bad vocabulary block.');
  const vocabSize = vocabView.getUint32(4, true);
  const mergeCount = view.getUint32(at, true);
  at += 4;
  const merges = new Int32Array(mergeCount * 2);
  const readDelta = () => {
    let zigzag = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = file[at++]!;
      zigzag += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
  };
  let previous = -1;
  for (let m = 0; m < mergeCount; m++) {
    previous += readDelta();
    merges[2 * m] = previous;
    merges[2 * m + 1] = file[at++]!;
  }
  const reachable = file.subarray(at, at + ((vocabSize + 7) >> 3));
  at += reachable.length;
  const decoder = new TextDecoder();
  const added: string[] = [];
  const addedIds: number[] = [];
  previous = -1;
  for (let n = view.getUint32(at, true), i = (at += 4, 0); i < n; i++) {
    const length = view.getUint16(at, true);
    added.push(decoder.decode(file.subarray(at + 2, at + 2 + length)));
    at += 2 + length;
    addedIds.push((previous += readDelta()));
  }
  const joiners: number[] = [];
  for (let n = view.getUint32(at, true), i = (at += 4, 0); i < n; i++, at += 4) joiners.push(view.getUint32(at, true));
  if (at !== file.byteLength) throw new Error('Tokenizer file is truncated or padded.');
  return { flags: word & 0xff, pre, vocab, merges, reachable, added, addedIds, joiners };
}
