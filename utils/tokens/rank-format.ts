/**
 * The compact binary form of an encoding's ranks, written into the extension
 * build as `tokenizer/<encoding>.bin` and read by `RankTable`:
 *   "TKR1" | u32 LE count | u8 length of each token, in rank order | the tokens' bytes, concatenated
 * Ranks are dense (0 … count-1) in both encodings, so they need no storage.
 */
export const RANK_FILE_MAGIC = 0x31524b54; // "TKR1", little-endian

/**
 * Converts js-tiktoken's rank text (`bpe_ranks`: lines of
 * "<tag> <first rank> <base64 token> <base64 token> …") to the binary form.
 */
export function ranksToBinary(bpeRanks: string): Uint8Array {
  const tokens: Uint8Array[] = [];
  for (const line of bpeRanks.split('\n')) {
    if (!line) continue;
    const fields = line.split(' ');
    const first = Number.parseInt(fields[1]!, 10);
    for (let i = 2; i < fields.length; i++) tokens[first + i - 2] = base64Bytes(fields[i]!);
  }
  return tokensToBinary(tokens);
}

/** The binary form of dense tokens (token i has rank i). */
export function tokensToBinary(tokens: Uint8Array[]): Uint8Array {
  let blobLength = 0;
  for (let rank = 0; rank < tokens.length; rank++) {
    const token = tokens[rank];
    if (!token) throw new Error(`Rank ${rank} is missing: ranks must be dense.`);
    if (token.length === 0 || token.length > 255) throw new Error(`Token ${rank} has ${token.length} bytes.`);
    blobLength += token.length;
  }
  const out = new Uint8Array(8 + tokens.length + blobLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, RANK_FILE_MAGIC, true);
  view.setUint32(4, tokens.length, true);
  let at = 8 + tokens.length;
  tokens.forEach((token, rank) => {
    out[8 + rank] = token.length;
    out.set(token, at);
    at += token.length;
  });
  return out;
}

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
