import { describe, expect, it } from 'vitest';
import { coinsOnPagesRead, countsByDay, safeLink, startOfDay } from '@/utils/summaries';
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
