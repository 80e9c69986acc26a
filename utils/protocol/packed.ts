/**
 * Long lists of non-negative integers in messages (the token view's ids and
 * offsets), as one base64 string of unsigned LEB128 varints — of the values,
 * or of the differences between neighbours for a list that only grows (piece
 * ends: mostly one byte each). A split of 100,000 tokens is then about 0.6 MB
 * of one string, checked with one regex and decoded in milliseconds, where
 * JSON arrays would be 2 MB checked number by number on both sides. Pure;
 * runs in the background and in extension pages.
 */
import * as z from 'zod/mini';

/** Packed lists of at most `max` integers (each at most 5 bytes). */
export const PackedInts = (max: number) =>
  // A plain character class: a group repeated per 4 characters would backtrack through megabytes.
  z.string().check(z.maxLength(4 * Math.ceil((max * 5) / 3)), z.regex(/^[A-Za-z0-9+/]*={0,2}$/));

/** Packs `values` (non-negative; with `rising`, each at least the one before). */
export function packInts(values: Int32Array, rising = false): string {
  const bytes = new Uint8Array(values.length * 5);
  let at = 0;
  let previous = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    let v = rising ? value - previous : value;
    if (v < 0) throw new RangeError(rising ? 'A rising list went down.' : 'Packed values are never negative.');
    previous = value;
    while (v >= 0x80) {
      bytes[at++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    bytes[at++] = v;
  }
  const parts: string[] = [];
  // String.fromCharCode takes arguments: a chunk at a time stays under engines' argument limits.
  for (let i = 0; i < at; i += 0x8000) parts.push(String.fromCharCode(...bytes.subarray(i, Math.min(at, i + 0x8000))));
  return btoa(parts.join(''));
}

/** The list packInts packed (with the same `rising`). */
export function unpackInts(packed: string, rising = false): Int32Array {
  const binary = atob(packed);
  let out = new Int32Array(binary.length);
  let n = 0;
  let value = 0;
  let shift = 0;
  let previous = 0;
  for (let i = 0; i < binary.length; i++) {
    const byte = binary.charCodeAt(i);
    value |= (byte & 0x7f) << shift;
    if (byte & 0x80) {
      shift += 7;
      if (shift > 28) throw new RangeError('A packed value is too long.');
      continue;
    }
    previous = rising ? previous + value : value;
    out[n++] = previous;
    value = 0;
    shift = 0;
  }
  if (shift !== 0) throw new RangeError('A packed list ends inside a value.');
  if (n < out.length) out = out.slice(0, n);
  return out;
}
