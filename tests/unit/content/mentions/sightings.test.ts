import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SightingsReporter, type SightedCoin } from '@/entrypoints/content/mentions/sightings';

const counts = (entries: [string, string, number][]) => new Map(entries.map(([id, symbol, count]) => [id, { symbol, count }]));

describe('SightingsReporter', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports once after the first read, then only when new coins appear (debounced)', async () => {
    const sent: SightedCoin[][] = [];
    const r = new SightingsReporter((coins) => void sent.push(coins), 1000);
    r.update(counts([['bittensor', 'TAO', 2]]), false);
    expect(sent).toHaveLength(0);
    r.update(counts([['bittensor', 'TAO', 3]]), true);
    expect(sent).toEqual([[{ coinId: 'bittensor', symbol: 'TAO', count: 3 }]]);
    // More of the same coin: no new report.
    r.update(counts([['bittensor', 'TAO', 5]]), true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
    // New coins, in a burst: one report with all coins and the highest counts.
    r.update(counts([['bittensor', 'TAO', 5], ['fetch-ai', 'FET', 1]]), true);
    r.update(counts([['bittensor', 'TAO', 4], ['fetch-ai', 'FET', 1], ['numeraire', 'NMR', 2]]), true);
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent[1]).toEqual([
      { coinId: 'bittensor', symbol: 'TAO', count: 5 },
      { coinId: 'fetch-ai', symbol: 'FET', count: 1 },
      { coinId: 'numeraire', symbol: 'NMR', count: 2 },
    ]);
  });

  it('sends nothing for a page without mentions', () => {
    const send = vi.fn();
    new SightingsReporter(send).update(new Map(), true);
    expect(send).not.toHaveBeenCalled();
  });

  it('starts a new visit after an in-page navigation', async () => {
    const sent: SightedCoin[][] = [];
    const r = new SightingsReporter((coins) => void sent.push(coins), 100);
    r.update(counts([['bittensor', 'TAO', 1]]), true);
    r.newVisit(counts([['bittensor', 'TAO', 1]]));
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(2);
  });

  it('tries again later when sending failed', async () => {
    let fail = true;
    const sent: SightedCoin[][] = [];
    const r = new SightingsReporter(async (coins) => {
      if (fail) throw new Error('no receiver');
      sent.push(coins);
    }, 10);
    r.update(counts([['bittensor', 'TAO', 1]]), true);
    await vi.advanceTimersByTimeAsync(0);
    fail = false;
    r.update(counts([['bittensor', 'TAO', 1]]), true);
    await vi.advanceTimersByTimeAsync(10);
    expect(sent).toHaveLength(1);
  });
});
