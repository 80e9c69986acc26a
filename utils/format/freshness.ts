/**
 * The card's freshness line (pure): how old the shown price is and why, e.g.
 * "Updated 12 sec. ago", "Updated 3 min. ago · refreshing…",
 * "2 hr. ago, offline", "5 min. ago · stale: rate-limited".
 */
import type { QuoteError } from '@/utils/model/quote';
import { formatAge } from './';

export type FreshnessKind = 'fresh' | 'refreshing' | 'stale' | 'offline';

export interface FreshnessInput {
  fetchedAt: number;
  stale: boolean;
  refreshing: boolean;
  error: QuoteError | null;
  now: number;
  locale?: string;
}

type Translate = (key: string, subs?: string[]) => string;

export function describeFreshness(input: FreshnessInput, t: Translate): { kind: FreshnessKind; text: string } {
  const age = formatAge(input.now - input.fetchedAt, input.locale);
  if (input.error && (input.stale || input.error.code !== 'not-found')) {
    if (input.error.code === 'offline' || input.error.code === 'timeout') {
      return { kind: 'offline', text: t('card_freshness_offline', [age]) };
    }
    const why = t(`card_reason_${input.error.code.replace('-', '_')}`);
    return { kind: 'stale', text: t('card_freshness_stale', [age, why]) };
  }
  if (input.refreshing) return { kind: 'refreshing', text: t('card_freshness_refreshing', [age]) };
  if (input.stale) return { kind: 'stale', text: t('card_freshness_old', [age]) };
  return { kind: 'fresh', text: t('card_freshness_updated', [age]) };
}

/** The 7-day change from a sparkline's first and last points, in %. */
export function sparklineChange(prices: readonly number[]): number | null {
  const first = prices[0];
  const last = prices[prices.length - 1];
  if (first === undefined || last === undefined || prices.length < 2 || first === 0) return null;
  return ((last - first) / first) * 100;
}
