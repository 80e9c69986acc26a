import { describe, expect, it } from 'vitest';
import { encodingsFor } from '@/entrypoints/content/selection-badge/selection-badge';
import { badgeOnFor } from '@/entrypoints/content/selection-badge/start';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { DEFAULT_PAGE_SETTINGS } from '@/utils/settings/page';
import { OPEN_MODEL_ENCODINGS, type Encoding } from '@/utils/tokens/encodings';

describe('token settings', () => {
  it('keeps the badge off when disabled or on a listed site (and its subdomains)', () => {
    expect(badgeOnFor(DEFAULT_SETTINGS, 'news.example.com')).toBe(true);
    expect(badgeOnFor({ ...DEFAULT_SETTINGS, badgeEnabled: false }, 'news.example.com')).toBe(false);
    const off = { ...DEFAULT_SETTINGS, badgeOffSites: ['example.com'] };
    expect(badgeOnFor(off, 'news.example.com')).toBe(false);
    expect(badgeOnFor(off, 'example.org')).toBe(true);
  });

  it('counts o200k_base and cl100k_base by default, the default encoding first', () => {
    expect(encodingsFor(DEFAULT_PAGE_SETTINGS)).toEqual(['o200k_base', 'cl100k_base']);
    expect(encodingsFor({ ...DEFAULT_PAGE_SETTINGS, defaultEncoding: 'cl100k_base' })).toEqual(['cl100k_base', 'o200k_base']);
  });

  it('counts exactly the chosen encodings, the default first even when not chosen, each once', () => {
    const chosen = (defaultEncoding: Encoding, badgeEncodings: Encoding[]) => encodingsFor({ defaultEncoding, badgeEncodings });
    expect(chosen('o200k_base', ['gemma3', 'llama3'])).toEqual(['o200k_base', 'llama3', 'gemma3']);
    expect(chosen('llama3', ['o200k_base', 'llama3', 'gemma3'])).toEqual(['llama3', 'o200k_base', 'gemma3']);
    expect(chosen('gemma3', [])).toEqual(['gemma3']);
    // No open family unless chosen: nothing of theirs is loaded.
    expect(encodingsFor(DEFAULT_PAGE_SETTINGS).some((e) => (OPEN_MODEL_ENCODINGS as readonly string[]).includes(e))).toBe(false);
  });
});
