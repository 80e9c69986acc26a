import { describe, expect, it } from 'vitest';
import { parseSites } from '@/components/settings/TokenSettings';
import { badgeOnFor, encodingsFor } from '@/utils/page/selection-badge';
import { DEFAULT_SETTINGS } from '@/utils/settings';

describe('token settings', () => {
  it('turns what the user typed into host names', () => {
    expect(parseSites('mail.example.com\nhttps://www.Docs.example.org/path?q=1, *.intra.net\n\n  localhost:8080 \nmail.example.com')).toEqual([
      'mail.example.com',
      'docs.example.org',
      'intra.net',
      'localhost',
    ]);
    expect(parseSites('')).toEqual([]);
  });

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
