import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
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

  it('saves changes in sync storage and tells listeners', async () => {
    const seen: string[] = [];
    const stop = watchSettings((s) => seen.push(s.currency));
    await updateSettings({ currency: 'inr' });
    expect((await getSettings()).currency).toBe('inr');
    expect(await fakeBrowser.storage.sync.get('settings')).toMatchObject({ settings: { currency: 'inr' } });
    expect(seen).toEqual(['inr']);
    stop();
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
