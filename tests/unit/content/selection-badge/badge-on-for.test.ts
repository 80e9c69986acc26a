import { describe, expect, it } from 'vitest';
import { encodingsFor } from '@/entrypoints/content/selection-badge/selection-badge';
import { badgeOnFor } from '@/entrypoints/content/selection-badge/start';
import { DEFAULT_SETTINGS } from '@/utils/settings';

describe('token settings', () => {
  it('keeps the badge off when disabled or on a listed site (and its subdomains)', () => {
    expect(badgeOnFor(DEFAULT_SETTINGS, 'news.example.com')).toBe(true);
    expect(badgeOnFor({ ...DEFAULT_SETTINGS, badgeEnabled: false }, 'news.example.com')).toBe(false);
    const off = { ...DEFAULT_SETTINGS, badgeOffSites: ['example.com'] };
    expect(badgeOnFor(off, 'news.example.com')).toBe(false);
    expect(badgeOnFor(off, 'example.org')).toBe(true);
  });

  it('counts the default encoding first', () => {
    expect(encodingsFor('cl100k_base')).toEqual(['cl100k_base', 'o200k_base']);
    expect(encodingsFor('o200k_base')).toEqual(['o200k_base', 'cl100k_base']);
  });
});
