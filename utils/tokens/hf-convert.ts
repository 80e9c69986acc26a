/**
 * Converts a Hugging Face `tokenizer.json` to the binary form of
 * hf-format.ts. Only the configurations of the supported families are
 * accepted (anything else throws, so a changed file cannot be counted
 * wrongly in silence): byte-level BPE after one of three known split
 * patterns (Llama 3, Qwen, DeepSeek V3), or SentencePiece-style BPE with
 * byte fallback (Gemma 3). Runs at build time and under Node.
 */
import { tokensToBinary } from './rank-format';
import { FLAG_IGNORE_MERGES, FLAG_NFC, FLAG_SENTENCEPIECE, writeHfFile, type HfModelData, type PreTokenizer } from './hf-format';
import { HfTables } from './hf-table';
import { countSymbols } from './hf-bpe';
import { sentencePieceSymbols } from './hf-encoder';

interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
}

export interface TokenizerJson {
  added_tokens: AddedTokenJson[];
  normalizer: unknown;
  pre_tokenizer: unknown;
  model: {
    type: string;
    dropout?: number | null;
    continuing_subword_prefix?: string | null;
    end_of_word_suffix?: string | null;
    byte_fallback?: boolean;
    ignore_merges?: boolean;
    vocab: Record<string, number>;
    merges: (string | [string, string])[];
  };
}

const LETTERS = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|";
const REST = "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
/** The split patterns of the byte-level families, as written in their tokenizer.json. */
const SPLITS: Record<string, PreTokenizer> = {
  [`${LETTERS}\\p{N}{1,3}${REST}`]: 'llama3',
  [`${LETTERS}\\p{N}${REST}`]: 'qwen',
  [[
    '\\p{N}{1,3}',
    '[一-龥぀-ゟ゠-ヿ]+',
    "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+",
  ].join('\u0000')]: 'deepseek',
};

const SPACE_MARK = '\u2581'; // ▁

/** GPT-2's byte-level alphabet: the character that stands for each byte. */
function byteLevelAlphabet(): Map<string, number> {
  const map = new Map<string, number>();
  let next = 256;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || b >= 0xae;
    map.set(String.fromCodePoint(printable ? b : next++), b);
  }
  return map;
}

function fail(message: string): never {
  throw new Error(`Unsupported tokenizer.json: ${message}`);
}

export function tokenizerJsonToBinary(json: TokenizerJson): Uint8Array {
  const model = json.model;
  if (model.type !== 'BPE' || model.dropout != null) fail('not a BPE model without dropout');
  if (model.continuing_subword_prefix || model.end_of_word_suffix) fail('subword prefixes or suffixes');
  const normalizer = JSON.stringify(json.normalizer ?? null);
  const identity = normalizer === 'null' || normalizer === '{"type":"Sequence","normalizers":[]}';
  let flags = model.ignore_merges ? FLAG_IGNORE_MERGES : 0;
  let pre: PreTokenizer;
  if (normalizer === JSON.stringify({ type: 'Replace', pattern: { String: ' ' }, content: SPACE_MARK })) {
    const split = { type: 'Split', pattern: { String: ' ' }, behavior: 'MergedWithPrevious', invert: false };
    if (JSON.stringify(json.pre_tokenizer) !== JSON.stringify(split) || !model.byte_fallback) fail('SentencePiece layout');
    flags |= FLAG_SENTENCEPIECE;
    pre = 'none';
  } else {
    if (normalizer === '{"type":"NFC"}') flags |= FLAG_NFC;
    else if (!identity) fail(`normalizer ${normalizer}`);
    const steps = (json.pre_tokenizer as { type?: string; pretokenizers?: Record<string, unknown>[] }).pretokenizers ?? [];
    const last = steps.at(-1);
    if (last?.type !== 'ByteLevel' || last.add_prefix_space || last.use_regex) fail('byte-level step');
    const splits = steps.slice(0, -1).map((step) => {
      if (step.type !== 'Split' || step.behavior !== 'Isolated' || step.invert) fail('split step');
      return (step.pattern as { Regex: string }).Regex;
    });
    pre = SPLITS[splits.join('\u0000')] ?? fail(`split patterns ${JSON.stringify(splits)}`);
    if (model.byte_fallback) fail('byte fallback with byte-level BPE');
  }
  const sentencePiece = (flags & FLAG_SENTENCEPIECE) !== 0;

  const entries = Object.entries(model.vocab);
  const tokens: Uint8Array[] = new Array<Uint8Array>(entries.length);
  const alphabet = byteLevelAlphabet();
  const utf8 = new TextEncoder();
  const joiners = new Set<number>();
  for (const [text, id] of entries) {
    if (!(id >= 0 && id < entries.length) || tokens[id]) fail('vocabulary ids are not dense');
    if (sentencePiece) {
      tokens[id] = utf8.encode(text);
      // Code points that some token joins to a following ▁ (see hf-encoder.ts).
      const chars = [...text];
      for (let k = 1; k < chars.length; k++) {
        if (chars[k] === SPACE_MARK && chars[k - 1] !== SPACE_MARK) joiners.add(chars[k - 1]!.codePointAt(0)!);
      }
    } else {
      const chars = [...text];
      // A token outside the byte-level alphabet (DeepSeek's added tokens kept in
      // its vocabulary) is only ever an added token: its UTF-8 stands for it.
      tokens[id] = chars.every((ch) => alphabet.has(ch)) ? Uint8Array.from(chars, (ch) => alphabet.get(ch)!) : utf8.encode(text);
    }
  }

  const vocabIds = new Map(entries);
  const merges = new Int32Array(model.merges.length * 2);
  model.merges.forEach((merge, m) => {
    const [a, b] = typeof merge === 'string' ? (merge.split(' ') as [string, string]) : merge;
    const left = vocabIds.get(a) ?? fail(`merge ${m} names an unknown token`);
    if (!vocabIds.has(b)) fail(`merge ${m} names an unknown token`);
    merges[2 * m] = vocabIds.get(a + b) ?? fail(`merge ${m} makes no token`);
    merges[2 * m + 1] = tokens[left]!.length;
  });
  for (const token of json.added_tokens) {
    if (token.lstrip || token.rstrip || token.single_word) fail(`added token options of ${token.content}`);
    if (!Number.isInteger(token.id) || token.id < 0) fail(`added token ${token.content} has no id`);
    if (token.normalized && !identity) fail(`normalized added token ${token.content}`);
  }
  const data: HfModelData = {
    flags,
    pre,
    vocab: tokensToBinary(tokens),
    merges,
    reachable: new Uint8Array((tokens.length + 7) >> 3).fill(0xff),
    added: json.added_tokens.map((t) => t.content),
    addedIds: json.added_tokens.map((t) => t.id),
    joiners: [...joiners].sort((x, y) => x - y),
  };
  const tables = new HfTables(data);
  tokens.forEach((token, id) => {
    if (tables.vocab.rank(token, 0, token.length) !== id) fail(`token ${id} has the bytes of another`);
  });
  if (!model.ignore_merges) data.reachable = reachability(tables, tokens, entries, sentencePiece);
  return writeHfFile(data);
}

/** For each token, whether merging its own symbols gives back that one token. */
function reachability(tables: HfTables, tokens: Uint8Array[], entries: [string, number][], sentencePiece: boolean): Uint8Array {
  const bits = new Uint8Array((tokens.length + 7) >> 3);
  let ids = new Int32Array(256);
  for (const [text, id] of entries) {
    const bytes = tokens[id]!;
    if (ids.length < bytes.length) ids = new Int32Array(bytes.length * 2);
    let n: number;
    if (sentencePiece) {
      n = sentencePieceSymbols(tables, text, 0, text.length, ids);
    } else {
      for (let k = 0; k < bytes.length; k++) ids[k] = tables.byteIds[bytes[k]!]!;
      n = bytes.length;
    }
    if (countSymbols(ids, n, tables) === 1) bits[id >> 3] = bits[id >> 3]! | (1 << (id & 7));
  }
  return bits;
}
