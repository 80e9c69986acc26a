/**
 * The counter's loading and progressive counting (exactness against tiktoken
 * is in tokens-exact.test.ts): ranks load on the first count only, once for
 * concurrent callers, a failed load is retried, and a long count reports
 * progress, yields and can be aborted.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  countTokens,
  countTokensProgressive,
  countTokensSync,
  preloadEncoding,
  setRankSource,
  type RankSource,
} from '@/utils/tokens';
import { packageRankSource } from '@/utils/tokens/rank-source';
import { ranksToBinary } from '@/utils/tokens/rank-format';
import { RankTable } from '@/utils/tokens/rank-table';

afterEach(() => setRankSource(packageRankSource));

const bytes = (text: string) => new TextEncoder().encode(text);

describe('loading', () => {
  it('loads nothing until the first count, then each encoding once for concurrent callers', async () => {
    const source = vi.fn<RankSource>(packageRankSource);
    setRankSource(source);
    expect(source).not.toHaveBeenCalled();
    expect(() => countTokensSync('hello', 'o200k_base')).toThrow(/not loaded/);
    const counts = await Promise.all([
      countTokens('hello world', 'o200k_base'),
      countTokens('hello world', 'o200k_base'),
      countTokensProgressive('hello world', 'o200k_base'),
    ]);
    expect(counts).toEqual([2, 2, 2]);
    expect(source.mock.calls).toEqual([['o200k_base']]);
    expect(countTokensSync('hello world', 'o200k_base')).toBe(2);
    await countTokens('hello world', 'cl100k_base');
    expect(source.mock.calls).toEqual([['o200k_base'], ['cl100k_base']]);
  }, 30_000);

  it('rejects when the ranks cannot be loaded, and tries again on the next count', async () => {
    let fail = true;
    setRankSource(async (encoding) => {
      if (fail) throw new Error('offline');
      return packageRankSource(encoding);
    });
    await expect(countTokens('hello', 'cl100k_base')).rejects.toThrow('offline');
    fail = false;
    expect(await countTokens('hello', 'cl100k_base')).toBe(1);
  }, 30_000);

  it('refuses a file that is not a rank file', async () => {
    setRankSource(async () => bytes('not ranks'));
    await expect(preloadEncoding('o200k_base')).rejects.toThrow(/rank file/);
  });
});

describe('the binary rank file', () => {
  it('round-trips js-tiktoken rank text into a table that finds every token and nothing else', () => {
    // Two lines as js-tiktoken writes them: "<tag> <first rank> <base64 tokens>…"
    const tokens = ['a', 'b', 'ab', 'abc', 'c', ' the', 'हि'];
    const text = `! 0 ${tokens.slice(0, 4).map((t) => btoa(String.fromCharCode(...bytes(t)))).join(' ')}\n` +
      `! 4 ${tokens.slice(4).map((t) => btoa(String.fromCharCode(...bytes(t)))).join(' ')}\n`;
    const table = new RankTable(ranksToBinary(text));
    expect(table.size).toBe(tokens.length);
    tokens.forEach((token, rank) => {
      const b = bytes(`x${token}y`);
      expect(table.rank(b, 1, b.length - 1)).toBe(rank);
    });
    expect(table.rank(bytes('ba'), 0, 2)).toBe(-1);
    expect(table.asciiRank('zabcz', 1, 4)).toBe(3);
    expect(table.asciiRank('abd', 0, 3)).toBe(-1);
    expect(table.asciiRank('हि', 0, 2)).toBe(-2);
    expect(() => ranksToBinary('! 1 YQ==\n')).toThrow(/dense/);
  });
});

describe('countTokensProgressive', () => {
  const text = 'The quick brown fox jumps over the lazy dog. नमस्ते दुनिया! 12345 👍🏽\n'.repeat(4000);

  it('gives the same count as countTokens, reporting progress up to the whole text', async () => {
    const progress: number[] = [];
    const total = await countTokensProgressive(text, 'o200k_base', {
      sliceMs: 0,
      onProgress: (done, all) => {
        expect(all).toBe(text.length);
        progress.push(done);
      },
    });
    expect(total).toBe(await countTokens(text, 'o200k_base'));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(text.length);
  }, 30_000);

  it('merges one unbroken piece of 400,000 letters in slices, other work running between them, to the same count', async () => {
    let seed = 7;
    const run = Array.from({ length: 400_000 }, () => 'ACGT'[((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 3]).join('');
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      await preloadEncoding(encoding);
      let timers = 0;
      const tick = setInterval(() => timers++, 0);
      const progress: number[] = [];
      const total = await countTokensProgressive(run, encoding, { sliceMs: 0, onProgress: (done) => progress.push(done) });
      clearInterval(tick);
      expect(total).toBe(countTokensSync(run, encoding));
      // One piece: progress stays at its start while it merges, and the event loop gets many turns meanwhile.
      expect(progress.length).toBeGreaterThan(5);
      expect(timers).toBeGreaterThan(5);
      expect(progress.at(-1)).toBe(run.length);
    }
  }, 60_000);

  it('lets other work run between slices and stops with an AbortError when aborted', async () => {
    await preloadEncoding('o200k_base');
    const controller = new AbortController();
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const counting = countTokensProgressive(text, 'o200k_base', {
      sliceMs: 0,
      signal: controller.signal,
      onProgress: (done) => {
        if (done > text.length / 2) controller.abort();
      },
    });
    await expect(counting).rejects.toMatchObject({ name: 'AbortError' });
    expect(timerRan).toBe(true);
  }, 30_000);
});
