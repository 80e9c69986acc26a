/**
 * Intl formatting shared by the card, the badge and the popup: prices with
 * sensible precision (tiny prices keep their significant digits), signed
 * percentage changes, compact market caps, ages ("2 min ago"), counts, shares
 * and token costs.
 * Pure: the locale is an argument (Indian digit grouping comes from `hi`/`en-IN`).
 */

const FIAT = new Set(['usd', 'inr', 'eur', 'gbp', 'jpy']);
const CRYPTO_SYMBOL: Record<string, string> = { btc: '₿', eth: 'Ξ' };

/** Significant digits to show for a price: more for small numbers. */
function fractionDigits(value: number): { min: number; max: number } {
  const abs = Math.abs(value);
  if (abs === 0) return { min: 2, max: 2 };
  if (abs >= 10_000) return { min: 0, max: 0 };
  if (abs >= 1) return { min: 2, max: 2 };
  // Keep 4 significant digits below 1: 0.1623, 0.0004512, 0.000000012 34…
  const leadingZeros = Math.max(0, -Math.floor(Math.log10(abs)) - 1);
  return { min: Math.min(2, leadingZeros + 4), max: Math.min(20, leadingZeros + 4) };
}

export function formatPrice(value: number | null | undefined, currency: string, locale?: string): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const cur = currency.toLowerCase();
  const { min, max } = fractionDigits(value);
  if (FIAT.has(cur)) {
    const jpyish = cur === 'jpy' && Math.abs(value) >= 100;
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: cur.toUpperCase(),
      minimumFractionDigits: jpyish ? 0 : min,
      maximumFractionDigits: jpyish ? 0 : max,
    }).format(value);
  }
  const number = new Intl.NumberFormat(locale, {
    minimumSignificantDigits: 1,
    maximumSignificantDigits: 6,
  }).format(value);
  return `${CRYPTO_SYMBOL[cur] ?? ''}${number}${CRYPTO_SYMBOL[cur] ? '' : ` ${cur.toUpperCase()}`}`;
}

/** "+3.21%" / "−2.50%"; the sign is always written (colour is never the only cue). */
export function formatChange(pct: number | null | undefined, locale?: string): string {
  if (pct == null || !Number.isFinite(pct)) return '—';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    signDisplay: 'exceptZero',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(pct / 100);
}

/** Direction of a change, for arrows and colours. */
export function changeDirection(pct: number | null | undefined): 'up' | 'down' | 'flat' | 'unknown' {
  if (pct == null || !Number.isFinite(pct)) return 'unknown';
  if (pct > 0) return 'up';
  if (pct < 0) return 'down';
  return 'flat';
}

/** Market caps and volumes: "$3.2B", "₹26,720 करोड़" style compact numbers. */
export function formatCompact(value: number | null | undefined, currency: string | null, locale?: string): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const cur = currency?.toLowerCase() ?? null;
  const options: Intl.NumberFormatOptions = { notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 2 };
  if (cur && FIAT.has(cur)) {
    return new Intl.NumberFormat(locale, { ...options, style: 'currency', currency: cur.toUpperCase() }).format(value);
  }
  const number = new Intl.NumberFormat(locale, options).format(value);
  return cur ? `${CRYPTO_SYMBOL[cur] ?? ''}${number}${CRYPTO_SYMBOL[cur] ? '' : ` ${cur.toUpperCase()}`}` : number;
}

/** Whole numbers with grouping: 1,234,567 (en) / 12,34,567 (hi, en-IN). */
export function formatInteger(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A share of a whole (0…1) as a percentage, finer for small shares: "42.5%", "0.25%", "0.012%". */
export function formatShare(fraction: number, locale?: string): string {
  const digits = fraction < 0.001 ? 3 : fraction < 0.1 ? 2 : 1;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

/** A small amount of money (what tokens cost): cents, and more digits below a cent: "$0.0042". */
export function formatCost(value: number, currency: string, locale?: string): string {
  const digits = value === 0 ? 2 : value < 0.01 ? 5 : value < 1 ? 4 : 2;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  }).format(value);
}

/** "just now", "45 sec. ago", "2 hr. ago", "3 days ago" in the locale's words. */
export function formatAge(ms: number, locale?: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });
  if (seconds < 5) return rtf.format(0, 'second');
  if (seconds < 60) return rtf.format(-seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return rtf.format(-hours, 'hour');
  return rtf.format(-Math.round(hours / 24), 'day');
}
