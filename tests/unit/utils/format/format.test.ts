import { describe, expect, it } from 'vitest';
import { changeDirection, formatAge, formatChange, formatCompact, formatCost, formatInteger, formatPrice, formatShare } from '@/utils/format';

describe('formatPrice', () => {
  it('formats fiat with currency symbols and sensible precision', () => {
    expect(formatPrice(432.17, 'usd', 'en-US')).toBe('$432.17');
    expect(formatPrice(77000, 'usd', 'en-US')).toBe('$77,000');
    expect(formatPrice(0.1623, 'usd', 'en-US')).toBe('$0.1623');
    expect(formatPrice(0.00004512, 'usd', 'en-US')).toBe('$0.00004512');
    expect(formatPrice(3608.2, 'inr', 'en-IN')).toBe('₹3,608.20');
    expect(formatPrice(3608712.5, 'inr', 'hi')).toBe('₹36,08,713');
    expect(formatPrice(65342.1, 'jpy', 'en-US')).toBe('¥65,342');
    expect(formatPrice(397.6, 'eur', 'de-DE')).toBe('397,60\u00a0€');
  });

  it('formats crypto quote currencies and missing values', () => {
    expect(formatPrice(0.0056125, 'btc', 'en-US')).toBe('₿0.0056125');
    expect(formatPrice(0.139, 'eth', 'en-US')).toBe('Ξ0.139');
    expect(formatPrice(null, 'usd')).toBe('—');
    expect(formatPrice(Number.NaN, 'usd')).toBe('—');
  });
});

describe('changes, compact numbers, ages', () => {
  it('always writes the sign', () => {
    expect(formatChange(3.214, 'en-US')).toBe('+3.21%');
    expect(formatChange(-2.5, 'en-US')).toBe('-2.50%');
    expect(formatChange(0, 'en-US')).toBe('0.00%');
    expect(formatChange(null)).toBe('—');
    expect(changeDirection(1)).toBe('up');
    expect(changeDirection(-1)).toBe('down');
    expect(changeDirection(null)).toBe('unknown');
  });

  it('compacts large numbers', () => {
    expect(formatCompact(3_200_000_000, 'usd', 'en-US')).toBe('$3.2B');
    expect(formatCompact(150_000_000, null, 'en-US')).toBe('150M');
    expect(formatInteger(1234567, 'en-US')).toBe('1,234,567');
    expect(formatInteger(1234567, 'en-IN')).toBe('12,34,567');
  });

  it('says how old something is', () => {
    expect(formatAge(1000, 'en')).toBe('now');
    expect(formatAge(45_000, 'en')).toBe('45 sec. ago');
    expect(formatAge(2 * 3600_000, 'en')).toBe('2 hr. ago');
    expect(formatAge(3 * 86400_000, 'en')).toBe('3 days ago');
  });
});

describe('shares and token costs (the badge)', () => {
  it('writes shares with more digits when they are small', () => {
    expect(formatShare(0.425, 'en')).toBe('42.5%');
    expect(formatShare(0.0525, 'en')).toBe('5.25%');
    expect(formatShare(0.00012, 'en')).toBe('0.012%');
    expect(formatShare(0.07, 'en')).toBe('7%');
    expect(formatShare(1, 'en')).toBe('100%');
  });
  it('writes costs in cents, with more digits below a cent', () => {
    expect(formatCost(0, 'USD', 'en')).toBe('$0.00');
    expect(formatCost(0.0042, 'USD', 'en')).toBe('$0.0042');
    expect(formatCost(0.5, 'USD', 'en')).toBe('$0.50');
    expect(formatCost(12.345, 'USD', 'en')).toBe('$12.35');
  });
});
