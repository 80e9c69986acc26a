import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_SETTINGS,
  explainStorageError,
  SettingsError,
  getSettings,
  isSiteListed,
  parseSettings,
  updateSettings,
  watchSettings,
} from '@/utils/settings';
import { fakeBrowser } from 'wxt/testing/fake-browser';

describe('settings', () => {
  it('starts from the defaults', async () => {
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS).toMatchObject({ currency: 'usd', defaultEncoding: 'o200k_base', historyEnabled: true, excerptsEnabled: false });
  });

  it('counts o200k_base and cl100k_base in the badge by default; a bad stored value falls back, unknown encodings are dropped', async () => {
    expect(DEFAULT_SETTINGS.badgeEncodings).toEqual(['o200k_base', 'cl100k_base']);
    for (const bad of ['llama3', null, 42, { 0: 'llama3' }]) expect(parseSettings({ badgeEncodings: bad }).badgeEncodings).toEqual(['o200k_base', 'cl100k_base']);
    expect(parseSettings({ badgeEncodings: ['gemma3', 'mistral-v7', 3, 'llama3', 'gemma3'] }).badgeEncodings).toEqual(['llama3', 'gemma3']);
    expect(parseSettings({ badgeEncodings: [] }).badgeEncodings).toEqual([]);

    await fakeBrowser.storage.sync.set({ 'settings.badgeEncodings': 'gemma3' });
    expect((await getSettings()).badgeEncodings).toEqual(['o200k_base', 'cl100k_base']);
    await updateSettings({ badgeEncodings: ['gemma3', 'llama3'] });
    expect(await fakeBrowser.storage.sync.get('settings.badgeEncodings')).toEqual({ 'settings.badgeEncodings': ['llama3', 'gemma3'] });
    await expect(updateSettings({ badgeEncodings: 'qwen3' as never })).rejects.toBeInstanceOf(SettingsError);
    expect((await getSettings()).badgeEncodings).toEqual(['llama3', 'gemma3']);
  });

  it('saves each setting as its own sync item and tells listeners', async () => {
    const seen: string[] = [];
    const stop = watchSettings((s) => seen.push(s.currency));
    await updateSettings({ currency: 'inr' });
    expect((await getSettings()).currency).toBe('inr');
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({ 'settings.currency': 'inr' });
    await vi.waitFor(() => expect(seen).toEqual(['inr']));
    stop();
  });

  it('moves the old single `settings` item into one item per setting on read, keeping every valid value', async () => {
    await fakeBrowser.storage.sync.set({ settings: { currency: 'eur', markingOffSites: ['a.example'], historyEnabled: false, refreshMinutes: -1 } });
    const settings = await getSettings();
    expect(settings).toMatchObject({ currency: 'eur', markingOffSites: ['a.example'], historyEnabled: false, refreshMinutes: 5 });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({
      'settings.currency': 'eur',
      'settings.markingOffSites': ['a.example'],
      'settings.historyEnabled': false,
    });
    // An older version on another device writing the old item again is picked up too, and listeners hear of it.
    const seen: string[] = [];
    const stop = watchSettings((s) => seen.push(s.currency));
    await fakeBrowser.storage.sync.set({ settings: { currency: 'gbp' } });
    await vi.waitFor(() => expect(seen).toContain('gbp'));
    expect((await getSettings()).markingOffSites).toEqual(['a.example']);
    stop();
  });

  it('never loses one save to another: the popup, the options page and an import write only their own fields', async () => {
    await Promise.all([
      updateSettings({ currency: 'jpy' }),
      updateSettings({ badgeOffSites: ['x.example'] }),
      updateSettings({ historyEnabled: false }),
    ]);
    expect(await getSettings()).toMatchObject({ currency: 'jpy', badgeOffSites: ['x.example'], historyEnabled: false });
  });

  it('refuses 2,000 pasted sites with a clear message and keeps the list saved before', async () => {
    await updateSettings({ markingOffSites: ['kept.example'] });
    const sites = Array.from({ length: 2000 }, (_, i) => `site-${i}.example`);
    await expect(updateSettings({ markingOffSites: sites })).rejects.toThrow(/2,000 sites; at most 500/);
    expect((await getSettings()).markingOffSites).toEqual(['kept.example']);
  });

  it('refuses a list too large for one sync item before the browser does, in words', async () => {
    const sites = Array.from({ length: 400 }, (_, i) => `a-rather-long-subdomain-${i}.example.org`);
    await expect(updateSettings({ badgeOffSites: sites })).rejects.toThrow(/too long to sync .* 8 KB per setting/);
    expect((await getSettings()).badgeOffSites).toEqual([]);
  });

  it('refuses an invalid value instead of silently resetting it', async () => {
    await updateSettings({ refreshMinutes: 10 });
    await expect(updateSettings({ refreshMinutes: -3 })).rejects.toBeInstanceOf(SettingsError);
    expect((await getSettings()).refreshMinutes).toBe(10);
  });

  it('explains storage.sync quota errors in words', () => {
    expect(explainStorageError(new Error('QUOTA_BYTES_PER_ITEM quota exceeded')).message).toMatch(/8 KB per setting/);
    expect(explainStorageError(new Error('QUOTA_BYTES quota exceeded')).message).toMatch(/sync storage is full/);
    expect(explainStorageError(new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded')).message).toMatch(/too often/);
    expect(explainStorageError(new Error('QuotaExceededError: storage.sync API call exceeded its quota limitations.')).message).toMatch(/full/);
  });

  it('turns a quota error from the browser into that message, writing nothing', async () => {
    const set = vi.spyOn(fakeBrowser.storage.sync, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(updateSettings({ currency: 'eur' })).rejects.toThrow(/sync storage is full/);
    set.mockRestore();
    expect((await getSettings()).currency).toBe('usd');
  });

  it('replaces invalid stored values with defaults, field by field', () => {
    const parsed = parseSettings({ currency: 'doge', refreshMinutes: -3, apiBaseUrl: 'javascript:alert(1)', historyEnabled: false });
    expect(parsed.currency).toBe('usd');
    expect(parsed.refreshMinutes).toBe(5);
    expect(parsed.apiBaseUrl).toBe('https://api.coingecko.com/api/v3');
    expect(parsed.historyEnabled).toBe(false);
    expect(parseSettings('garbage')).toEqual(DEFAULT_SETTINGS);
  });

  it('matches sites and their subdomains', () => {
    expect(isSiteListed('news.example.com', ['example.com'])).toBe(true);
    expect(isSiteListed('example.com', ['example.com'])).toBe(true);
    expect(isSiteListed('badexample.com', ['example.com'])).toBe(false);
    expect(isSiteListed('x.org', [' '])).toBe(false);
  });
});
