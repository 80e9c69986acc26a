/**
 * Timing shared by the benchmarks: libraries take turns (interleaved rounds)
 * and each figure is the median over rounds, in MB of UTF-8 input per second
 * of this process's CPU time (so other work on a shared machine does not skew
 * the comparison).
 */
import { expect } from 'vitest';

export type Counter = (texts: string[]) => number | Promise<number>;

export const ROUNDS = 5;
export const bytes = (texts: string[]) => texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** CPU milliseconds used by this process so far. */
export const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/**
 * MB/s per library, median of interleaved rounds (each round at least ~100 ms
 * of work). The libraries named in `mustAgree` (default: all) must give the
 * same count, or the comparison means nothing; `counts` receives every count.
 */
export async function measure(
  texts: string[],
  libraries: Record<string, Counter>,
  mustAgree: string[] = Object.keys(libraries),
  counts: Record<string, number> = {},
): Promise<Record<string, number>> {
  const size = bytes(texts);
  const samples: Record<string, number[]> = {};
  for (const [name, count] of Object.entries(libraries)) {
    counts[name] = await count(texts); // warm-up (loads, JIT, caches)
    samples[name] = [];
  }
  const agreed = mustAgree.map((name) => counts[name]);
  expect(new Set(agreed).size, JSON.stringify(counts)).toBe(1);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, count] of Object.entries(libraries)) {
      let passes = 0;
      const start = cpuMs();
      let elapsed = 0;
      do {
        await count(texts);
        passes++;
        elapsed = cpuMs() - start;
      } while (elapsed < 100 && passes < 1000);
      samples[name]!.push((size * passes) / 1e6 / (elapsed / 1000));
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, median(s)]));
}
