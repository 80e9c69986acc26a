import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { readFile } from 'node:fs/promises';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { closeDb } from '@/entrypoints/background/storage/db';
import { createPriceService } from '@/entrypoints/background/prices/price-service';
import { getStoredApiKey } from '@/entrypoints/background/storage/api-key-store';
import { updateSettings } from '@/utils/settings';
import type { RequestContext } from '@/utils/protocol/validate';

const ctx: RequestContext = { sender: 'content', tabId: 1, frameId: 0, url: 'https://example.com/' };
const options: RequestContext = { sender: 'extension', tabId: null, frameId: null, url: null };

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

async function marketsBody(): Promise<string> {
  return readFile(new URL('../../../fixtures/api/coins-markets.json', import.meta.url), 'utf8');
}

async function stubFetch(respond?: (url: string) => Response) {
  const body = await marketsBody();
  const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => (respond ? respond(url) : new Response(body, { status: 200 })));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const keyHeader = (init?: RequestInit) => (init?.headers as Record<string, string> | undefined)?.['x-cg-demo-api-key'];
const grantHosts = (granted: boolean) => vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => granted);

describe('the background price service (settings, key, cache, sources wired together)', () => {
  it('fetches from the configured base URL with the key header, caches in IndexedDB, and answers later asks from the cache', async () => {
    const fetchMock = await stubFetch();
    grantHosts(true);
    await updateSettings({ apiBaseUrl: 'https://prices.example/api/v3', apiPlan: 'demo', currency: 'inr' });
    const prices = createPriceService();
    expect(await prices['apiKey.set']({ key: ' CG-key ' }, options)).toMatchObject({ set: true, origin: 'https://prices.example', problem: null });

    const first = await prices['quotes.get']({ coinIds: ['bittensor', 'singularitynet'], wait: true }, ctx);
    expect(first.currency).toBe('inr');
    expect(first.error).toBeNull();
    expect(first.quotes.map((q) => [q.coinId, q.quote?.price ?? null, q.stale])).toEqual([
      ['bittensor', 432.17, false],
      ['singularitynet', 0.5012, false],
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toMatch(/^https:\/\/prices\.example\/api\/v3\/coins\/markets\?/);
    expect(new URL(url).searchParams.get('vs_currency')).toBe('inr');
    expect(keyHeader(init)).toBe('CG-key');
    expect(init?.redirect).toBe('error');

    // A new service (a restarted worker) answers from IndexedDB without fetching.
    const again = await createPriceService()['quotes.get']({ coinIds: ['bittensor'] }, ctx);
    expect(again.quotes[0]).toMatchObject({ stale: false, quote: { price: 432.17, source: 'CoinGecko' } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('never sends the key to a base URL it was not entered for (a tampered backup or a synced change), until the user confirms it there', async () => {
    const fetchMock = await stubFetch();
    grantHosts(true);
    await updateSettings({ apiPlan: 'demo' });
    const prices = createPriceService();
    await prices['apiKey.set']({ key: 'CG-key' }, options);
    expect(await getStoredApiKey()).toMatchObject({ key: 'CG-key', origin: 'https://api.coingecko.com' });
    // Nothing content scripts can read holds the key.
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('CG-key');
    expect(JSON.stringify(await fakeBrowser.storage.sync.get(null))).not.toContain('CG-key');

    await updateSettings({ apiBaseUrl: 'https://attacker.example/api/v3' });
    const answer = await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(answer.error).toMatchObject({ code: 'bad-config', message: expect.stringContaining('https://api.coingecko.com') });
    for (const [url, init] of fetchMock.mock.calls) {
      expect(keyHeader(init), url).toBeUndefined();
      expect(url).not.toContain('attacker.example');
    }
    await expect(prices['coins.search']({ query: 'tao' }, options)).rejects.toThrow(/saved for https:\/\/api\.coingecko\.com/);
    expect(await prices['apiKey.status']({}, options)).toMatchObject({ set: true, origin: 'https://api.coingecko.com', currentOrigin: 'https://attacker.example' });

    // The user confirms it for the new address: now it goes there.
    await prices['apiKey.confirm']({}, options);
    await prices['prices.reset']({}, options);
    await prices['quotes.get']({ coinIds: ['fetch-ai'], wait: true }, ctx);
    const last = fetchMock.mock.calls.at(-1)!;
    expect(last[0]).toContain('attacker.example');
    expect(keyHeader(last[1])).toBe('CG-key');
  });

  it('a plan change that moves to another host (Demo → Pro) does not carry the key along', async () => {
    const fetchMock = await stubFetch();
    await updateSettings({ apiPlan: 'demo' });
    const prices = createPriceService();
    await prices['apiKey.set']({ key: 'CG-key' }, options);
    await updateSettings({ apiPlan: 'pro' });
    const answer = await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(answer.error).toMatchObject({ code: 'bad-config' });
    expect(fetchMock.mock.calls.every(([url]) => !url.includes('pro-api.coingecko.com'))).toBe(true);
  });

  it('sends the key over HTTPS only, and to a custom host only when the user granted access to it', async () => {
    const fetchMock = await stubFetch();
    const contains = grantHosts(false);
    await updateSettings({ apiPlan: 'demo', apiBaseUrl: 'http://prices.example/api/v3' });
    const prices = createPriceService();
    await expect(prices['apiKey.set']({ key: 'CG-key' }, options)).rejects.toThrow(/HTTPS only/);
    expect(await getStoredApiKey()).toBeNull();

    await updateSettings({ apiBaseUrl: 'https://prices.example/api/v3' });
    await prices['apiKey.set']({ key: 'CG-key' }, options);
    const answer = await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(answer.error).toMatchObject({ code: 'bad-config', message: expect.stringContaining('no access to prices.example') });
    expect(contains).toHaveBeenCalledWith({ origins: ['https://prices.example/*'] });
    expect(fetchMock.mock.calls.some(([url]) => url.includes('prices.example'))).toBe(false);

    // A base URL switched to http:// afterwards does not get it either.
    await updateSettings({ apiBaseUrl: 'http://prices.example/api/v3' });
    expect((await prices['apiKey.status']({}, options)).problem).toMatch(/saved for https:\/\/prices\.example/);
  });

  it('asks a custom host nothing, keyless too, until the user granted access to it', async () => {
    const fetchMock = await stubFetch();
    const contains = grantHosts(false);
    // Keyless, as a synced change or anything else that writes the settings could leave it.
    await updateSettings({ apiPlan: 'keyless', apiBaseUrl: 'https://elsewhere.example/api/v3' });
    const prices = createPriceService();
    const answer = await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(answer.error).toMatchObject({ code: 'bad-config', message: expect.stringContaining('no access to elsewhere.example') });
    await expect(prices['coins.search']({ query: 'tao' }, options)).rejects.toThrow(/no access to elsewhere\.example/);
    expect(contains).toHaveBeenCalledWith({ origins: ['https://elsewhere.example/*'] });
    expect(fetchMock.mock.calls.some(([url]) => url.includes('elsewhere.example'))).toBe(false);

    // Granted (the settings' button): asked at once.
    contains.mockImplementation(async () => true);
    await prices['prices.reset']({}, options);
    const granted = await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(granted.error).toBeNull();
    expect(fetchMock.mock.calls.at(-1)![0]).toMatch(/^https:\/\/elsewhere\.example\/api\/v3\/coins\/markets\?/);
  });

  it('moves a key an older version left in storage.local into the background store', async () => {
    await stubFetch();
    await fakeBrowser.storage.local.set({ apiKey: 'CG-old' });
    await updateSettings({ apiPlan: 'demo' });
    const prices = createPriceService();
    expect(await prices['apiKey.status']({}, options)).toMatchObject({ set: true, origin: 'https://api.coingecko.com', problem: null });
    expect(await fakeBrowser.storage.local.get('apiKey')).toEqual({});
    expect(await getStoredApiKey()).toMatchObject({ key: 'CG-old' });
    await prices['apiKey.set']({ key: '' }, options);
    expect(await getStoredApiKey()).toBeNull();
  });

  it('after a 429 with Retry-After: 99999999, pointing the base URL elsewhere gets prices at once; the pause is capped at an hour and reset from the settings', async () => {
    let limited = true;
    const body = await marketsBody();
    const fetchMock = await stubFetch((url) =>
      limited && url.startsWith('https://api.coingecko.com')
        ? new Response('', { status: 429, headers: { 'retry-after': '99999999' } })
        : url.includes('coinbase')
          ? new Response('', { status: 503 })
          : new Response(body, { status: 200 }),
    );
    grantHosts(true);
    const prices = createPriceService();
    const limitedAnswer = await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(limitedAnswer.error).toMatchObject({ code: 'rate-limited' });
    expect(limitedAnswer.error!.retryAt! - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    const stored = (await fakeBrowser.storage.local.get('priceBackoff')).priceBackoff as Record<string, { until: number }>;
    expect(Object.keys(stored)).toContain('api.coingecko.com');

    await updateSettings({ apiBaseUrl: 'https://mirror.example/api/v3' });
    const moved = await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(moved.error).toBeNull();
    expect(moved.quotes[0]!.quote?.price).toBe(432.17);
    expect(fetchMock.mock.calls.at(-1)![0]).toContain('mirror.example');

    // Back to CoinGecko, still limited: paused again; the settings' reset lets the next ask out at once.
    await updateSettings({ apiBaseUrl: 'https://api.coingecko.com/api/v3' });
    expect((await prices['quotes.get']({ coinIds: ['singularitynet'], wait: true }, ctx)).error).toMatchObject({ code: 'rate-limited' });
    const calls = fetchMock.mock.calls.length;
    expect((await prices['quotes.get']({ coinIds: ['singularitynet'], wait: true }, ctx)).error).toMatchObject({ code: 'rate-limited' });
    expect(fetchMock.mock.calls.slice(calls).some(([url]) => url.startsWith('https://api.coingecko.com'))).toBe(false);
    limited = false;
    await prices['prices.reset']({}, options);
    expect((await prices['quotes.get']({ coinIds: ['singularitynet'], wait: true }, ctx)).error).toBeNull();
  });

  it('fetches only coins Token Insight knows, so random ids cannot spend the API quota, and caches only coins asked for', async () => {
    const fetchMock = await stubFetch();
    const prices = createPriceService();
    const answer = await prices['quotes.get']({ coinIds: ['made-up-coin-123', 'another-random-id'], wait: true }, ctx);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(answer.quotes.every((q) => q.quote === null)).toBe(true);

    await prices['quotes.get']({ coinIds: ['bittensor'], wait: true }, ctx);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // The fixture also lists singularitynet: it was not asked for, so it was not cached.
    const cachedOnly = await createPriceService()['quotes.get']({ coinIds: ['singularitynet'] }, ctx);
    expect(cachedOnly.quotes[0]!.quote).toBeNull();
  });
});
