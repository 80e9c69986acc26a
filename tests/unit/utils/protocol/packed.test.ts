import { describe, expect, it } from 'vitest';
import { PackedInts, packInts, unpackInts } from '@/utils/protocol/packed';
import { random } from '@/tests/unit/fixtures/random';

describe('packed integer lists', () => {
  it('round-trip any non-negative values, and rising lists as differences', () => {
    const next = random(9);
    const values = Int32Array.from({ length: 5000 }, () => Math.floor(next() * 2 ** (1 + Math.floor(next() * 30))));
    expect(unpackInts(packInts(values))).toEqual(values);
    let at = 0;
    const rising = Int32Array.from({ length: 5000 }, () => (at += Math.floor(next() * 300)));
    expect(unpackInts(packInts(rising, true), true)).toEqual(rising);
    expect(unpackInts(packInts(new Int32Array(0)))).toEqual(new Int32Array(0));
    // Small differences take one byte each.
    expect(atob(packInts(Int32Array.from({ length: 1000 }, (_, i) => i * 5), true)).length).toBe(1000);
  });

  it('refuse what they cannot hold, and a damaged string', () => {
    expect(() => packInts(Int32Array.of(-1))).toThrow(RangeError);
    expect(() => packInts(Int32Array.of(5, 3), true)).toThrow(RangeError);
    expect(() => unpackInts(btoa(String.fromCharCode(0x80)))).toThrow(RangeError);
    expect(PackedInts(10).safeParse(packInts(Int32Array.of(1, 2, 3))).success).toBe(true);
    expect(PackedInts(10).safeParse('not base64!').success).toBe(false);
    expect(PackedInts(2).safeParse(packInts(Int32Array.from({ length: 50 }, () => 2 ** 30))).success).toBe(false);
  });
});
