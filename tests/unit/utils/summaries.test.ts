import { describe, expect, it } from 'vitest';
import { coinsOnPagesRead, countsByDay, lastDays, pagesPerDay, safeLink, startOfDay, tokensPerDay } from '@/utils/summaries';
import type { CountRecord, Sighting } from '@/utils/model/history';

const at = (day: number, hour: number) => new Date(2026, 10, day, hour, 0, 0).getTime();
const count = (time: number, o200k: number, cl100k?: number): CountRecord => ({
  time,
  url: 'https://a.example/',
  title: 'A',
  encoding: 'o200k_base',
  counts: cl100k === undefined ? { o200k_base: o200k } : { o200k_base: o200k, cl100k_base: cl100k },
  chars: o200k * 4,
  words: o200k,
});
const seen = (coinId: string, symbol: string, page: string, time: number, n = 1): Sighting => ({
  pageUrl: `https://${page}.example/`,
  coinId,
  symbol,
  title: `${page} title`,
  count: n,
  time,
});

describe('countsByDay', () => {
  it('groups by local day, newest first, with totals per encoding', () => {
    const days = countsByDay([count(at(27, 9), 5), count(at(29, 8), 10, 12), count(at(29, 20), 7), count(at(28, 23), 1)]);
    expect(days.map((d) => d.dayStart)).toEqual([startOfDay(at(29, 0)), startOfDay(at(28, 0)), startOfDay(at(27, 0))]);
    expect(days[0]!.records.map((r) => r.time)).toEqual([at(29, 20), at(29, 8)]);
    expect(days[0]!.totals).toEqual({ o200k_base: 17, cl100k_base: 12 });
    expect(days[0]!.chars).toBe(68);
    expect(days[2]!.totals).toEqual({ o200k_base: 5 });
  });

  it('is empty for no counts', () => {
    expect(countsByDay([])).toEqual([]);
  });
});

describe('coinsOnPagesRead', () => {
  const now = at(29, 12);
  it('counts pages today and over 7 days per coin, with the latest page', () => {
    const coins = coinsOnPagesRead(
      [
        seen('bittensor', 'TAO', 'a', at(29, 10), 3),
        seen('bittensor', 'TAO', 'b', at(25, 10), 2),
        seen('bittensor', 'TAO', 'old', at(20, 10), 9), // more than 7 days ago
        seen('fetch-ai', 'FET', 'c', at(28, 10)),
        seen('fetch-ai', 'FET', 'd', at(27, 10)),
        seen('fetch-ai', 'FET', 'e', at(26, 10)),
      ],
      now,
    );
    expect(coins.map((c) => [c.symbol, c.pagesToday, c.pagesWeek, c.mentionsWeek])).toEqual([
      ['TAO', 1, 2, 5],
      ['FET', 0, 3, 3],
    ]);
    expect(coins[0]).toMatchObject({ lastUrl: 'https://a.example/', lastTitle: 'a title', lastTime: at(29, 10) });
    expect(coins[1]!.lastUrl).toBe('https://c.example/');
  });
});

describe('safeLink', () => {
  it('links only http(s) pages', () => {
    expect(safeLink('https://news.example/a?b=1')).toBe('https://news.example/a?b=1');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('data:text/html,hi')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
  });
});

describe('chart series', () => {
  const now = at(29, 12);

  it('lists the last days oldest first, today last, at local midnights', () => {
    const days = lastDays(30, now);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toBe(startOfDay(now));
    expect(days[0]).toBe(startOfDay(new Date(2026, 9, 31, 12).getTime()));
    for (const d of days) expect(new Date(d).getHours()).toBe(0);
  });

  it('adds up each count in its own encoding per day, leaving out older days', () => {
    const cl100k: CountRecord = { ...count(at(28, 9), 99, 40), encoding: 'cl100k_base' };
    const series = tokensPerDay([count(at(29, 8), 10, 12), count(at(29, 20), 7), cl100k, count(at(10, 9), 1000), count(new Date(2026, 9, 1).getTime(), 5)], 30, now);
    expect(series).toHaveLength(30);
    expect(series.at(-1)).toEqual({ dayStart: startOfDay(now), total: 17 });
    expect(series.at(-2)!.total).toBe(40);
    expect(series.find((d) => d.dayStart === startOfDay(at(10, 0)))!.total).toBe(1000);
    // 1 October is more than 30 days back.
    expect(series.reduce((n, d) => n + d.total, 0)).toBe(17 + 40 + 1000);
  });

  it('counts pages per coin per day over 7 days', () => {
    const sightings = [seen('bittensor', 'TAO', 'a', at(29, 9)), seen('bittensor', 'TAO', 'b', at(29, 10), 4), seen('bittensor', 'TAO', 'c', at(25, 10)), seen('fetch-ai', 'FET', 'a', at(27, 9)), seen('fetch-ai', 'FET', 'z', at(2, 9))];
    const perDay = pagesPerDay(sightings, 7, now);
    expect(perDay.get('bittensor')!.map((d) => d.total)).toEqual([0, 0, 1, 0, 0, 0, 2]);
    expect(perDay.get('fetch-ai')!.map((d) => d.total)).toEqual([0, 0, 0, 0, 1, 0, 0]);
    expect(perDay.get('bittensor')!.at(-1)!.dayStart).toBe(startOfDay(now));
  });
});
