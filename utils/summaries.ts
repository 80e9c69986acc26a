/**
 * Pure summaries for the popup: count history grouped by day with totals, the
 * coins mentioned on pages read (today / last 7 days, last page), and the
 * charts' series (tokens per day over 30 days, pages per coin per day over 7).
 * Days are the user's local calendar days.
 */
import type { CountRecord, Sighting } from '@/utils/model/history';
import type { Encoding } from './tokens';

export const DAY_MS = 86_400_000;

/** Local midnight of the day containing `time`. */
export function startOfDay(time: number): number {
  const d = new Date(time);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export interface CountDay {
  /** Local midnight (ms). */
  dayStart: number;
  records: CountRecord[];
  /** Sum of the tokens per encoding over the day's counts. */
  totals: Partial<Record<Encoding, number>>;
  chars: number;
}

/** Groups counts (any order) into days, newest day and newest record first. */
export function countsByDay(counts: readonly CountRecord[]): CountDay[] {
  const days = new Map<number, CountDay>();
  for (const record of [...counts].sort((a, b) => b.time - a.time)) {
    const dayStart = startOfDay(record.time);
    let day = days.get(dayStart);
    if (!day) days.set(dayStart, (day = { dayStart, records: [], totals: {}, chars: 0 }));
    day.records.push(record);
    day.chars += record.chars;
    for (const [encoding, n] of Object.entries(record.counts) as [Encoding, number | undefined][]) {
      if (typeof n === 'number') day.totals[encoding] = (day.totals[encoding] ?? 0) + n;
    }
  }
  return [...days.values()].sort((a, b) => b.dayStart - a.dayStart);
}

export interface CoinReading {
  coinId: string;
  symbol: string;
  /** Pages read today that mention the coin. */
  pagesToday: number;
  /** Pages read in the last 7 days that mention it. */
  pagesWeek: number;
  /** Mentions on those pages over 7 days. */
  mentionsWeek: number;
  lastUrl: string;
  lastTitle: string;
  lastTime: number;
}

/** Coins on pages read in the last 7 days, most-read first. */
export function coinsOnPagesRead(sightings: readonly Sighting[], now = Date.now()): CoinReading[] {
  const today = startOfDay(now);
  const weekAgo = now - 7 * DAY_MS;
  const coins = new Map<string, CoinReading>();
  for (const s of sightings) {
    if (s.time < weekAgo || s.time > now + DAY_MS) continue;
    let coin = coins.get(s.coinId);
    if (!coin) {
      coin = { coinId: s.coinId, symbol: s.symbol, pagesToday: 0, pagesWeek: 0, mentionsWeek: 0, lastUrl: s.pageUrl, lastTitle: s.title, lastTime: s.time };
      coins.set(s.coinId, coin);
    }
    coin.pagesWeek++;
    coin.mentionsWeek += s.count;
    if (s.time >= today) coin.pagesToday++;
    if (s.time > coin.lastTime) Object.assign(coin, { lastUrl: s.pageUrl, lastTitle: s.title, lastTime: s.time, symbol: s.symbol });
  }
  return [...coins.values()].sort(
    (a, b) => b.pagesToday - a.pagesToday || b.pagesWeek - a.pagesWeek || b.lastTime - a.lastTime,
  );
}

/** One day of a chart: its local midnight and its total. */
export interface DayTotal {
  dayStart: number;
  total: number;
}

/** The local midnights of the last `days` days, oldest first, today last (calendar days: DST-safe). */
export function lastDays(days: number, now = Date.now()): number[] {
  const starts: number[] = [];
  const d = new Date(startOfDay(now));
  for (let i = 0; i < days; i++) {
    starts.unshift(d.getTime());
    d.setDate(d.getDate() - 1);
  }
  return starts;
}

function bucket(days: number, now: number): { totals: DayTotal[]; add(time: number, n: number): void } {
  const totals = lastDays(days, now).map((dayStart) => ({ dayStart, total: 0 }));
  const index = new Map(totals.map((d, i) => [d.dayStart, i]));
  return {
    totals,
    add(time, n) {
      const i = index.get(startOfDay(time));
      if (i !== undefined) totals[i]!.total += n;
    },
  };
}

/**
 * Tokens counted each day over the last `days` days, oldest first: each count
 * in the encoding its badge showed (`record.encoding`).
 */
export function tokensPerDay(counts: readonly CountRecord[], days = 30, now = Date.now()): DayTotal[] {
  const series = bucket(days, now);
  for (const record of counts) {
    const n = record.counts[record.encoding];
    if (typeof n === 'number') series.add(record.time, n);
  }
  return series.totals;
}

/** For each coin, the pages mentioning it each day over the last `days` days, oldest first (one sighting is one page). */
export function pagesPerDay(sightings: readonly Sighting[], days = 7, now = Date.now()): Map<string, DayTotal[]> {
  const coins = new Map<string, ReturnType<typeof bucket>>();
  for (const s of sightings) {
    let series = coins.get(s.coinId);
    if (!series) coins.set(s.coinId, (series = bucket(days, now)));
    series.add(s.time, 1);
  }
  return new Map([...coins].map(([coinId, series]) => [coinId, series.totals]));
}

/** Only http(s) addresses become links in the popup; anything else is shown as text. */
export function safeLink(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
