/**
 * UTF-8 encoding of a slice of a string into a reusable buffer (no
 * allocation per piece). A lone surrogate becomes U+FFFD, as TextEncoder and
 * tiktoken do.
 */
let buffer = new Uint8Array(1024);

/** The last encoding's bytes and length (the object is reused). */
export const utf8Result = { bytes: buffer, length: 0 };

/** Encodes s[start, end) and returns the buffer and byte length (valid until the next call). */
export function encodeUtf8(s: string, start: number, end: number): { bytes: Uint8Array; length: number } {
  const needed = (end - start) * 3;
  if (buffer.length < needed) buffer = new Uint8Array(Math.max(needed, buffer.length * 2));
  const out = buffer;
  let o = 0;
  for (let i = start; i < end; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[o++] = c;
    } else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < end ? s.charCodeAt(i + 1) : 0;
      if (c < 0xdc00 && d >= 0xdc00 && d <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        out[o++] = 0xf0 | (c >> 18);
        out[o++] = 0x80 | ((c >> 12) & 0x3f);
        out[o++] = 0x80 | ((c >> 6) & 0x3f);
        out[o++] = 0x80 | (c & 0x3f);
      } else {
        out[o++] = 0xef;
        out[o++] = 0xbf;
        out[o++] = 0xbd;
      }
    } else {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  utf8Result.bytes = out;
  utf8Result.length = o;
  return utf8Result;
}
