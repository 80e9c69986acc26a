/**
 * The live count's settings: on by default on the chat sites of the data
 * file only, a site list the user edits (127.0.0.1 included), a model from
 * the context-window tables; the content script's start-up reader agrees
 * with the schema.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, isSiteListed, parseSettings, SettingsError, updateSettings } from '@/utils/settings';
import { parsePageSettings, readPageSettings } from '@/utils/settings/page';
import { parseSiteList } from '@/utils/settings/site-list';
import { hosts, sites } from '@/utils/settings/live-count-sites.json';
import { CONTEXT_MODELS, contextModel, OPEN_CONTEXTS, PRICE_TABLE } from '@/utils/tokens/llm-prices';
import { SITE_LIST_MAX } from '@/utils/model/limits';

describe('live count settings', () => {
  it('are on by default, on the chat sites of the data file and nowhere else', () => {
    expect(DEFAULT_SETTINGS.liveCountEnabled).toBe(true);
    expect(DEFAULT_SETTINGS.liveCountSites).toEqual(hosts);
    expect(Object.keys(sites)).toEqual(hosts);
    expect(Object.values(sites).map((s) => s.name)).toEqual([
      'ChatGPT', 'Claude', 'Gemini', 'Copilot', 'Perplexity', 'DeepSeek', 'Mistral Le Chat', 'Hugging Face Chat',
    ]);
    for (const [host, site] of Object.entries(sites)) {
      // Each host is the list's own form of the site's address, and the site's pages are listed.
      expect(parseSiteList(site.url)).toEqual([host]);
      expect(isSiteListed(new URL(site.url).hostname, DEFAULT_SETTINGS.liveCountSites)).toBe(true);
    }
    for (const elsewhere of ['example.com', 'chatgpt.com.evil.example', 'google.com', 'mail.google.com', '127.0.0.1']) {
      expect(isSiteListed(elsewhere, DEFAULT_SETTINGS.liveCountSites)).toBe(false);
    }
  });

  it('take 127.0.0.1 and any host the user lists, and refuse a list too long to sync', async () => {
    expect(parseSiteList('127.0.0.1\nhttp://127.0.0.1:5173/chat\nlocalhost\nhttps://Chat.Example.org/x')).toEqual([
      '127.0.0.1',
      'localhost',
      'chat.example.org',
    ]);
    await updateSettings({ liveCountSites: ['127.0.0.1', 'chatgpt.com'] });
    expect((await getSettings()).liveCountSites).toEqual(['127.0.0.1', 'chatgpt.com']);
    expect(await fakeBrowser.storage.sync.get('settings.liveCountSites')).toEqual({ 'settings.liveCountSites': ['127.0.0.1', 'chatgpt.com'] });
    await expect(updateSettings({ liveCountSites: Array.from({ length: SITE_LIST_MAX + 1 }, (_, i) => `s${i}.example`) })).rejects.toThrow(
      /at most 500/,
    );
    expect((await getSettings()).liveCountSites).toEqual(['127.0.0.1', 'chatgpt.com']);
  });

  it('choose the context bar’s model from the tables; an unknown one is refused, and read as the default', async () => {
    expect(CONTEXT_MODELS.map((m) => m.id)).toEqual([...PRICE_TABLE.models, ...OPEN_CONTEXTS.models].map((m) => m.id));
    expect(contextModel(DEFAULT_SETTINGS.liveCountModel)).toMatchObject({ id: 'gpt-5', encoding: 'o200k_base' });
    await updateSettings({ liveCountModel: 'llama-3.1' });
    expect((await getSettings()).liveCountModel).toBe('llama-3.1');
    await expect(updateSettings({ liveCountModel: 'claude-9' })).rejects.toBeInstanceOf(SettingsError);
    expect(parseSettings({ liveCountModel: 'claude-9' }).liveCountModel).toBe('gpt-5');
    // The page keeps the stored id; the live count's chunk resolves it as the schema does.
    const page = parsePageSettings({ liveCountModel: 'claude-9' });
    expect(contextModel(page.liveCountModel, DEFAULT_SETTINGS.liveCountModel).id).toBe(parseSettings({ liveCountModel: 'claude-9' }).liveCountModel);
    expect(parsePageSettings({ liveCountModel: 7 }).liveCountModel).toBe('gpt-5');
  });

  it('reach the page as saved, and fall back to the defaults when damaged', async () => {
    await updateSettings({ liveCountEnabled: false, liveCountSites: ['127.0.0.1'], liveCountModel: 'gpt-4o' });
    expect(await readPageSettings()).toMatchObject({ liveCountEnabled: false, liveCountSites: ['127.0.0.1'], liveCountModel: 'gpt-4o' });
    expect(parsePageSettings({ liveCountEnabled: 'no', liveCountSites: 'chatgpt.com' })).toMatchObject({
      liveCountEnabled: true,
      liveCountSites: DEFAULT_SETTINGS.liveCountSites,
    });
  });
});
