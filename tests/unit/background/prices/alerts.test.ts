import { describe, expect, it } from 'vitest';
import type { Quote } from '@/utils/model/quote';
import { makeQuote } from '@/tests/unit/fixtures/records';
import { ALERT_REPEAT_MS, priceMoveAlerts } from '@/entrypoints/background/prices/alerts';
import { describeFreshness, sparklineChange } from '@/utils/format/freshness';
import { alarmPeriodMinutes } from '@/entrypoints/background/prices/alarms';

const q = (coinId: string, change24h: number | null): Quote => makeQuote({ coinId, change24h });

describe('price-move alerts', () => {
  it('announces moves over the threshold once per direction per day', () => {
    const first = priceMoveAlerts([q('a', 12), q('b', -15), q('c', 3), q('d', null)], 10, {}, 1000);
    expect(first.alerts.map((a) => `${a.coinId}:${a.direction}`)).toEqual(['a:up', 'b:down']);
    const again = priceMoveAlerts([q('a', 14), q('b', 11)], 10, first.log, 2000);
    expect(again.alerts.map((a) => `${a.coinId}:${a.direction}`)).toEqual(['b:up']);
    const nextDay = priceMoveAlerts([q('a', 14)], 10, again.log, 1000 + ALERT_REPEAT_MS);
    expect(nextDay.alerts.map((a) => a.coinId)).toEqual(['a']);
  });

  it('never refreshes faster than once a minute', () => {
    expect(alarmPeriodMinutes({ refreshMinutes: 5 })).toBe(5);
    expect(alarmPeriodMinutes({ refreshMinutes: 0 })).toBe(1);
  });
});

describe('the card’s freshness line', () => {
  const t = (key: string, subs?: string[]) => `${key}(${(subs ?? []).join('|')})`;
  const base = { fetchedAt: 0, stale: false, refreshing: false, error: null, locale: 'en' };

  it('says how old the price is and why it is old', () => {
    expect(describeFreshness({ ...base, now: 12_000 }, t)).toEqual({ kind: 'fresh', text: 'card_freshness_updated(12 sec. ago)' });
    expect(describeFreshness({ ...base, stale: true, refreshing: true, now: 180_000 }, t).kind).toBe('refreshing');
    const offline = describeFreshness({ ...base, stale: true, now: 2 * 3600_000, error: { code: 'offline', message: 'x', retryAt: null } }, t);
    expect(offline).toEqual({ kind: 'offline', text: 'card_freshness_offline(2 hr. ago)' });
    const limited = describeFreshness({ ...base, stale: true, now: 300_000, error: { code: 'rate-limited', message: 'x', retryAt: 1 } }, t);
    expect(limited).toEqual({ kind: 'stale', text: 'card_freshness_stale(5 min. ago|card_reason_rate_limited())' });
  });

  it('computes the 7-day change from the sparkline', () => {
    expect(sparklineChange([100, 90, 110])).toBeCloseTo(10);
    expect(sparklineChange([5])).toBeNull();
    expect(sparklineChange([])).toBeNull();
  });
});
