/**
 * Price-move alerts (pure): which watchlist coins moved more than the
 * threshold in 24 h and have not been announced for that direction in the
 * last day. The caller shows the notifications and keeps the log.
 */
import type { Quote } from '@/utils/model/quote';

export const ALERT_REPEAT_MS = 24 * 3600_000;

export type AlertLog = Record<string, { at: number; direction: 'up' | 'down' }>;

export interface PriceMoveAlert {
  coinId: string;
  symbol: string;
  name: string;
  change24h: number;
  price: number | null;
  currency: string;
  direction: 'up' | 'down';
}

export function priceMoveAlerts(
  quotes: readonly Quote[],
  thresholdPct: number,
  log: AlertLog,
  now: number,
): { alerts: PriceMoveAlert[]; log: AlertLog } {
  const next: AlertLog = {};
  // Forget entries older than a day.
  for (const [coinId, entry] of Object.entries(log)) if (now - entry.at < ALERT_REPEAT_MS) next[coinId] = entry;
  const alerts: PriceMoveAlert[] = [];
  for (const q of quotes) {
    if (q.change24h === null || !Number.isFinite(q.change24h) || Math.abs(q.change24h) < thresholdPct) continue;
    const direction = q.change24h > 0 ? 'up' : 'down';
    if (next[q.coinId]?.direction === direction) continue;
    next[q.coinId] = { at: now, direction };
    alerts.push({ coinId: q.coinId, symbol: q.symbol, name: q.name, change24h: q.change24h, price: q.price, currency: q.currency, direction });
  }
  return { alerts, log: next };
}
