/** The content script's start-up settings reader (no schema library) agrees with the schema. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, updateSettings } from '@/utils/settings';
import { DEFAULT_PAGE_SETTINGS, PAGE_SETTING_FIELDS, parsePageSettings, readPageSettings, watchPageSettings } from '@/utils/settings/page';

describe('page settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('have the schema’s defaults', () => {
    for (const field of PAGE_SETTING_FIELDS) expect(DEFAULT_PAGE_SETTINGS[field]).toEqual(DEFAULT_SETTINGS[field]);
  });

  it('read what the options page saved, one item per setting', async () => {
    await updateSettings({ markingOffSites: ['example.org'], badgeEnabled: false, minSelectionChars: 40, defaultEncoding: 'cl100k_base', badgeEncodings: ['gemma3', 'llama3'] });
    const full = await getSettings();
    const page = await readPageSettings();
    for (const field of PAGE_SETTING_FIELDS) expect(page[field]).toEqual(full[field]);
  });

  it('treat what the schema would refuse as the default', () => {
    const bad = { markingEnabled: 'yes', markingOffSites: [1, 2], badgeEnabled: null, badgeOffSites: 'x', minSelectionChars: 0, defaultEncoding: 'gpt2', badgeEncodings: 'llama3' };
    expect(parsePageSettings(bad)).toEqual(DEFAULT_PAGE_SETTINGS);
    expect(parsePageSettings({ minSelectionChars: 10_001 }).minSelectionChars).toBe(DEFAULT_PAGE_SETTINGS.minSelectionChars);
    expect(parsePageSettings({ badgeOffSites: Array(501).fill('a.com') }).badgeOffSites).toEqual([]);
    // As the schema: a list keeps the encodings it names, in their order, and drops other names.
    expect(parsePageSettings({ badgeEncodings: ['gemma3', 'mistral', 7, 'qwen3', 'gemma3'] }).badgeEncodings).toEqual(['qwen3', 'gemma3']);
    expect(parsePageSettings({ badgeEncodings: null }).badgeEncodings).toEqual(['o200k_base', 'cl100k_base']);
  });

  it('read the single item older versions wrote, until the background moves it', async () => {
    await fakeBrowser.storage.sync.set({ settings: { markingEnabled: false, badgeOffSites: ['news.example'] } });
    expect(await readPageSettings()).toMatchObject({ markingEnabled: false, badgeOffSites: ['news.example'] });
  });

  it('follow changes made anywhere', async () => {
    const seen: boolean[] = [];
    const stop = watchPageSettings((s) => seen.push(s.markingEnabled));
    await updateSettings({ markingEnabled: false });
    await expect.poll(() => seen).toEqual([false]);
    stop();
    await updateSettings({ markingEnabled: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([false]);
  });
});
